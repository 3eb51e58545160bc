import type { ApiClient } from '../api/client'
import type { PathTemplates } from '../types'
import { resolvePathTemplates } from '../api/paths'
import type { WebLocks as TabLocks } from '../types'
import { resolvePolling, type ResolvedPollingOptions } from './polling-policy'

/**
 * What one engine is configured with. It reaches every machine as `input`: the machine definitions themselves are
 * static, built once per module, and shared by every chat in the process.
 */
export interface EngineConfig {
  api: ApiClient
  templates: PathTemplates
  /** Follow the `path` RequestChat returns (the `chats` family). */
  honourReturnedPath: boolean
  basePathname: string
  polling: ResolvedPollingOptions
  typingIdleMs: number
  random: () => number
  now: () => number
  /** Follow the page's visibility and the browser's network events (a shared tab's leader is told instead). */
  watchPage: boolean
  /**
   * There is a page or a browser network to follow (`document` or `window` exists): only then does the chat run its
   * environment watcher. In Node there is none, and no actor is spent on it.
   */
  hasEnvironment: boolean
  /** Where the outbox takes its chat's sender lock (the Web Locks API); `null`: no other engine can hold the record. */
  senderLocks: TabLocks | null
}

/** A configuration with every default and the page left alone, around an API client of the caller's (replay, tests). */
export function detachedConfig(api: ApiClient, now: () => number): EngineConfig {
  return {
    api,
    templates: resolvePathTemplates(undefined),
    honourReturnedPath: true,
    basePathname: '/',
    polling: resolvePolling(),
    typingIdleMs: 5000,
    random: () => 0.5,
    now,
    watchPage: false,
    hasEnvironment: false,
    senderLocks: null,
  }
}
