import { assign, enqueueActions, sendParent, setup, stateIn, type SnapshotFrom } from 'xstate'
import type { ChatLocation } from '../api/paths'
import type { EntryProblem, MessagesRead } from '../api/entries'
import { chatError, isChatGone, isTransient, type ChatError } from '../errors'
import { agentTypingAfter, isAgent, placeEntries, type Placement } from '../store/transcript'
import type { TranscriptEntry } from '../types'
import type { EntryTimes } from '../store/entry-times'
import type { EngineConfig } from './config'
import { createFetcher, type FetcherResult } from './fetcher'
import { GAP_WAIT_POLLS, MAX_DRAIN_FAILURES } from './limits'
import { NETWORK_REGION, POLL_FAILURE, POLLER_DUE, POLLER_PAUSED, POLLER_START, policyDelay, spacingLeft, type PollerCommonEvent } from './shared-states'

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
  /** When the last GetMessages started: no two start closer than `polling.minIntervalMs`. */
  fetchedAt: number
  /** Consecutive answers that stopped at the same gap; at `GAP_WAIT_POLLS` the gap is filled. */
  gapPolls: number
  /** The entries left out of the last answer, so the same ones are not reported on every poll. */
  droppedKey: string
  /** A restored chat's entry times by index (`RestoredChat.times`): the entries fetched again keep them. */
  times: EntryTimes
}

export type TranscriptPollerEvent =
  | { type: 'poller.start'; location: ChatLocation }
  | PollerCommonEvent
  | { type: 'poller.drain' }
  | { type: 'poller.check' }
  | { type: 'fetch.started' }
  | FetcherResult<MessagesRead>

/** What this poller tells the chat: only polls that brought something, failures, and answers to its requests. */
export type TranscriptPollerReport =
  | { type: 'transcript.appended'; entries: readonly TranscriptEntry[]; agentTyping: boolean; typingChanged: boolean }
  | { type: 'transcript.checked' }
  | { type: 'transcript.drained' }
  | { type: 'transcript.invalid'; error: ChatError }
  | { type: 'poll.failed'; error: ChatError }
  | { type: 'poll.gone'; error: ChatError }
  | { type: 'poll.fatal'; error: ChatError }
  | { type: 'link.failing' }
  | { type: 'link.ok' }

/** An entry fetched again after a reload shows the time it showed before. */
function restoredTime(entry: TranscriptEntry, times: EntryTimes): TranscriptEntry {
  const time = times[entry.index]
  return time === undefined || time === entry.time ? entry : { ...entry, time }
}

/** Shared by every chat with none yet (frozen: a change makes a new one). */
const NO_ENTRIES: readonly TranscriptEntry[] = Object.freeze([])
const NO_TIMES: EntryTimes = Object.freeze({})

const lastIndexOf = (context: TranscriptPollerContext) => context.transcript.at(-1)?.index ?? 0
const failureOf = (event: TranscriptPollerEvent) => (event as Extract<TranscriptPollerEvent, { type: 'fetch.failed' }>).error

const list = (indices: readonly number[]) => (indices.length > 3 ? `${indices.slice(0, 3).join(', ')} and ${indices.length - 3} more` : indices.join(', '))

