import * as v from 'valibot'
import { chatError } from '../errors'
import { MAX_RETRY_AFTER_MS } from '../machine/limits'
import type { HttpAdapter, HttpResponse } from '../http/types'
import type { StartParams } from '../types'
import { crossOriginHint } from './cross-origin'
import { readMessages, type MessagesRead } from './entries'
import type { ChatLocation } from './paths'
import {
  ErrorEnvelopeSchema,
  GetChatResponseSchema,
  GetMessagesResponseSchema,
  OkResponseSchema,
  RequestChatResponseSchema,
  chatResource,
  type ChatResource,
  type RequestChatResponse,
} from './schemas'

export type OperationName =
  | 'RequestChat'
  | 'GetChat'
  | 'GetMessages'
  | 'SendMessage'
  | 'SendStartTypingNotification'
  | 'SendStopTypingNotification'
  | 'Complete'

export interface ApiClientConfig {
  baseUrl: string
  contactCenterId: string
  http: HttpAdapter
  withCredentials: boolean
  requestTimeoutMs: number
  requestChatPath: string
  /** The engine's clock: when an entry without a time of the server's was received (default `Date.now`). */
  now?: () => number
}

/** The GWS Customer Chat operations, typed. Every answer is validated; every failure is a `ChatError`. */
export interface ApiClient {
  requestChat(params: StartParams, signal: AbortSignal): Promise<RequestChatResponse>
  getChat(at: ChatLocation, signal: AbortSignal): Promise<ChatResource>
  /** Entries from `index` on, read one by one: odd ones become placeholders or problems, never a failed answer. */
  getMessages(at: ChatLocation, index: number, signal: AbortSignal): Promise<MessagesRead>
  sendMessage(at: ChatLocation, text: string, signal: AbortSignal): Promise<void>
  sendTyping(at: ChatLocation, typing: boolean, signal: AbortSignal): Promise<void>
  complete(at: ChatLocation, signal: AbortSignal): Promise<void>
}

/**
 * `Retry-After` in ms: delta seconds or an HTTP date, cut to `MAX_RETRY_AFTER_MS` (a date in year 9999 or
 * 3,000,000 s is one minute, not a timer that overflows to 1 ms). Anything else is `undefined`.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value || value.length > 64) return undefined
  const text = value.trim()
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN
  // An HTTP date names its month ("-5" or "2024" alone are not dates, whatever Date.parse makes of them).
  const ms = Number.isFinite(seconds) ? seconds * 1000 : /[A-Za-z]{3}/.test(text) ? Date.parse(text) - now : Number.NaN
  return Number.isNaN(ms) ? undefined : Math.round(Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)))
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = issue.path?.map((item) => String(item.key)).join('.')
      return path ? `${path}: ${issue.message}` : issue.message
    })
    .join('; ')
}

function withTimeout(signal: AbortSignal, ms: number): { signal: AbortSignal; timedOut: () => boolean; done: () => void } {
  // Not AbortSignal.timeout/any: their timers cannot be cleared, so every request would keep one alive for the
  // whole timeout (and AbortSignal.any retains its sources on Node 20), a heap that grows with the poll rate.
  const controller = new AbortController()
  let expired = false
  const timer = setTimeout(() => {
    expired = true
    controller.abort(new DOMException('request timed out', 'TimeoutError'))
  }, ms)
  const onAbort = () => controller.abort(signal.reason)
  if (signal.aborted) onAbort()
  else signal.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => expired,
    done: () => {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    },
  }
}

export function createApiClient(config: ApiClientConfig): ApiClient {
  const base = config.baseUrl.replace(/\/+$/, '')

  async function call<TSchema extends v.GenericSchema>(
    operation: OperationName,
    method: 'GET' | 'POST',
    path: string,
    body: Record<string, unknown> | undefined,
    schema: TSchema,
    signal: AbortSignal,
  ): Promise<v.InferOutput<TSchema>> {
    const headers: Record<string, string> = { Accept: 'application/json', ContactCenterId: config.contactCenterId }
    if (body !== undefined) headers['Content-Type'] = 'application/json'
    const timeout = withTimeout(signal, config.requestTimeoutMs)
    let response: HttpResponse
    try {
      response = await config.http({
        method,
        url: base + path,
        headers,
        signal: timeout.signal,
        withCredentials: config.withCredentials,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
    } catch (cause) {
      if (timeout.timedOut()) {
        throw chatError('timeout', `${operation}: no answer within ${config.requestTimeoutMs} ms`, { operation })
      }
      const reason = cause instanceof Error ? cause.message : String(cause)
      const hint = config.withCredentials ? crossOriginHint(base, cause) : ''
      throw chatError('network_error', `${operation}: request failed (${reason})${hint}`, { operation })
    } finally {
      timeout.done()
    }
    return judge(operation, response, schema)
  }

  return {
    async requestChat(params, signal) {
      const body: Record<string, unknown> = { operationName: 'RequestChat', nickname: params.nickname, subject: params.subject }
      if (params.endpoint !== undefined) body.endpoint = params.endpoint
      if (params.userData !== undefined) body.userData = params.userData
      return call('RequestChat', 'POST', config.requestChatPath, body, RequestChatResponseSchema, signal)
    },
    async getChat(at, signal) {
      return chatResource((await call('GetChat', 'GET', at.chat, undefined, GetChatResponseSchema, signal)).chat)
    },
    async getMessages(at, index, signal) {
      const path = `${at.messages}?index=${index}`
      const { messages } = await call('GetMessages', 'GET', path, undefined, GetMessagesResponseSchema, signal)
      return readMessages(messages, (config.now ?? Date.now)())
    },
    async sendMessage(at, text, signal) {
      await call('SendMessage', 'POST', at.chat, { operationName: 'SendMessage', text }, OkResponseSchema, signal)
    },
    async sendTyping(at, typing, signal) {
      const operationName = typing ? 'SendStartTypingNotification' : 'SendStopTypingNotification'
      await call(operationName, 'POST', at.chat, { operationName }, OkResponseSchema, signal)
    },
    async complete(at, signal) {
      await call('Complete', 'POST', at.chat, { operationName: 'Complete' }, OkResponseSchema, signal)
    },
  }
}

/** Characters of a server's own error text kept in `ChatError.message`. */
export const MAX_SERVER_TEXT = 160

