import { assign, enqueueActions, raise, sendParent, sendTo, setup, stateIn, type SnapshotFrom } from 'xstate'
import type { ChatLocation } from '../api/paths'
import { isChatGone, isTransient, type ChatError } from '../errors'
import { agentTypingAfter, contiguousAfter, isAgent } from '../store/transcript'
import type { TranscriptEntry } from '../types'
import type { EngineConfig } from './config'
import { createFetcher, type FetcherResult } from './fetcher'
import { MAX_DRAIN_FAILURES } from './limits'
import { nextPollDelay } from './polling-policy'
import { NETWORK_REGION, POLL_FAILURE, POLLER_PAUSED, POLLER_START, type PollerCommonEvent } from './shared-states'

export interface TranscriptPollerContext {
  config: EngineConfig
  location: ChatLocation | null
  /** The transcript: ascending, every index once. This poller is its one owner. */
  transcript: readonly TranscriptEntry[]
  agentTyping: boolean
  /** Inputs of the polling policy (they pick a delay, never which events matter). */
  failures: number
  retryAfterMs: number | null
  activityAt: number
  hidden: boolean
}

export type TranscriptPollerEvent =
  | { type: 'poller.start'; location: ChatLocation }
  | PollerCommonEvent
  | { type: 'poller.drain' }
  | { type: 'poller.check' }
  | { type: 'fetch.started' }
  | FetcherResult<TranscriptEntry[]>

/** What this poller tells the chat: only polls that brought something, failures, and answers to its requests. */
export type TranscriptPollerReport =
  | { type: 'transcript.appended'; entries: readonly TranscriptEntry[]; agentTyping: boolean; typingChanged: boolean }
  | { type: 'transcript.checked' }
  | { type: 'transcript.drained' }
  | { type: 'poll.failed'; error: ChatError }
  | { type: 'poll.gone'; error: ChatError }
  | { type: 'poll.fatal'; error: ChatError }
  | { type: 'link.failing' }
  | { type: 'link.ok' }

type FetchRequest = { location: ChatLocation; index: number }

const lastIndexOf = (context: TranscriptPollerContext) => context.transcript.at(-1)?.index ?? 0
const failureOf = (event: TranscriptPollerEvent) => (event as Extract<TranscriptPollerEvent, { type: 'fetch.failed' }>).error

/**
 * GetMessages from the last index + 1, one request at a time, at the pace the polling policy picks. Uneventful polls
 * stay inside this machine; entries that extend the transcript go to the chat as `transcript.appended`.
 * `poller.check` asks for a fetch that starts after the request (the outbox verifying an ambiguous send);
 * `poller.drain` makes the final fetch of an ended chat.
 */
