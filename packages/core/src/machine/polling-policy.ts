import type { PollingOptions } from '../types'
import { MAX_RETRY_AFTER_MS, MAX_TIMER_MS } from './limits'

export type ResolvedPollingOptions = Required<PollingOptions>

/** The default floor between two requests of one poller; a lower `activeIntervalMs` lowers it too unless `minIntervalMs` is set. */
const DEFAULT_MIN_INTERVAL_MS = 250

export const DEFAULT_POLLING: ResolvedPollingOptions = {
  intervalMs: 3000,
  activeIntervalMs: 500,
  easeMs: 5000,
  hiddenIntervalMs: 10_000,
  keepAliveMs: 45_000,
  chatStateEvery: 4,
  backoffBaseMs: 1000,
  backoffMaxMs: 20_000,
  requestTimeoutMs: 15_000,
  minIntervalMs: DEFAULT_MIN_INTERVAL_MS,
  maxRetryAfterMs: MAX_RETRY_AFTER_MS,
}

export function resolvePolling(options: PollingOptions = {}): ResolvedPollingOptions {
  const resolved = { ...DEFAULT_POLLING }
  for (const [key, value] of Object.entries(options) as [keyof PollingOptions, number | undefined][]) {
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
      throw new TypeError(`createChat: "polling.${key}" must be a positive number of at most ${MAX_TIMER_MS}`)
    }
    resolved[key] = value
  }
  if (options.minIntervalMs === undefined) resolved.minIntervalMs = Math.min(DEFAULT_MIN_INTERVAL_MS, resolved.activeIntervalMs, resolved.intervalMs)
  return resolved
}

/** What the policy looks at when it picks the next delay of one poller. */
export interface PollInputs {
  /** Consecutive failures of this poller (0 after a success). */
  failures: number
  /** `Retry-After` of the last failure, in ms. */
  retryAfterMs: number | null
  /** Milliseconds since the last activity (a send, typing, an agent message). */
  sinceActivityMs: number
  /** The page is hidden. */
  hidden: boolean
  /** The agent is typing: an answer is on its way. */
  agentTyping?: boolean
}

/**
 * The polling policy, pure: given what happened, how long to wait before the
 * next poll. Fast right after activity and while the agent types, easing back to the resting interval;
 * slower while hidden but always well inside the server's keep-alive;
 * exponential backoff with full jitter on failures, never shorter than a
 * server's `Retry-After`.
 */
export function nextPollDelay(inputs: PollInputs, options: ResolvedPollingOptions, random: () => number): number {
  // A third of the keep-alive leaves room for two lost polls before the server gives up on the chat.
  const keepAliveCeiling = Math.floor(options.keepAliveMs / 3)
  const floor = options.minIntervalMs
  if (inputs.failures > 0) {
    const cap = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(inputs.failures - 1, 20))
    // Full jitter, never under 100 ms (nor the floor): a failing server is not asked again at once.
    const jittered = Math.max(100, floor, Math.round(random() * cap))
    // A server's Retry-After is obeyed up to a minute (a larger or odd one cannot stop a chat for days or overflow a timer).
    const retryAfter = Math.min(options.maxRetryAfterMs, MAX_RETRY_AFTER_MS, Math.max(0, inputs.retryAfterMs ?? 0) || 0)
    return Math.min(MAX_TIMER_MS, Math.max(jittered, retryAfter))
  }
  const { activeIntervalMs: active, intervalMs: resting } = options
  const progress = Number.isNaN(inputs.sinceActivityMs) ? 0 : Math.min(1, Math.max(0, inputs.sinceActivityMs) / options.easeMs)
  const wanted = inputs.hidden
    ? options.hiddenIntervalMs
    : inputs.agentTyping
      ? active
      : Math.round(Math.min(resting, Math.max(active, active + (resting - active) * progress)))
  return Math.max(floor, Math.min(wanted, keepAliveCeiling))
}

/** How long a due fetch still waits so that it starts `minIntervalMs` after the previous one (0: it may start now). */
export function pollSpacing(fetchedAt: number, now: number, options: ResolvedPollingOptions): number {
  return Math.max(0, Math.min(options.minIntervalMs, fetchedAt + options.minIntervalMs - now))
}

/** Backoff for a retried command (SendMessage, Complete): the same curve as polling failures. */
export function retryDelay(attempt: number, retryAfterMs: number | null, options: ResolvedPollingOptions, random: () => number): number {
  return nextPollDelay({ failures: Math.max(1, attempt), retryAfterMs, sinceActivityMs: 0, hidden: false }, options, random)
}
