import { assign, enqueueActions, sendParent, setup, stateIn } from 'xstate'
import type { ChatLocation } from '../api/paths'
import type { ChatResource } from '../api/schemas'
import { isChatGone, isTransient, type ChatError } from '../errors'
import { sameParticipants, sameStrings } from '../store/transcript'
import type { EngineConfig } from './config'
import { createFetcher, type FetcherResult } from './fetcher'
import { NETWORK_REGION, POLL_FAILURE, POLLER_DUE, POLLER_PAUSED, POLLER_START, policyDelay, spacingLeft, type PollerCommonEvent } from './shared-states'

export interface ChatStatePollerContext {
  config: EngineConfig
  location: ChatLocation | null
  /** The chat as last told to the chat machine: an answer equal to it is not told again. */
  reported: ChatResource | null
  /** Inputs of the polling policy. */
  failures: number
  retryAfterMs: number | null
  activityAt: number
  hidden: boolean
  /** When the last GetChat started: no two start closer than `polling.minIntervalMs`. */
  fetchedAt: number
}

export type ChatStatePollerEvent =
  | { type: 'poller.start'; location: ChatLocation }
  | PollerCommonEvent
  | FetcherResult<ChatResource>

export type ChatStatePollerReport =
  | { type: 'chatState.received'; chat: ChatResource }
  | { type: 'poll.failed'; error: ChatError }
  | { type: 'poll.gone'; error: ChatError }
  | { type: 'poll.fatal'; error: ChatError }
  | { type: 'link.failing' }
  | { type: 'link.ok' }

const failureOf = (event: ChatStatePollerEvent) => (event as Extract<ChatStatePollerEvent, { type: 'fetch.failed' }>).error

const sameChat = (a: ChatResource, b: ChatResource) =>
  a.state === b.state && sameParticipants(a.participants, b.participants) === a.participants && sameStrings(a.capabilities, b.capabilities) === a.capabilities

/**
 * GetChat (state, participants, capabilities) at a slower pace than the transcript: every `chatStateEvery`-th
 * transcript delay while nothing fails. Only an answer that differs from the last one told reaches the chat.
 */
export const chatStatePollerMachine = setup({
  types: {
    context: {} as ChatStatePollerContext,
    events: {} as ChatStatePollerEvent,
    input: {} as { config: EngineConfig },
  },
  actors: { fetcher: createFetcher((context: ChatStatePollerContext, location, signal) => context.config.api.getChat(location, signal)) },
  delays: {
    chatStatePollDelay: ({ context }) => policyDelay(context) * (context.failures > 0 ? 1 : context.config.polling.chatStateEvery),
    pollSpacing: ({ context }) => spacingLeft(context),
  },
  guards: {
    spacedEnough: ({ context }) => spacingLeft(context) === 0,
    isOffline: stateIn({ network: 'offline' }),
    chatIsGone: ({ event }) => isChatGone(failureOf(event)),
    errorIsTransient: ({ event }) => isTransient(failureOf(event)),
  },
  actions: {
    assignLocation: assign({ location: ({ event }) => (event as Extract<ChatStatePollerEvent, { type: 'poller.start' }>).location, reported: null }),
    stampFetch: assign({ fetchedAt: ({ context }) => context.config.now() }),
    clear: assign({ location: null, reported: null, failures: 0, retryAfterMs: null }),
    noteActivity: assign({ activityAt: ({ context }) => context.config.now() }),
    setHidden: assign({ hidden: true }),
    setVisible: assign({ hidden: false }),
    applyChat: enqueueActions(({ context, event, enqueue }) => {
      const chat = (event as Extract<ChatStatePollerEvent, { type: 'fetch.done' }>).output
      const recovered = context.failures > 0
      if (recovered) enqueue.assign({ failures: 0, retryAfterMs: null })
      if (context.reported === null || !sameChat(context.reported, chat)) {
        enqueue.assign({ reported: chat })
        enqueue.sendParent({ type: 'chatState.received', chat } satisfies ChatStatePollerReport)
      }
      // Told last: what the poll brought is in every machine before the snapshot says `online` again.
      if (recovered) enqueue.sendParent({ type: 'link.ok' } satisfies ChatStatePollerReport)
    }),
    recordFailure: enqueueActions(({ context, event, enqueue }) => {
      const error = failureOf(event)
      enqueue.assign({ failures: context.failures + 1, retryAfterMs: error.retryAfterMs ?? null })
      if (context.failures === 0) enqueue.sendParent({ type: 'link.failing' } satisfies ChatStatePollerReport)
      enqueue.sendParent({ type: 'poll.failed', error } satisfies ChatStatePollerReport)
    }),
    reportGone: sendParent(({ event }) => ({ type: 'poll.gone', error: failureOf(event) }) satisfies ChatStatePollerReport),
    reportFatal: sendParent(({ event }) => ({ type: 'poll.fatal', error: failureOf(event) }) satisfies ChatStatePollerReport),
  },
}).createMachine({
  id: 'chatStatePoller',
  description: 'GetChat for state, participants and capabilities, at a slower pace; only changes reach the chat.',
  type: 'parallel',
  context: ({ input }) => ({
    config: input.config,
    location: null,
    reported: null,
    failures: 0,
    retryAfterMs: null,
    activityAt: input.config.now(),
    hidden: false,
    fetchedAt: Number.NEGATIVE_INFINITY,
  }),
  on: {
    'poller.reset': { target: '.cycle.stopped', actions: 'clear' },
    'poller.activity': { actions: 'noteActivity' },
    'page.hidden': { actions: 'setHidden' },
    'page.visible': { actions: 'setVisible' },
  },
  states: {
    cycle: {
      description: 'The poll loop.',
      initial: 'stopped',
      states: {
        stopped: {
          description: 'No chat to poll.',
          on: {
            'poller.start': POLLER_START,
          },
        },
        waiting: {
          description: 'Until the policy’s next delay, times `chatStateEvery` while nothing fails.',
          after: { chatStatePollDelay: [{ guard: 'isOffline', target: 'paused' }, { target: 'fetching' }] },
        },
        due: POLLER_DUE,
        paused: POLLER_PAUSED,
        fetching: {
          description: 'GetChat in flight.',
          entry: 'stampFetch',
          invoke: { src: 'fetcher', id: 'fetch', input: ({ context }) => context },
          on: {
            'fetch.done': { target: 'waiting', actions: 'applyChat' },
            'fetch.failed': POLL_FAILURE,
          },
        },
      },
      on: { 'poller.stop': '.stopped' },
    },
    network: NETWORK_REGION,
  },
})
