import { and, assign, enqueueActions, fromPromise, sendParent, setup, stateIn, type SnapshotFrom } from 'xstate'
import type { ChatLocation } from '../api/paths'
import { chatError, isAmbiguous, isTransient, type ChatError } from '../errors'
import { isVisitorEntry } from '../store/transcript'
import type { OutboxMessage, TranscriptEntry } from '../types'
import type { EngineConfig } from './config'
import { MAX_SEND_ATTEMPTS } from './limits'
import { retryDelay } from './polling-policy'
import { claimSender, CLAIM_WAIT_MS, type ClaimEvent } from './sender-claim'
import { NETWORK_REGION } from './shared-states'

export interface OutboxContext {
  config: EngineConfig
  location: ChatLocation | null
  /** The visitor's messages not yet seen in the transcript, in order. This machine is their one owner. */
  messages: readonly OutboxMessage[]
  /** Attempts of the head message so far. */
  attempts: number
  retryAfterMs: number | null
  /** How long an ambiguous send waits before the transcript decides whether it arrived. */
  verifyWaitMs: number
  /** Restored messages not yet sent for sure: they go out only once this engine holds the chat's sender lock. */
  restoredIds: readonly string[]
}

export type OutboxEvent =
  | { type: 'outbox.queue'; id: string; text: string }
  | { type: 'outbox.retry'; id: string }
  | { type: 'outbox.open'; location: ChatLocation }
  | { type: 'outbox.close' }
  | { type: 'outbox.end' }
  | { type: 'outbox.reset' }
  | { type: 'transcript.appended'; entries: readonly TranscriptEntry[]; visitorId: string | null; echoFloor: number }
  | { type: 'transcript.checked' }
  | { type: 'network.offline' }
  | { type: 'network.online' }
  | ClaimEvent

export type OutboxReport = { type: 'outbox.failed'; error: ChatError } | { type: 'outbox.checkEcho' }

export const sendMessageActor = fromPromise(
  async ({ input, signal }: { input: { config: EngineConfig; location: ChatLocation; text: string }; signal: AbortSignal }) => {
    await input.config.api.sendMessage(input.location, input.text, signal)
  },
)

/** The oldest message neither accepted by the server nor given up on. */
export const outboxHead = (messages: readonly OutboxMessage[]) => messages.find((m) => m.status === 'queued' || m.status === 'sending')

const withStatus = (messages: readonly OutboxMessage[], id: string, change: (message: OutboxMessage) => OutboxMessage) =>
  messages.map((message) => (message.id === id ? change(message) : message))

function withoutError({ error: _error, ...rest }: OutboxMessage): OutboxMessage {
  return rest
}

/**
 * The text as a server may have stored it, for echo matching: Unicode NFC, with every space, line break, control and
 * format character left out (servers normalise line endings, trim, collapse or strip them). Two texts that differ
 * only there are taken for the same message.
 */
export const echoKey = (text: string): string => text.normalize('NFC').replace(/[\s\p{Cc}\p{Cf}]+/gu, '')

/** Without the messages whose echo arrived: the oldest one with the same text (by `echoKey`), once per echo. Linear in both. */
export function removeEchoed(messages: readonly OutboxMessage[], entries: readonly TranscriptEntry[], visitorId: string | null, echoFloor: number) {
  if (messages.length === 0) return messages
  let waiting: Map<string, OutboxMessage[]> | null = null
  const echoed = new Set<OutboxMessage>()
  for (const entry of entries) {
    if (entry.index <= echoFloor || entry.type !== 'Text' || !isVisitorEntry(entry, visitorId)) continue
    if (waiting === null) {
      waiting = new Map()
      for (const message of messages) {
        const key = echoKey(message.text)
        const same = waiting.get(key)
        if (same) same.push(message)
        else waiting.set(key, [message])
      }
    }
    const oldest = waiting.get(echoKey(entry.text ?? ''))?.shift()
    if (oldest) echoed.add(oldest)
  }
  return echoed.size === 0 ? messages : messages.filter((message) => !echoed.has(message))
}

const sendError = (event: unknown) => (event as { error: ChatError }).error

/**
 * The outbox: in order, one message in flight. A send that failed for sure is retried with backoff; one whose
 * answer was lost (it may have arrived) waits, then asks the transcript poller for a fresh fetch and is sent again
 * only if its echo is not there. Messages wait while no chat is live (`gate`) and while the browser is offline.
 */
