import { createApiClient } from './api/client'
import { resolvePathTemplates } from './api/paths'
import { defaultHttp } from './http/default'
import { createFetchAdapter } from './http/fetch'
import type { EngineConfig } from './machine/config'
import { MAX_TIMER_MS } from './machine/limits'
import { resolvePolling } from './machine/polling-policy'
import { hasDom } from './platform'
import type { ChatOptions } from './types'

function requireString(options: Record<string, unknown>, key: string): string {
  const value = options[key]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`createChat: "${key}" is required (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`)
  }
  return value
}

function basePathname(baseUrl: string): string {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new TypeError(`createChat: "baseUrl" must be an absolute URL (got ${JSON.stringify(baseUrl)})`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`createChat: "baseUrl" must be an http or https URL (got ${url.protocol})`)
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError('createChat: "baseUrl" must be an origin and path, without credentials, query or fragment')
  }
  return url.pathname
}

/** A header value cannot carry control characters (a CR/LF would split the request). */
function requireHeaderValue(value: string, key: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value) || value.length > 256) throw new TypeError(`createChat: "${key}" must be a header value without control characters, at most 256 characters`)
  return value
}

/** A delay the engine gives a timer: a positive number of at most 2^31 - 1 ms (`setTimeout` fires at once above it). */
function timerOption(value: unknown, key: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new TypeError(`createChat: "${key}" must be a positive number of at most ${MAX_TIMER_MS}`)
  }
  return value
}

/** `createChat`'s options, checked, with every default filled in: the configuration each machine gets as input. */
export function resolveOptions(options: ChatOptions): EngineConfig & { contactCenterId: string } {
  if (typeof options !== 'object' || options === null) throw new TypeError('createChat: options are required')
  const record = options as unknown as Record<string, unknown>
  const baseUrl = requireString(record, 'baseUrl')
  const contactCenterId = requireHeaderValue(requireString(record, 'contactCenterId'), 'contactCenterId')
  const templates = resolvePathTemplates(options.paths)
  const polling = resolvePolling(options.polling)
  const pathname = basePathname(baseUrl)
  const now = options.now ?? Date.now
  return {
    contactCenterId,
    api: createApiClient({
      baseUrl,
      contactCenterId,
      http: options.http ?? defaultHttp() ?? createFetchAdapter(),
      withCredentials: options.withCredentials ?? true,
      requestTimeoutMs: polling.requestTimeoutMs,
      requestChatPath: templates.requestChat,
      now,
    }),
    templates,
    honourReturnedPath: options.paths === undefined || options.paths === 'chats',
    basePathname: pathname,
    polling,
    typingIdleMs: timerOption(options.typingIdleMs, 'typingIdleMs', 5000),
    random: options.random ?? Math.random,
    now,
    watchPage: options.watchPage ?? true,
    hasEnvironment: hasDom(),
    // Only a record restored twice (a duplicated tab) needs the sender lock: persistence brings its locks.
    senderLocks: options.locks === undefined ? (options.persistence ? options.persistence.locks() : null) : options.locks,
  }
}
