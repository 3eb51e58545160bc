import type { EngineConfig } from './config'
import { nextPollDelay, pollSpacing } from './polling-policy'

/**
 * Configuration shared by several machines: one definition each, never a generated copy.
 *
 * The browser's network as a region, shared by every machine that must not make requests offline (the pollers, the
 * outbox, the completer): one definition, so all of them follow `network.offline` / `network.online` alike.
 */
export const NETWORK_REGION = {
  description: 'What the browser says of its network.',
  initial: 'online',
  states: {
    online: { description: 'Requests go out.', on: { 'network.offline': 'offline' } },
    offline: { description: 'No request goes out until the network is back.', on: { 'network.online': 'online' } },
  },
} as const

/** What a poller does with a failed request: a gone chat and a refused one stop it; anything transient is retried. */
export const POLL_FAILURE = [
  { guard: 'chatIsGone', target: 'stopped', actions: 'reportGone' },
  { guard: 'errorIsTransient', target: 'waiting', actions: 'recordFailure' },
  { target: 'stopped', actions: 'reportFatal' },
] as const

/** A poller told to start: a fetch is due (paused while the browser is offline). */
export const POLLER_START = { target: 'due', actions: 'assignLocation' } as const

/**
 * A fetch asked for outside the policy's delay (a start, the page coming into view, the network coming back, a
 * check): it starts once `polling.minIntervalMs` has passed since the last one started, so no sequence of answers or
 * events makes two requests closer than that.
 */
export const POLLER_DUE = {
  description: 'A fetch is due: it starts once `polling.minIntervalMs` has passed since the last one started.',
  always: [
    { guard: 'isOffline', target: 'paused' },
    { guard: 'spacedEnough', target: 'fetching' },
  ],
  // Going offline meanwhile leaves through `always`, so the timer only ever leads to a fetch.
  after: { pollSpacing: 'fetching' },
} as const

/** A poller's loop while the browser is offline. */
export const POLLER_PAUSED = {
  description: 'The browser is offline; polling resumes when the network is back.',
  on: { 'network.online': 'due' },
} as const

/** What both pollers hear besides their own results: the chat's pace and the page's and network's state. */
export type PollerCommonEvent =
  | { type: 'poller.stop' }
  | { type: 'poller.reset' }
  | { type: 'poller.activity' }
  | { type: 'page.hidden' }
  | { type: 'page.visible' }
  | { type: 'network.offline' }
  | { type: 'network.online' }

/** What both pollers keep for the polling policy and the floor. */
export interface PollerPace {
  config: EngineConfig
  failures: number
  retryAfterMs: number | null
  activityAt: number
  hidden: boolean
  fetchedAt: number
  agentTyping?: boolean
}

/** The policy's next delay for a poller (the chat-state poller multiplies it). */
export const policyDelay = (pace: PollerPace): number =>
  nextPollDelay(
    {
      failures: pace.failures,
      retryAfterMs: pace.retryAfterMs,
      sinceActivityMs: pace.config.now() - pace.activityAt,
      hidden: pace.hidden,
      ...(pace.agentTyping !== undefined ? { agentTyping: pace.agentTyping } : {}),
    },
    pace.config.polling,
    pace.config.random,
  )

/** How long a due fetch still waits for `polling.minIntervalMs` since the last one started (0: it may start). */
export const spacingLeft = (pace: PollerPace): number => pollSpacing(pace.fetchedAt, pace.config.now(), pace.config.polling)