export const transcriptPollerMachine = setup({
  types: {
    context: {} as TranscriptPollerContext,
    events: {} as TranscriptPollerEvent,
    input: {} as { config: EngineConfig },
  },
  actors: { fetcher: createFetcher<FetchRequest, TranscriptEntry[]>() },
  delays: {
    transcriptPollDelay: ({ context }) =>
      nextPollDelay(
        {
          failures: context.failures,
          retryAfterMs: context.retryAfterMs,
          sinceActivityMs: context.config.now() - context.activityAt,
          hidden: context.hidden,
          agentTyping: context.agentTyping,
        },
        context.config.polling,
        context.config.random,
      ),
  },
  guards: {
    isOnline: stateIn({ network: 'online' }),
    isOffline: stateIn({ network: 'offline' }),
    chatIsGone: ({ event }) => isChatGone(failureOf(event)),
    errorIsTransient: ({ event }) => isTransient(failureOf(event)),
    drainMayRetry: ({ context, event }) => isTransient(failureOf(event)) && context.failures + 1 < MAX_DRAIN_FAILURES,
    wasResting: ({ context }) => context.config.now() - context.activityAt > context.config.polling.activeIntervalMs,
  },
  actions: {
    assignLocation: assign({ location: ({ event }) => (event as Extract<TranscriptPollerEvent, { type: 'poller.start' }>).location }),
    requestFetch: enqueueActions(({ context, enqueue, check }) => {
      if (context.location === null) return
      enqueue.sendTo('fetch', { type: 'fetch', request: { location: context.location, index: lastIndexOf(context) + 1 } })
      // Only a waiting check needs to know (most polls skip the extra step).
      if (check(stateIn({ check: 'requested' }) as never)) enqueue.raise({ type: 'fetch.started' })
    }),
    cancelFetch: sendTo('fetch', { type: 'abort' }),
    markFetchStarted: raise({ type: 'fetch.started' }),
    clearTranscript: assign({ location: null, transcript: [], agentTyping: false, failures: 0, retryAfterMs: null }),
    resetFailures: assign({ failures: 0, retryAfterMs: null }),
    noteActivity: assign({ activityAt: ({ context }) => context.config.now() }),
    setHidden: assign({ hidden: true }),
    setVisible: assign({ hidden: false }),
    /** Entries that continue the transcript are kept and told to the chat; an uneventful poll changes nothing. */
    applyEntries: enqueueActions(({ context, event, enqueue }) => {
      const output = (event as Extract<TranscriptPollerEvent, { type: 'fetch.done' }>).output
      const recovered = context.failures > 0
      if (recovered) enqueue.assign({ failures: 0, retryAfterMs: null })
      const entries = contiguousAfter(lastIndexOf(context), output)
      if (entries.length > 0) {
        const agentTyping = agentTypingAfter(context.agentTyping, entries)
        // Anything from the agent, typing included, means an answer may follow: poll fast for a while.
        const agentActed = entries.some((entry) => isAgent(entry.from))
        enqueue.assign({
          transcript: context.transcript.concat(entries),
          agentTyping,
          ...(agentActed ? { activityAt: context.config.now() } : {}),
        })
        enqueue.sendParent({ type: 'transcript.appended', entries, agentTyping, typingChanged: agentTyping !== context.agentTyping } satisfies TranscriptPollerReport)
      }
      // Told last: what the poll brought is in every machine before the snapshot says `online` again.
      if (recovered) enqueue.sendParent({ type: 'link.ok' } satisfies TranscriptPollerReport)
    }),
    recordFailure: enqueueActions(({ context, event, enqueue }) => {
      const error = failureOf(event)
      enqueue.assign({ failures: context.failures + 1, retryAfterMs: error.retryAfterMs ?? null })
      if (context.failures === 0) enqueue.sendParent({ type: 'link.failing' } satisfies TranscriptPollerReport)
      enqueue.sendParent({ type: 'poll.failed', error } satisfies TranscriptPollerReport)
    }),
    countDrainFailure: assign({ failures: ({ context }) => context.failures + 1, retryAfterMs: ({ event }) => failureOf(event).retryAfterMs ?? null }),
    reportGone: sendParent(({ event }) => ({ type: 'poll.gone', error: failureOf(event) }) satisfies TranscriptPollerReport),
    reportFatal: sendParent(({ event }) => ({ type: 'poll.fatal', error: failureOf(event) }) satisfies TranscriptPollerReport),
    reportChecked: sendParent({ type: 'transcript.checked' } satisfies TranscriptPollerReport),
    reportDrained: sendParent({ type: 'transcript.drained' } satisfies TranscriptPollerReport),
  },
}).createMachine({
  id: 'transcriptPoller',
  description: 'GetMessages from the last index + 1, one request at a time; the transcript’s owner.',
  type: 'parallel',
  context: ({ input }) => ({
    config: input.config,
    location: null,
    transcript: [],
    agentTyping: false,
    failures: 0,
    retryAfterMs: null,
    activityAt: input.config.now(),
    hidden: false,
  }),
  invoke: { src: 'fetcher', id: 'fetch', input: ({ context }) => ({ run: (request: FetchRequest, signal: AbortSignal) => context.config.api.getMessages(request.location, request.index, signal) as Promise<TranscriptEntry[]> }) },
  on: {
    'poller.reset': { target: ['.cycle.stopped', '.check.idle'], actions: ['cancelFetch', 'clearTranscript'] },
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
            'poller.drain': 'draining',
          },
        },
        waiting: {
          description: 'Until the policy’s next delay; activity after a quiet spell, the page coming into view or the network coming back cut it short.',
          after: { transcriptPollDelay: [{ guard: 'isOffline', target: 'paused' }, { target: 'fetching' }] },
          on: {
            'poller.activity': [{ guard: 'wasResting', target: 'waiting', reenter: true, actions: 'noteActivity' }, { actions: 'noteActivity' }],
            'page.visible': { target: 'fetching', actions: 'setVisible' },
            'network.online': 'fetching',
            // The fetch this starts is the one that answers the check.
            'poller.check': { guard: 'isOnline', target: 'fetching', actions: 'markFetchStarted' },
          },
        },
        paused: POLLER_PAUSED,
        fetching: {
          description: 'GetMessages in flight.',
          entry: 'requestFetch',
          on: {
            'fetch.done': { target: 'waiting', actions: 'applyEntries' },
            'fetch.failed': POLL_FAILURE,
          },
        },
        draining: {
          description: 'The chat ended on the server: the final GetMessages picks up its last entries, retried on transient failures.',
          entry: 'resetFailures',
          initial: 'fetching',
          states: {
            fetching: {
              description: 'The final GetMessages in flight.',
              entry: 'requestFetch',
              on: {
                'fetch.done': { target: '#transcriptPoller.cycle.stopped', actions: ['applyEntries', 'reportDrained'] },
                'fetch.failed': [
                  { guard: 'drainMayRetry', target: 'backingOff', actions: 'countDrainFailure' },
                  { target: '#transcriptPoller.cycle.stopped', actions: 'reportDrained' },
                ],
              },
            },
            backingOff: { description: 'Waiting to fetch again after a failure.', after: { transcriptPollDelay: 'fetching' } },
          },
        },
      },
      on: {
        'poller.stop': { target: '.stopped', actions: 'cancelFetch' },
        'poller.drain': { target: '.draining' },
      },
    },
    network: NETWORK_REGION,
    check: {
      description: 'A request for a fetch that starts after it (an ambiguous send is checked against the echo).',
      initial: 'idle',
      states: {
        idle: { description: 'Nobody is waiting for a check.', on: { 'poller.check': 'requested' } },
        requested: { description: 'The next fetch to start answers the check.', on: { 'fetch.started': 'inFlight' } },
        inFlight: {
          description: 'The fetch that answers the check is in flight.',
          on: {
            'fetch.done': { target: 'idle', actions: 'reportChecked' },
            'fetch.failed': 'requested',
            'poller.stop': 'requested',
          },
        },
      },
    },
  },
})

export type TranscriptPollerSnapshot = SnapshotFrom<typeof transcriptPollerMachine>
