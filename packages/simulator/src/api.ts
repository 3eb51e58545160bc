import type { ChatSession } from './chat-session.js'
import type { ChatStore } from './chat-store.js'
import type { ResolvedConfig } from './config.js'
import { ApiError, ok, type ApiResponse } from './envelope.js'
import { isRecord, type ParsedBody } from './body.js'
import type { ApiRoute } from './routes.js'
import type { OperationName } from './types.js'

export interface ApiRequest {
  method: string
  path: string
  route: ApiRoute
  operation: OperationName | undefined
  query: Record<string, string>
  headers: Record<string, string>
  body: ParsedBody
}

/** Applies one customer-chat request. Throws ApiError for every failure. */
export function handleApi(req: ApiRequest, store: ChatStore, config: ResolvedConfig): ApiResponse {
  const contactCenterId = requireContactCenter(req.headers, config)
  if (!req.body.ok) throw new ApiError('missingParameter', 'The request body is not valid JSON')
  const { route } = req
  switch (route.kind) {
    case 'chats':
      if (req.method !== 'POST') throw notAuthenticated()
      return requestChat(req, store, contactCenterId, config)
    case 'chat':
    case 'messages':
      return chatOperation(req, findChat(store, route.chatId, contactCenterId), config)
    case 'secured':
      throw notAuthenticated()
    case 'unknown':
      throw new ApiError('notFound', `No resource at ${req.path}`)
  }
}

function requireContactCenter(headers: Record<string, string>, config: ResolvedConfig): string {
  const id = headers['contactcenterid']
  if (id === undefined || id === '') throw new ApiError('missingParameter', 'Missing required header: ContactCenterId')
  // Forbidden rather than "not found": statusCode 6 stays reserved for "this chat is gone", which clients treat as the end.
  if (!config.contactCenterIds.includes(id)) throw new ApiError('forbidden', `Unknown contact center: ${id}`)
  return id
}

function notAuthenticated(): ApiError {
  return new ApiError('notAuthenticated', 'Access denied: this resource needs an authenticated user')
}

/** Chats are scoped to the contact center that created them. */
function findChat(store: ChatStore, chatId: string, contactCenterId: string): ChatSession {
  const chat = store.live(chatId)
  if (!chat || chat.contactCenterId !== contactCenterId) throw new ApiError('notFound', `Chat not found: ${chatId}`)
  return chat
}

function bodyObject(body: ParsedBody): Record<string, unknown> {
  if (!body.ok || body.value === undefined) return {}
  if (!isRecord(body.value)) throw new ApiError('missingParameter', 'The request body must be a JSON object')
  return body.value
}

function requiredString(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string' || value.trim() === '') throw new ApiError('missingParameter', `Missing required parameter: ${name}`)
  return value
}

const MAX_USER_DATA_DEPTH = 32

/** True when objects and arrays nest more than `max` levels (counted without recursion). */
function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number]
    if (typeof item !== 'object' || item === null) continue
    if (depth > max) return true
    for (const child of Object.values(item)) stack.push([child, depth + 1])
  }
  return false
}

function requestChat(req: ApiRequest, store: ChatStore, contactCenterId: string, config: ResolvedConfig): ApiResponse {
  const body = bodyObject(req.body)
  const operationName = requiredString(body, 'operationName')
  if (operationName !== 'RequestChat') throw new ApiError('missingParameter', `Unsupported operationName: ${operationName}`)
  const nickname = requiredString(body, 'nickname')
  const subject = requiredString(body, 'subject')
  const { endpoint, userData } = body
  if (endpoint !== undefined && typeof endpoint !== 'string') throw new ApiError('missingParameter', 'endpoint must be a string')
  if (userData !== undefined && !isRecord(userData)) throw new ApiError('missingParameter', 'userData must be an object')
  // Chat views copy userData; a value nested thousands deep would overflow the stack on every copy.
  if (userData !== undefined && nestedDeeperThan(userData, MAX_USER_DATA_DEPTH)) {
    throw new ApiError('missingParameter', `userData must not be nested more than ${MAX_USER_DATA_DEPTH} levels deep`)
  }
  if (!store.hasRoom()) {
    throw new ApiError('forbidden', `The simulator holds its maximum of ${config.maxChats} chats; end some or raise maxChats`, 503)
  }
  const chat = store.create({
    contactCenterId,
    nickname,
    subject,
    ...(endpoint === undefined ? {} : { endpoint }),
    userData: userData ?? {},
  })
  return ok({ id: chat.id, path: `/api/v2/chats/${chat.id}` })
}

function chatOperation(req: ApiRequest, chat: ChatSession, config: ResolvedConfig): ApiResponse {
  const body = bodyObject(req.body)
  switch (req.operation) {
    case 'GetChat':
      chat.touch()
      return ok({ chat: { capabilities: chat.capabilities, id: chat.id, participants: chat.wireParticipants(), state: chat.state } })
    case 'GetMessages':
      chat.touch()
      return ok({ messages: chat.deliver(parseIndex(req.query.index ?? body.index)) })
    case undefined:
      if (req.method !== 'POST' || req.route.kind === 'messages') throw methodNotAllowed(req)
      if (body.operationName === undefined) throw new ApiError('missingParameter', 'Missing required parameter: operationName')
      throw new ApiError('missingParameter', `Unsupported operationName: ${String(body.operationName)}`)
    default:
      return customerOperation(req.operation, body, chat, config)
  }
}

function methodNotAllowed(req: ApiRequest): ApiError {
  return new ApiError('forbidden', `Method ${req.method} is not supported on ${req.path}`, 405)
}

function parseIndex(raw: unknown): number | undefined {
  if (raw === undefined || raw === '') return undefined
  const n = typeof raw === 'number' ? raw : Number(raw)
  if (!Number.isInteger(n) || n < 0) throw new ApiError('missingParameter', `index must be a non-negative integer, got ${String(raw)}`)
  return n
}

function customerOperation(operation: OperationName, body: Record<string, unknown>, chat: ChatSession, config: ResolvedConfig): ApiResponse {
  if (!chat.capabilities.includes(operation)) {
    throw new ApiError('invalidState', `${operation} is not allowed in the current state of chat ${chat.id}`)
  }
  if (chat.full && operation !== 'Complete') {
    throw new ApiError('invalidState', `Chat ${chat.id} holds the maximum of ${config.maxEntriesPerChat} transcript entries`)
  }
  switch (operation) {
    case 'SendMessage':
      chat.text(chat.customer, requiredString(body, 'text'))
      break
    case 'SendStartTypingNotification':
      chat.typing(chat.customer, true, typeof body.text === 'string' ? body.text : undefined)
      break
    case 'SendStopTypingNotification':
      chat.typing(chat.customer, false)
      break
    case 'Complete':
      chat.complete()
      break
    default:
      throw new ApiError('missingParameter', `Unsupported operationName: ${operation}`)
  }
  return ok()
}
