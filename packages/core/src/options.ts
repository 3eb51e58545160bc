import { defaultLocks } from './machine/sender-claim'
import { createApiClient } from './api/client'
import { resolvePathTemplates } from './api/paths'
import { createOfetchAdapter } from './http/ofetch'
import type { EngineConfig } from './machine/config'
import { resolvePolling } from './machine/polling-policy'
import type { ChatOptions } from './types'

function requireString(options: Record<string, unknown>, key: string): string {
  const value = options[key]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`createChat: "${key}" is required (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`)
  }
  return value
}

function basePathname(baseUrl: string): string {
  try {
    return new URL(baseUrl).pathname
  } catch {
    throw new TypeError(`createChat: "baseUrl" must be an absolute URL (got ${JSON.stringify(baseUrl)})`)
  }
}

/** `createChat`'s options, checked, with every default filled in: the configuration each machine gets as input. */
export function resolveOptions(options: ChatOptions): EngineConfig & { contactCenterId: string } {
  if (typeof options !== 'object' || options === null) throw new TypeError('createChat: options are required')
  const record = options as unknown as Record<string, unknown>
  const baseUrl = requireString(record, 'baseUrl')
  const contactCenterId = requireString(record, 'contactCenterId')
  const templates = resolvePathTemplates(options.paths)
  const polling = resolvePolling(options.polling)
  const pathname = basePathname(baseUrl)
  return {
    contactCenterId,
    api: createApiClient({
      baseUrl,
      contactCenterId,
      http: options.http ?? createOfetchAdapter(),
      withCredentials: options.withCredentials ?? true,
      requestTimeoutMs: polling.requestTimeoutMs,
      requestChatPath: templates.requestChat,
    }),
    templates,
    honourReturnedPath: options.paths === undefined || options.paths === 'chats',
    basePathname: pathname,
    polling,
    typingIdleMs: options.typingIdleMs ?? 5000,
    random: options.random ?? Math.random,
    now: options.now ?? Date.now,
    watchPage: options.watchPage ?? true,
    senderLocks: options.locks === undefined ? defaultLocks() : options.locks,
  }
}