/**
 * What a server said in an error answer that is not a GWS envelope: its `statusMessage`, `message` or `error` text,
 * or a plain-text body; markup and control characters dropped, shortened to `MAX_SERVER_TEXT`.
 */
export function serverText(body: unknown): string {
  let text = ''
  if (typeof body === 'string') text = /^\s*</.test(body) ? '' : body
  else if (typeof body === 'object' && body !== null) {
    const record = body as Record<string, unknown>
    const found = [record.statusMessage, record.message, record.error].find((value) => typeof value === 'string')
    text = typeof found === 'string' ? found : ''
  }
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim()
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT - 1)}…` : clean
}

/** Turn a raw answer into the validated body or a `ChatError` that names what was wrong. */
export function judge<TSchema extends v.GenericSchema>(
  operation: OperationName,
  response: HttpResponse,
  schema: TSchema,
): v.InferOutput<TSchema> {
  const httpStatus = response.status
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'])
  const extra = { operation, httpStatus, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) }
  let json: unknown
  let parsed = false
  if (response.body.trim() !== '') {
    try {
      json = JSON.parse(response.body)
      parsed = true
    } catch {
      parsed = false
    }
  }
  // Only a non-zero statusCode can be an envelope: successful answers skip that check.
  if (parsed && typeof json === 'object' && json !== null && (json as { statusCode?: unknown }).statusCode !== 0) {
    const envelope = v.safeParse(ErrorEnvelopeSchema, json)
    if (envelope.success) {
      const { statusCode, statusMessage } = envelope.output
      throw chatError('gws_error', `${operation}: GWS statusCode ${statusCode}${statusMessage && serverText(statusMessage) ? ` (${serverText(statusMessage)})` : ''}`, {
        ...extra,
        statusCode,
      })
    }
  }
  if (httpStatus < 200 || httpStatus >= 300) {
    const said = serverText(parsed ? json : response.body)
    throw chatError('http_error', `${operation}: HTTP ${httpStatus}${said ? ` (${said})` : ''}`, extra)
  }
  if (!parsed) {
    const what = response.body.trim() === '' ? 'an empty body' : 'a body that is not JSON'
    throw chatError('invalid_response', `${operation}: the server answered with ${what}`, extra)
  }
  const result = v.safeParse(schema, json)
  if (!result.success) {
    throw chatError('invalid_response', `${operation}: unexpected answer (${describeIssues(result.issues)})`, extra)
  }
  return result.output
}
