import type { ResolvedConfig } from './config.js'
import type { ParsedBody } from './body.js'
import { isRecord } from './body.js'
import type { OperationName } from './types.js'

export type ApiRoute =
  | { kind: 'chats' }
  | { kind: 'chat'; chatId: string }
  | { kind: 'messages'; chatId: string }
  /** The agent namespace and other secured resources: customers get statusCode 20 there. */
  | { kind: 'secured' }
  | { kind: 'unknown' }

const CHATS = /^\/api\/v2\/chats\/?$/
// Both families: the operation pages (`/api/v2/chats/{id}`) and the General page (`/api/v2/me/chat/{id}`).
const CHAT = /^\/api\/v2\/(?:chats|me\/chat)\/([^/]+)\/?$/
const MESSAGES = /^\/api\/v2\/(?:chats|me\/chat)\/([^/]+)\/messages\/?$/
const SECURED = /^\/api\/v2\/(?:me|users|contact-centers|settings|queues)(?:\/|$)/

export function parseApiRoute(path: string): ApiRoute {
  if (CHATS.test(path)) return { kind: 'chats' }
  const messages = MESSAGES.exec(path)
  if (messages?.[1] !== undefined) return { kind: 'messages', chatId: safeDecode(messages[1]) }
  const chat = CHAT.exec(path)
  if (chat?.[1] !== undefined) return { kind: 'chat', chatId: safeDecode(chat[1]) }
  if (SECURED.test(path)) return { kind: 'secured' }
  return { kind: 'unknown' }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

const POST_OPERATIONS: OperationName[] = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete']

export function isPostOperation(value: unknown): value is OperationName {
  return typeof value === 'string' && (POST_OPERATIONS as string[]).includes(value)
}

/**
 * The operation a request asks for, known before it is applied so fault rules can match on it.
 * Undefined when the request names none (it will be answered with an error envelope).
 */
export function operationOf(method: string, route: ApiRoute, body: ParsedBody, config: ResolvedConfig): OperationName | undefined {
  const name = body.ok && isRecord(body.value) ? body.value.operationName : undefined
  switch (route.kind) {
    case 'chats':
      return method === 'POST' ? 'RequestChat' : undefined
    case 'chat':
      if (method === 'GET') return 'GetChat'
      if (method !== 'POST') return undefined
      if (isPostOperation(name)) return name
      if (config.postVariants && (name === undefined || name === 'GetChat')) return 'GetChat'
      if (config.postVariants && name === 'GetMessages') return 'GetMessages'
      return undefined
    case 'messages':
      if (method === 'GET') return 'GetMessages'
      return method === 'POST' && config.postVariants ? 'GetMessages' : undefined
    default:
      return undefined
  }
}