/** The reports of one answer's odd entries: one error per kind, not one per entry. */
function problemReports(placed: readonly EntryProblem[], dropped: readonly EntryProblem[], tooFar: readonly number[], filled: Placement['filled']): ChatError[] {
  const reports: ChatError[] = []
  const first = placed[0]
  if (first?.index != null) {
    const indices = placed.map((problem) => problem.index as number)
    reports.push(chatError('invalid_entry', `GetMessages: entry ${list(indices)} could not be read (${first.reason}); shown as a placeholder`, { operation: 'GetMessages', index: first.index }))
  }
  if (dropped.length > 0 || tooFar.length > 0) {
    const parts = [dropped.length > 0 ? `${dropped.length} without a usable index (${dropped[0]?.reason})` : '', tooFar.length > 0 ? `index ${list(tooFar)} too far ahead` : '']
    reports.push(chatError('invalid_entry', `GetMessages: entries left out: ${parts.filter(Boolean).join('; ')}`, { operation: 'GetMessages' }))
  }
  for (const gap of filled) {
    const span = gap.from === gap.to ? `index ${gap.from} never arrived; the transcript moved past it` : `indices ${gap.from}–${gap.to} never arrived; the transcript moved past them`
    reports.push(chatError('transcript_gap', `GetMessages: ${span}`, { operation: 'GetMessages', index: gap.from }))
  }
  return reports
}

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
    input: {} as { config: EngineConfig; times?: EntryTimes | undefined },
  },
  actors: { fetcher: createFetcher((context: TranscriptPollerContext, location, signal) => context.config.api.getMessages(location, lastIndexOf(context) + 1, signal)) },
  delays: {
    transcriptPollDelay: ({ context }) => policyDelay(context),
    pollSpacing: ({ context }) => spacingLeft(context),
  },
  guards: {
    spacedEnough: ({ context }) => spacingLeft(context) === 0,
    isOnline: stateIn({ network: 'online' }),
    isOffline: stateIn({ network: 'offline' }),
    chatIsGone: ({ event }) => isChatGone(failureOf(event)),
    errorIsTransient: ({ event }) => isTransient(failureOf(event)),
    drainMayRetry: ({ context, event }) => isTransient(failureOf(event)) && context.failures + 1 < MAX_DRAIN_FAILURES,
    // While failures back off, activity does not restart the wait: a visitor who keeps typing must not postpone the retry.
    wasResting: ({ context }) => context.failures === 0 && context.config.now() - context.activityAt > context.config.polling.activeIntervalMs,
    /** The answer reached past every entry it held: it stopped at no gap still waited for (a check needs such an answer). */
    // (The final fetch of an ended chat fills gaps, but its check no longer matters: the outbox ends with the chat.)
    answerComplete: ({ context, event }) => {
      const read = (event as Extract<TranscriptPollerEvent, { type: 'fetch.done' }>).output
      return !placeEntries(lastIndexOf(context), read.entries, context.gapPolls + 1 >= GAP_WAIT_POLLS).waitingAtGap
    },
  },
  actions: {
    assignLocation: assign({ location: ({ event }) => (event as Extract<TranscriptPollerEvent, { type: 'poller.start' }>).location }),
    requestFetch: enqueueActions(({ context, enqueue, check }) => {
      if (context.location === null) return
      enqueue.assign({ fetchedAt: context.config.now() })
      // Only a waiting check needs to know (most polls skip the extra step).
      if (check(stateIn({ check: 'requested' }) as never)) enqueue.raise({ type: 'fetch.started' })
    }),
    clearTranscript: assign({ location: null, transcript: NO_ENTRIES, agentTyping: false, failures: 0, retryAfterMs: null, gapPolls: 0, droppedKey: '', times: NO_TIMES }),
    resetFailures: assign({ failures: 0, retryAfterMs: null }),
    noteActivity: assign({ activityAt: ({ context }) => context.config.now() }),
    setHidden: assign({ hidden: true }),
    setVisible: assign({ hidden: false }),
    /**
     * Entries that continue the transcript are kept and told to the chat; an uneventful poll changes nothing. Odd
     * entries are placeholders or left out, and reported; a gap seen in `GAP_WAIT_POLLS` answers (or in the final
     * fetch of an ended chat) is filled by a placeholder.
     */
    applyEntries: enqueueActions(({ context, event, enqueue, check }) => {
      const read = (event as Extract<TranscriptPollerEvent, { type: 'fetch.done' }>).output
      const recovered = context.failures > 0
      if (recovered) enqueue.assign({ failures: 0, retryAfterMs: null })
      const last = lastIndexOf(context)
      const final = check(stateIn({ cycle: 'draining' }) as never)
      const placement = placeEntries(last, read.entries, final || context.gapPolls + 1 >= GAP_WAIT_POLLS)
      const entries = placement.entries.map((entry) => restoredTime(entry, context.times))
      const gapPolls = placement.waitingAtGap ? context.gapPolls + 1 : 0
      if (gapPolls !== context.gapPolls) enqueue.assign({ gapPolls })
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
      const placedUpTo = entries.at(-1)?.index ?? last
      const placed = read.problems.filter((problem) => problem.index !== null && problem.index > last && problem.index <= placedUpTo)
      const dropped = read.problems.filter((problem) => problem.index === null)
      // Left-out entries come back in every answer: told once until they change.
      const droppedKey = dropped.length + placement.tooFar.length === 0 ? '' : [...dropped.map((problem) => problem.reason), ...placement.tooFar].join('|')
      const fresh = droppedKey !== context.droppedKey
      if (fresh) enqueue.assign({ droppedKey })
      for (const error of problemReports(placed, fresh ? dropped : [], fresh ? placement.tooFar : [], placement.filled)) {
        enqueue.sendParent({ type: 'transcript.invalid', error } satisfies TranscriptPollerReport)
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
    transcript: NO_ENTRIES,
    agentTyping: false,
    failures: 0,
    retryAfterMs: null,
    activityAt: input.config.now(),
    hidden: false,
    fetchedAt: Number.NEGATIVE_INFINITY,
    gapPolls: 0,
    droppedKey: '',
    times: input.times ?? NO_TIMES,
  }),
  on: {
    'poller.reset': { target: ['.cycle.stopped', '.check.idle'], actions: 'clearTranscript' },
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
            'page.visible': { target: 'due', actions: 'setVisible' },
            'network.online': 'due',
            // The fetch this leads to is the one that answers the check.
            'poller.check': { guard: 'isOnline', target: 'due' },
          },
        },
        due: POLLER_DUE,
        paused: POLLER_PAUSED,
        fetching: {
          description: 'GetMessages in flight.',
          entry: 'requestFetch',
          invoke: { src: 'fetcher', id: 'fetch', input: ({ context }) => context },
          on: {
            'fetch.done': { target: 'waiting', actions: 'applyEntries' },
            'fetch.failed': POLL_FAILURE,
          },
        },
        draining: {
          description: 'The chat ended on the server: the final GetMessages picks up its last entries, retried on transient failures.',
          entry: 'resetFailures',
          initial: 'due',
          states: {
            due: {
              description: 'The final fetch waits for `polling.minIntervalMs` since the last one started.',
              always: { guard: 'spacedEnough', target: 'fetching' },
              after: { pollSpacing: 'fetching' },
            },
            fetching: {
              description: 'The final GetMessages in flight.',
              entry: 'requestFetch',
              invoke: { src: 'fetcher', id: 'fetch', input: ({ context }) => context },
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
        'poller.stop': '.stopped',
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
            // An answer that stops at a gap may hide the echo behind it: the next fetch answers the check instead.
            'fetch.done': [{ guard: 'answerComplete', target: 'idle', actions: 'reportChecked' }, { target: 'requested' }],
            'fetch.failed': 'requested',
            'poller.stop': 'requested',
          },
        },
      },
    },
  },
})

export type TranscriptPollerSnapshot = SnapshotFrom<typeof transcriptPollerMachine>
