import * as v from 'valibot'
import { chatError, type ChatErrorCode } from '../errors'
import { MAX_RETRY_AFTER_MS } from '../machine/limits'
import type { HttpAdapter, HttpRequest, HttpResponse } from '../http/types'
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

export function createApiClient(config: ApiClientConfig): ApiClient {
  const base = config.baseUrl.replace(/\/+$/, '')
  const { contactCenterId, http, withCredentials, requestTimeoutMs } = config

  async function call<TSchema extends v.GenericSchema>(
    operation: OperationName,
    path: string,
    body: Record<string, unknown> | undefined,
    schema: TSchema,
    signal: AbortSignal,
  ): Promise<v.InferOutput<TSchema>> {
    // One controller per request: the request timeout, and the caller's abort passed on. Not AbortSignal.timeout/any:
    // their timers cannot be cleared, so every request would keep one alive for the whole timeout (and
    // AbortSignal.any retains its sources on Node 20), a heap that grows with the poll rate.
    const controller = new AbortController()
    let expired = false
    const timer = setTimeout(() => {
      expired = true
      controller.abort(new DOMException('request timed out', 'TimeoutError'))
    }, requestTimeoutMs)
    const onAbort = () => controller.abort(signal.reason)
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort)
    const request: HttpRequest =
      body === undefined
        ? { method: 'GET', url: base + path, headers: { Accept: 'application/json', ContactCenterId: contactCenterId }, signal: controller.signal, withCredentials }
        : {
            method: 'POST',
            url: base + path,
            headers: { Accept: 'application/json', ContactCenterId: contactCenterId, 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
            signal: controller.signal,
            withCredentials,
          }
    let response: HttpResponse
    try {
      response = await http(request)
    } catch (cause) {
      if (expired) throw chatError('timeout', `${operation}: no answer within ${requestTimeoutMs} ms`, { operation })
      const hint = withCredentials ? crossOriginHint(base, cause) : ''
      throw chatError('network_error', `${operation}: request failed (${cause instanceof Error ? cause.message : String(cause)})${hint}`, { operation })
    } finally {
      clearTimeout(timer)
      signal.removeEventListener('abort', onAbort)
    }
    return judge(operation, response, schema)
  }

  return {
    async requestChat(params, signal) {
      const body: Record<string, unknown> = { operationName: 'RequestChat', nickname: params.nickname, subject: params.subject }
      if (params.endpoint !== undefined) body.endpoint = params.endpoint
      if (params.userData !== undefined) body.userData = params.userData
      return call('RequestChat', config.requestChatPath, body, RequestChatResponseSchema, signal)
    },
    async getChat(at, signal) {
      return chatResource((await call('GetChat', at.chat, undefined, GetChatResponseSchema, signal)).chat)
    },
    async getMessages(at, index, signal) {
      const path = `${at.messages}?index=${index}`
      const { messages } = await call('GetMessages', path, undefined, GetMessagesResponseSchema, signal)
      return readMessages(messages, (config.now ?? Date.now)())
    },
    async sendMessage(at, text, signal) {
      await call('SendMessage', at.chat, { operationName: 'SendMessage', text }, OkResponseSchema, signal)
    },
    async sendTyping(at, typing, signal) {
      const operationName = typing ? 'SendStartTypingNotification' : 'SendStopTypingNotification'
      await call(operationName, at.chat, { operationName }, OkResponseSchema, signal)
    },
    async complete(at, signal) {
      await call('Complete', at.chat, { operationName: 'Complete' }, OkResponseSchema, signal)
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
  const { status: httpStatus, body } = response
  // The details of a failed answer, built only for one.
  const fail = (code: ChatErrorCode, text: string, statusCode?: number) => {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'])
    return chatError(code, `${operation}: ${text}`, {
      operation,
      httpStatus,
      ...(retryAfterMs !== undefined && { retryAfterMs }),
      ...(statusCode !== undefined && { statusCode }),
    })
  }
  const blank = body.trim() === ''
  let json: unknown
  let parsed = false
  if (!blank) {
    try {
      json = JSON.parse(body)
      parsed = true
    } catch {}
  }
  // Only a non-zero statusCode can be an envelope: successful answers skip that check.
  if (parsed && typeof json === 'object' && json !== null && (json as { statusCode?: unknown }).statusCode !== 0) {
    const envelope = v.safeParse(ErrorEnvelopeSchema, json)
    if (envelope.success) {
      const { statusCode, statusMessage } = envelope.output
      const said = statusMessage ? serverText(statusMessage) : ''
      throw fail('gws_error', `GWS statusCode ${statusCode}${said ? ` (${said})` : ''}`, statusCode)
    }
  }
  if (httpStatus < 200 || httpStatus >= 300) {
    const said = serverText(parsed ? json : body)
    throw fail('http_error', `HTTP ${httpStatus}${said ? ` (${said})` : ''}`)
  }
  if (!parsed) throw fail('invalid_response', `the server answered with ${blank ? 'an empty body' : 'a body that is not JSON'}`)
  const result = v.safeParse(schema, json)
  if (!result.success) throw fail('invalid_response', `unexpected answer (${describeIssues(result.issues)})`)
  return result.output
}