export const outboxMachine = setup({
  types: {
    context: {} as OutboxContext,
    events: {} as OutboxEvent,
    input: {} as { config: EngineConfig; messages?: readonly OutboxMessage[] },
  },
  actors: { sendMessage: sendMessageActor, claimSender },
  delays: {
    sendRetryDelay: ({ context }) => retryDelay(context.attempts, context.retryAfterMs, context.config.polling, context.config.random),
    verifyWait: ({ context }) => context.verifyWaitMs,
  },
  guards: {
    canSend: ({ context }) => outboxHead(context.messages)?.status === 'queued',
    headUnconfirmed: ({ context }) => outboxHead(context.messages)?.status === 'sending',
    /** A restored head waits for the sender lock: a duplicated tab holding the same record must not send it too. */
    headIsOurs: ({ context }) => context.restoredIds.length === 0 || !context.restoredIds.includes(outboxHead(context.messages)?.id ?? ''),
    /** No lock manager (Node, no Web Locks, `locks: null`): no other engine can hold the record, so no lock to ask for. */
    noLocks: ({ context }) => context.config.senderLocks === null,
    gateOpen: stateIn({ gate: 'open' }),
    isOnline: stateIn({ network: 'online' }),
    giveUp: ({ context, event }) => !isTransient(sendError(event)) || context.attempts + 1 >= MAX_SEND_ATTEMPTS,
    ambiguous: ({ event }) => isAmbiguous(sendError(event)),
  },
  actions: {
    assignLocation: assign({ location: ({ event }) => (event as Extract<OutboxEvent, { type: 'outbox.open' }>).location }),
    queue: assign({
      messages: ({ context, event }) => {
        const { id, text } = event as Extract<OutboxEvent, { type: 'outbox.queue' }>
        return context.messages.some((m) => m.id === id) ? context.messages : [...context.messages, { id, text, status: 'queued' as const }]
      },
    }),
    requeueFailed: assign({
      messages: ({ context, event }) => {
        const { id } = event as Extract<OutboxEvent, { type: 'outbox.retry' }>
        return context.messages.some((m) => m.id === id && m.status === 'failed') ? withStatus(context.messages, id, (m) => ({ ...withoutError(m), status: 'queued' })) : context.messages
      },
    }),
    removeEchoed: assign({
      messages: ({ context, event }) => {
        const { entries, visitorId, echoFloor } = event as Extract<OutboxEvent, { type: 'transcript.appended' }>
        return removeEchoed(context.messages, entries, visitorId, echoFloor)
      },
    }),
    markSending: assign({ messages: ({ context }) => withStatus(context.messages, outboxHead(context.messages)!.id, (m) => ({ ...withoutError(m), status: 'sending' })) }),
    markSent: assign(({ context }) => {
      const head = outboxHead(context.messages)
      // The echo may have arrived before the answer: then the message is gone already.
      const messages = head?.status === 'sending' ? withStatus(context.messages, head.id, (m) => ({ ...withoutError(m), status: 'sent' })) : context.messages
      return { messages, attempts: 0, retryAfterMs: null }
    }),
    markFailed: enqueueActions(({ context, event, enqueue }) => {
      const head = outboxHead(context.messages)
      const error = sendError(event)
      if (head) enqueue.assign({ messages: withStatus(context.messages, head.id, (m) => ({ ...m, status: 'failed', error })) })
      enqueue.assign({ attempts: 0, retryAfterMs: null })
    }),
    /** A send that failed for sure goes back to the queue with its error shown. */
    requeueHead: assign(({ context, event }) => {
      const head = outboxHead(context.messages)
      const error = sendError(event)
      return {
        attempts: context.attempts + 1,
        retryAfterMs: error.retryAfterMs ?? null,
        messages: head ? withStatus(context.messages, head.id, (m) => ({ ...withoutError(m), status: 'queued', error })) : context.messages,
      }
    }),
    /** A send that may have arrived stays `sending` until the transcript says. A request that timed out may still be applied by a slow server: it gets as long again. */
    holdForVerification: assign(({ context, event }) => {
      const error = sendError(event)
      const head = outboxHead(context.messages)
      return {
        attempts: context.attempts + 1,
        retryAfterMs: error.retryAfterMs ?? null,
        verifyWaitMs: error.code === 'timeout' ? context.config.polling.requestTimeoutMs : context.config.polling.activeIntervalMs,
        messages: head ? withStatus(context.messages, head.id, (m) => ({ ...m, error })) : context.messages,
      }
    }),
    /** The check found no echo: the message never reached the server, so it is sent again (or, out of attempts, failed). */
    resendUnechoed: assign(({ context }) => {
      const head = outboxHead(context.messages)
      if (head?.status !== 'sending') return {}
      const outOfAttempts = context.attempts >= MAX_SEND_ATTEMPTS
      return {
        messages: withStatus(context.messages, head.id, (m) => ({ ...m, status: outOfAttempts ? 'failed' : 'queued' })),
        ...(outOfAttempts ? { attempts: 0, retryAfterMs: null } : {}),
      }
    }),
    noVerifyWait: assign({ verifyWaitMs: 0 }),
    keepRestored: assign({ restoredIds: [] }),
    /** Another engine holds this chat (a duplicated tab): the messages both restored are its to send, not this one's. */
    leaveRestored: assign(({ context }) => {
      const theirs = new Set(context.restoredIds)
      return { messages: context.messages.filter((m) => !(theirs.has(m.id) && (m.status === 'queued' || m.status === 'sending'))), restoredIds: [] }
    }),
    reportFailure: sendParent(({ event }) => ({ type: 'outbox.failed', error: sendError(event) }) satisfies OutboxReport),
    askForCheck: sendParent({ type: 'outbox.checkEcho' } satisfies OutboxReport),
    failUnsent: assign({
      messages: ({ context }) => {
        const error = chatError('chat_ended', 'The chat ended before this message was sent')
        return context.messages.map((m) => (m.status === 'sent' || m.status === 'failed' ? m : { ...m, status: 'failed' as const, error }))
      },
      attempts: 0,
      retryAfterMs: null,
    }),
    clear: assign({ messages: [], attempts: 0, retryAfterMs: null, location: null, restoredIds: [] }),
  },
}).createMachine({
  id: 'outbox',
  description: 'The visitor’s messages: in order, one in flight, retried, verified against the transcript after an ambiguous failure.',
  type: 'parallel',
  context: ({ input }) => ({
    config: input.config,
    location: null,
    messages: input.messages ?? [],
    attempts: 0,
    retryAfterMs: null,
    verifyWaitMs: 0,
    restoredIds: (input.messages ?? []).filter((m) => m.status === 'queued' || m.status === 'sending').map((m) => m.id),
  }),
  on: {
    'outbox.queue': { actions: 'queue' },
    'outbox.retry': { actions: 'requeueFailed' },
    'transcript.appended': { actions: 'removeEchoed' },
    // An ended or new chat releases the sender lock.
    'outbox.end': { target: ['.delivery.idle', '.gate.closed', '.claim.unclaimed'], actions: 'failUnsent' },
    'outbox.reset': { target: ['.delivery.idle', '.gate.closed', '.claim.unclaimed'], actions: 'clear' },
  },
  states: {
    claim: {
      description: 'One sender per chat: the chat’s sender lock, held from the first open until the chat ends or resets.',
      initial: 'unclaimed',
      states: {
        unclaimed: { description: 'No chat yet.', on: { 'outbox.open': [{ guard: 'noLocks', target: 'unshared', actions: 'keepRestored' }, { target: 'claimed' }] } },
        unshared: { description: 'No lock manager to ask: this engine is the chat’s only sender, without a lock actor.' },
        claimed: {
          description: 'The lock is held, or asked for.',
          invoke: {
            src: 'claimSender',
            id: 'claim',
            // Only entered with a lock manager (`noLocks` leads elsewhere).
            input: ({ context }) => ({ locks: context.config.senderLocks!, name: `gws-chat:sender:${context.location?.chat ?? ''}`, waitMs: CLAIM_WAIT_MS }),
          },
          initial: 'asking',
          states: {
            asking: {
              description: 'Waiting for the lock; restored messages wait with it.',
              on: { 'claim.granted': { target: 'held', actions: 'keepRestored' }, 'claim.denied': { target: 'elsewhere', actions: 'leaveRestored' } },
            },
            held: { description: 'This engine sends for the chat.' },
            elsewhere: { description: 'Another engine held the chat when this one restored it: the restored messages were left to it; new ones go out here.' },
          },
        },
      },
    },
    gate: {
      description: 'Whether a chat is live to send to.',
      initial: 'closed',
      states: {
        closed: { description: 'No live chat: messages wait.', on: { 'outbox.open': { target: 'open', actions: 'assignLocation' } } },
        open: { description: 'The chat is queued or connected: messages go out.', on: { 'outbox.close': 'closed' } },
      },
    },
    network: NETWORK_REGION,
    delivery: {
      description: 'The head of the outbox.',
      initial: 'idle',
      states: {
        idle: {
          description: 'Nothing in flight: the head goes out when the gate is open and the browser online; a head left `sending` by a reload is verified first.',
          always: [
            { guard: and(['headUnconfirmed', 'headIsOurs']), target: 'verifying', actions: 'noVerifyWait' },
            { guard: and(['canSend', 'headIsOurs', 'gateOpen', 'isOnline']), target: 'sending' },
          ],
        },
        sending: {
          description: 'SendMessage of the head in flight; never aborted by the chat moving between queued and connected.',
          entry: 'markSending',
          invoke: {
            src: 'sendMessage',
            id: 'send',
            input: ({ context }) => ({ config: context.config, location: context.location!, text: outboxHead(context.messages)!.text }),
            onDone: { target: 'idle', actions: 'markSent' },
            onError: [
              // A send that may have arrived is never failed or resent before the transcript says it did not.
              { guard: 'ambiguous', target: 'verifying', actions: ['holdForVerification', 'reportFailure'] },
              { guard: 'giveUp', target: 'idle', actions: ['markFailed', 'reportFailure'] },
              { target: 'backingOff', actions: ['requeueHead', 'reportFailure'] },
            ],
          },
        },
        backingOff: { description: 'The send failed for sure: waiting to send it again.', after: { sendRetryDelay: 'idle' } },
        verifying: {
          description: 'The answer was lost: the transcript decides whether the message arrived before it is sent again.',
          initial: 'waiting',
          states: {
            waiting: { description: 'Giving a slow server time to apply it.', after: { verifyWait: 'checking' } },
            checking: {
              description: 'Waiting for a transcript fetch that started after the wait.',
              entry: 'askForCheck',
              on: { 'transcript.checked': { target: '#outbox.delivery.idle', actions: 'resendUnechoed' } },
            },
          },
        },
      },
    },
  },
})

export type OutboxSnapshot = SnapshotFrom<typeof outboxMachine>
