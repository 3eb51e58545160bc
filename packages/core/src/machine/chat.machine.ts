import { assign, emit, enqueueActions, raise, cancel, setup, stopChild, type DoneActorEvent, type ErrorActorEvent } from 'xstate'
import type { ApiClient } from '../api/client'
import { locateChat, type ChatLocation } from '../api/paths'
import type { ChatResource, RequestChatResponse } from '../api/schemas'
import { chatError, isAmbiguous, isChatGone, isTransient, type ChatError } from '../errors'
import type { ChatStore } from '../store/chat-store'
import { applyPresence, contiguousAfter, isAgent, isCustomer, isReadable, isVisitorEntry, sameParticipants, sameStrings } from '../store/transcript'
import type { ChatEventMap, ConnectionState, EndReason, Participant, PathTemplates, StartParams, TranscriptEntry } from '../types'
import { createActors } from './actors'
import { nextPollDelay, retryDelay, type ResolvedPollingOptions } from './polling-policy'

export interface ChatMachineDeps {
  api: ApiClient
  store: ChatStore
  templates: PathTemplates
  /** Follow the `path` RequestChat returns (the `chats` family). */
  honourReturnedPath: boolean
  basePathname: string
  polling: ResolvedPollingOptions
  typingIdleMs: number
  /** Sends of one message before it is marked `failed`. */
  maxSendAttempts: number
  random: () => number
  now: () => number
}

/** A chat to resume (after a reload), as the persistence layer hands it over. */
export interface RestoredChat {
  location: ChatLocation
  status: 'queued' | 'connected'
  ownParticipantId: string | null
  /** Entries up to this index were seen before the reload: not announced again, and never taken for echoes. */
  lastIndex: number
  /** Messages whose send may have reached the server: checked against the transcript before resending. */
  unconfirmed: string[]
}

export interface ChatContext {
  start: StartParams | null
  location: ChatLocation | null
  /** Highest transcript index held; the next poll asks from `lastIndex + 1`. */
  lastIndex: number
  /** Entries up to this index are not announced with `message.received` (already seen before a reload). */
  announcedUpTo: number
  /** Entries up to this index are never taken for the echo of an outbox message. */
  echoFloor: number
  ownParticipantId: string | null
  participants: readonly Participant[]
  capabilities: readonly string[]
  /** An agent has been present in this chat. */
  agentSeen: boolean
  error: ChatError | null
  endReason: EndReason | null
  connection: ConnectionState
  hidden: boolean
  transcriptFailures: number
  chatStateFailures: number
  /** `Retry-After` of each poller's last failure. */
  transcriptRetryAfterMs: number | null
  chatStateRetryAfterMs: number | null
  /** `Retry-After` of the last failed send. */
  retryAfterMs: number | null
  /** When the visitor or the agent last did something (ms epoch): polling is fast right after. */
  activityAt: number
  /** When the transcript fetch in flight (or the last one) started, ms epoch. */
  transcriptFetchStartedAt: number
  /** Queued and connected set this; sends only go out while it is true. */
  live: boolean
  typingSent: boolean
  /** Local id of the message whose SendMessage is in flight. */
  sending: string | null
  /** Attempts of the outbox head so far. */
  sendAttempts: number
  /** Why the outbox head is held back. */
  outboxHold: 'none' | 'backoff' | 'verifying'
  /** A verification is conclusive only with a transcript fetch started at or after this time (ms epoch). */
  verifyNotBefore: number
  /** A message to check against the transcript before it is sent again. */
  verifying: string | null
  /** The live status to go back to on `chat.retry` (or after a reload): the last of queued/connected. */
  resumeAs: 'queued' | 'connected'
  /** `end()` was called while RequestChat was in flight. */
  endRequested: boolean
  completeAttempts: number
}

export type ChatMachineEvent =
  | { type: 'chat.start'; params: StartParams }
  | { type: 'chat.send'; id: string; text: string }
  | { type: 'chat.retryMessage'; id: string }
  | { type: 'chat.typing'; typing: boolean }
  | { type: 'chat.end' }
  | { type: 'chat.retry' }
  | { type: 'typing.timeout' }
  | { type: 'outbox.resume' }
  | { type: 'poll.now' }
  | { type: 'page.hidden' }
  | { type: 'page.visible' }
  | { type: 'network.offline' }
  | { type: 'network.online' }

export type ChatEmitted = ChatEventMap['message.received'] | ChatEventMap['agent.typing'] | ChatEventMap['error']

export interface ChatMachineInput {
  restore?: RestoredChat
  /** A persisted chat too old to resume: start `ended` with `endReason: 'timeout'`, making no request. */
  expired?: boolean
}

const LIVE_STATE_HINT = 'Polls the transcript and the chat state; sends the outbox; Complete on `chat.end`.'

function initialContext(input: ChatMachineInput, now: number): ChatContext {
  const restore = input.restore
  return {
    start: null,
    location: restore?.location ?? null,
    lastIndex: 0,
    announcedUpTo: restore?.lastIndex ?? 0,
    echoFloor: restore?.lastIndex ?? 0,
    ownParticipantId: restore?.ownParticipantId ?? null,
    participants: [],
    capabilities: [],
    agentSeen: restore?.status === 'connected',
    error: null,
    endReason: input.expired ? 'timeout' : null,
    connection: 'online',
    hidden: false,
    transcriptFailures: 0,
    chatStateFailures: 0,
    transcriptRetryAfterMs: null,
    chatStateRetryAfterMs: null,
    retryAfterMs: null,
    transcriptFetchStartedAt: 0,
    live: false,
    typingSent: false,
    sending: null,
    sendAttempts: 0,
    outboxHold: restore && restore.unconfirmed.length > 0 ? 'verifying' : 'none',
    verifying: restore?.unconfirmed[0] ?? null,
    verifyNotBefore: now,
    activityAt: now,
    endRequested: false,
    completeAttempts: 0,
    resumeAs: restore?.status ?? 'queued',
  }
}

/**
 * What a batch of transcript entries means for the lifecycle. The guards of one poll result and its action all ask;
 * the answer is computed once per batch and context.
 */
const readings = new WeakMap<readonly TranscriptEntry[], { context: ChatContext; reading: ReturnType<typeof readEntriesOnce> }>()
function readEntries(context: ChatContext, messages: readonly TranscriptEntry[]) {
  const cached = readings.get(messages)
  if (cached && cached.context === context) return cached.reading
  const reading = readEntriesOnce(context, messages)
  readings.set(messages, { context, reading })
  return reading
}

function readEntriesOnce(context: ChatContext, messages: readonly TranscriptEntry[]) {
  const accepted = contiguousAfter(context.lastIndex, messages)
  const ownParticipantId =
    context.ownParticipantId ??
    accepted.find((e) => e.type === 'ParticipantJoined' && isCustomer(e.from))?.from.participantId ??
    null
  const participants = applyPresence(context.participants, accepted)
  const agentJoined = accepted.some((e) => e.type === 'ParticipantJoined' && isAgent(e.from))
  const ownLeft = accepted.some((e) => e.type === 'ParticipantLeft' && isVisitorEntry(e, ownParticipantId))
  const agentLeft = accepted.some((e) => e.type === 'ParticipantLeft' && isAgent(e.from))
  const agentPresent = participants.some(isAgent)
  return { accepted, ownParticipantId, participants, agentJoined, ownLeft, agentLeft, agentPresent }
}

const agentPresentIn = (chat: ChatResource) => chat.state === 'Chatting' || chat.participants.some(isAgent)

type TranscriptDone = DoneActorEvent<TranscriptEntry[]>
type ChatStateDone = DoneActorEvent<ChatResource>

export function createChatMachine(deps: ChatMachineDeps) {
  const { store, polling, random } = deps

  const transcriptOf = (event: unknown) => (event as TranscriptDone).output
  const chatOf = (event: unknown) => (event as ChatStateDone).output
  const errorOf = (event: unknown): ChatError => (event as ErrorActorEvent<ChatError>).error

  /** The outbox head: the oldest message neither accepted by the server nor given up on. */
  const outboxHead = () => store.getSnapshot().context.outbox.find((m) => m.status === 'queued' || m.status === 'sending')

  return setup({
    types: {
      context: {} as ChatContext,
      events: {} as ChatMachineEvent,
      input: {} as ChatMachineInput,
      emitted: {} as ChatEmitted,
    },
    actors: createActors(deps.api),
    delays: {
      transcriptPollDelay: ({ context }) =>
        nextPollDelay(
          {
            failures: context.transcriptFailures,
            retryAfterMs: context.transcriptRetryAfterMs,
            sinceActivityMs: deps.now() - context.activityAt,
            hidden: context.hidden,
            agentTyping: store.getSnapshot().context.agentTyping,
          },
          polling,
          random,
        ),
      chatStatePollDelay: ({ context }) =>
        nextPollDelay(
          {
            failures: context.chatStateFailures,
            retryAfterMs: context.chatStateRetryAfterMs,
            sinceActivityMs: deps.now() - context.activityAt,
            hidden: context.hidden,
          },
          polling,
          random,
        ) * (context.chatStateFailures > 0 ? 1 : polling.chatStateEvery),
      typingIdleTimeout: () => deps.typingIdleMs,
      sendRetryDelay: ({ context }) => retryDelay(context.sendAttempts, context.retryAfterMs, polling, random),
      completeRetryDelay: ({ context }) => retryDelay(context.completeAttempts, context.retryAfterMs, polling, random),
    },
    guards: {
      hasLocation: ({ context }) => context.location !== null,
      resumeConnected: ({ context }) => context.location !== null && context.resumeAs === 'connected',
      typingStarted: ({ event }) => event.type === 'chat.typing' && event.typing,
      restoredExpired: ({ context }) => context.endReason === 'timeout' && context.location === null,
      agentPresent: ({ context }) => context.participants.some(isAgent) || context.agentSeen,
      endWasRequested: ({ context }) => context.endRequested,
      isOffline: ({ context }) => context.connection === 'offline',
      isOnline: ({ context }) => context.connection !== 'offline',
      drainMayRetry: ({ context, event }) => isTransient(errorOf(event)) && context.transcriptFailures < 4,
      ownParticipantLeft: ({ context, event }) => readEntries(context, transcriptOf(event)).ownLeft,
      agentJoinedInTranscript: ({ context, event }) => readEntries(context, transcriptOf(event)).agentJoined,
      lastAgentLeftInTranscript: ({ context, event }) => {
        const read = readEntries(context, transcriptOf(event))
        return read.agentLeft && !read.agentPresent
      },
      chatIsIdle: ({ event }) => chatOf(event).state === 'Idle',
      chatHasAgent: ({ event }) => agentPresentIn(chatOf(event)),
      chatIsWaiting: ({ event }) => !agentPresentIn(chatOf(event)) && chatOf(event).state !== 'Idle',
      chatIsGone: ({ event }) => isChatGone(errorOf(event)),
      errorIsTransient: ({ event }) => isTransient(errorOf(event)),
      completeAlreadyOver: ({ event }) => {
        const error = errorOf(event)
        return isChatGone(error) || error.statusCode === 2
      },
      completeMayRetry: ({ context, event }) => isTransient(errorOf(event)) && context.completeAttempts < 3,
      verifyMayRetry: ({ context, event }) => isTransient(errorOf(event)) && context.completeAttempts < 6,
    },
    actions: {
      assignStart: assign(({ context, event }) => {
        const params = (event as Extract<ChatMachineEvent, { type: 'chat.start' }>).params
        // A new chat starts from scratch, but the page is as hidden, and the browser as offline, as it was.
        return { ...initialContext({}, deps.now()), start: params, hidden: context.hidden, connection: context.connection === 'offline' ? 'offline' : 'online' }
      }),
      resetStore: () => store.trigger.reset(),
      assignLocation: assign(({ context, event }) => {
        const output = (event as unknown as DoneActorEvent<RequestChatResponse>).output
        return {
          location: locateChat(deps.templates, deps.honourReturnedPath, output.id, output.path, deps.basePathname),
          error: null,
          lastIndex: context.lastIndex,
        }
      }),
      assignError: assign({ error: ({ event }) => errorOf(event) }),
      emitError: emit(({ event }) => ({ type: 'error' as const, error: errorOf(event) })),
      clearError: assign({ error: null }),
      markLive: assign({ live: true }),
      resumeQueued: assign({ resumeAs: 'queued' as const }),
      resumeConnected: assign({ resumeAs: 'connected' as const }),
      markNotLive: assign({ live: false }),
      requestEnd: assign({ endRequested: true }),

      applyTranscript: enqueueActions(({ context, event, enqueue }) => {
        const read = readEntries(context, transcriptOf(event))
        const verificationConclusive = context.verifying !== null && context.transcriptFetchStartedAt >= context.verifyNotBefore
        // Anything from the agent, typing included, means an answer may follow: poll fast for a while.
        const agentSpoke = read.accepted.some((e) => isAgent(e.from))
        enqueue.assign({
          lastIndex: context.lastIndex + read.accepted.length,
          ownParticipantId: read.ownParticipantId,
          participants: read.participants,
          agentSeen: context.agentSeen || read.agentPresent,
          transcriptFailures: 0,
          transcriptRetryAfterMs: null,
          connection: context.connection === 'offline' ? 'offline' : 'online',
          ...(agentSpoke ? { activityAt: deps.now() } : {}),
          ...(verificationConclusive ? { verifying: null, outboxHold: 'none' as const } : {}),
        })
        if (read.accepted.length > 0) {
          const typingBefore = store.getSnapshot().context.agentTyping
          store.trigger.entriesAppended({
            entries: read.accepted,
            ownParticipantId: read.ownParticipantId,
            echoFloor: context.echoFloor,
          })
          const typingAfter = store.getSnapshot().context.agentTyping
          for (const entry of read.accepted) {
            if (entry.index <= context.announcedUpTo) continue
            if (entry.from.participantId !== read.ownParticipantId && !isCustomer(entry.from) && isReadable(entry)) {
              enqueue.emit({ type: 'message.received', entry })
            }
          }
          if (typingBefore !== typingAfter) enqueue.emit({ type: 'agent.typing', typing: typingAfter })
        }
        // The echo decides: a verified message that is still in the outbox never reached the server.
        if (verificationConclusive) enqueue.raise({ type: 'outbox.resume' })
      }),
      applyChatState: assign(({ context, event }) => {
        const chat = chatOf(event)
        return {
          participants: sameParticipants(context.participants, chat.participants),
          capabilities: sameStrings(context.capabilities, chat.capabilities),
          agentSeen: context.agentSeen || agentPresentIn(chat),
          ownParticipantId: context.ownParticipantId ?? chat.participants.find(isCustomer)?.participantId ?? null,
          chatStateFailures: 0,
          chatStateRetryAfterMs: null,
          connection: context.connection === 'offline' ? ('offline' as const) : ('online' as const),
        }
      }),
      resetTranscriptFailures: assign({ transcriptFailures: 0 }),
      countTranscriptFetch: assign({ transcriptFetchStartedAt: () => deps.now() }),
      recordTranscriptFailure: assign(({ context, event }) => ({
        transcriptFailures: context.transcriptFailures + 1,
        transcriptRetryAfterMs: errorOf(event).retryAfterMs ?? null,
        connection: context.connection === 'offline' ? ('offline' as const) : ('reconnecting' as const),
      })),
      recordChatStateFailure: assign(({ context, event }) => ({
        chatStateFailures: context.chatStateFailures + 1,
        chatStateRetryAfterMs: errorOf(event).retryAfterMs ?? null,
        connection: context.connection === 'offline' ? ('offline' as const) : ('reconnecting' as const),
      })),
      endByCustomer: assign({ endReason: 'customer' as EndReason }),
      endByAgent: assign({ endReason: 'agent' as EndReason }),
      endByServer: assign({ endReason: 'server' as EndReason }),
      endByTimeout: assign({ endReason: 'timeout' as EndReason }),
      endByAgentOrServer: assign(({ context }) => ({ endReason: (context.agentSeen ? 'agent' : 'server') as EndReason })),
      finishSession: enqueueActions(({ context, enqueue }) => {
        enqueue.cancel('typingTimeout')
        enqueue.cancel('outboxRetry')
        if (context.sending !== null) enqueue.stopChild('outboxSend')
        store.trigger.unsentFailed({ error: chatError('chat_ended', 'The chat ended before this message was sent') })
        enqueue.assign({ sending: null, outboxHold: 'none', verifying: null, typingSent: false, live: false })
      }),

      noteActivity: enqueueActions(({ context, enqueue }) => {
        const now = deps.now()
        const wasResting = now - context.activityAt > polling.activeIntervalMs
        enqueue.assign({ activityAt: now })
        // Bring the next poll forward so the faster interval applies now, not after the resting one.
        if (wasResting) enqueue.raise({ type: 'poll.now' }, { delay: polling.activeIntervalMs, id: 'activityPoll' })
      }),
      queueMessage: ({ event }) => {
        const { id, text } = event as Extract<ChatMachineEvent, { type: 'chat.send' }>
        store.trigger.messageQueued({ id, text })
      },
      requeueFailedMessage: ({ event }) => {
        const { id } = event as Extract<ChatMachineEvent, { type: 'chat.retryMessage' }>
        if (store.getSnapshot().context.outbox.some((m) => m.id === id && m.status === 'failed')) {
          store.trigger.messageRequeued({ id })
        }
      },
      /** Send the outbox head, unless one is in flight, held back, or the link is down. */
      sendNext: enqueueActions(({ context, enqueue }) => {
        if (!context.live || context.location === null || context.sending !== null) return
        if (context.outboxHold !== 'none' || context.connection === 'offline') return
        const head = outboxHead()
        if (!head) return
        store.trigger.messageSending({ id: head.id })
        enqueue.assign({ sending: head.id })
        enqueue.spawnChild('sendMessage', {
          id: 'outboxSend',
          input: { location: context.location, id: head.id, text: head.text },
        })
      }),
      recordSent: assign(({ context }) => {
        const id = context.sending
        if (id !== null && store.getSnapshot().context.outbox.some((m) => m.id === id && m.status === 'sending')) {
          store.trigger.messageSent({ id })
        }
        return { sending: null, sendAttempts: 0, retryAfterMs: null }
      }),
      /** A failed send: retry it later, check the transcript first if it may have arrived, or give up. */
      recordSendFailure: enqueueActions(({ context, event, enqueue }) => {
        const error = errorOf(event)
        const id = context.sending
        enqueue.assign({ sending: null })
        if (id === null) return
        const attempts = context.sendAttempts + 1
        enqueue.emit({ type: 'error', error })
        if (!isTransient(error) || attempts >= deps.maxSendAttempts) {
          store.trigger.messageFailed({ id, error })
          enqueue.assign({ sendAttempts: 0 })
          enqueue.raise({ type: 'outbox.resume' })
          return
        }
        store.trigger.messageRequeued({ id, error })
        enqueue.assign({ sendAttempts: attempts, retryAfterMs: error.retryAfterMs ?? null })
        if (isAmbiguous(error)) {
          // A request that timed out may still be applied by a slow server: give it as long again
          // before the transcript decides. A dropped or garbled answer means the server is done with it.
          const wait = error.code === 'timeout' ? polling.requestTimeoutMs : polling.activeIntervalMs
          enqueue.assign({ outboxHold: 'verifying', verifying: id, verifyNotBefore: deps.now() + wait })
          enqueue.raise({ type: 'poll.now' }, { delay: wait, id: 'verifyPoll' })
        } else {
          enqueue.assign({ outboxHold: 'backoff' })
          enqueue.raise({ type: 'outbox.resume' }, { delay: 'sendRetryDelay', id: 'outboxRetry' })
        }
      }),
      releaseOutbox: assign(({ context }) => (context.outboxHold === 'backoff' ? { outboxHold: 'none' as const } : {})),

      startTyping: enqueueActions(({ context, enqueue }) => {
        enqueue.cancel('typingTimeout')
        enqueue.raise({ type: 'typing.timeout' }, { delay: 'typingIdleTimeout', id: 'typingTimeout' })
        if (context.typingSent || context.location === null) return
        enqueue.assign({ typingSent: true })
        enqueue.spawnChild('sendTypingNotification', { input: { location: context.location, typing: true } })
      }),
      stopTyping: enqueueActions(({ context, enqueue }) => {
        enqueue.cancel('typingTimeout')
        if (!context.typingSent || context.location === null) return
        enqueue.assign({ typingSent: false })
        enqueue.spawnChild('sendTypingNotification', { input: { location: context.location, typing: false } })
      }),
      countCompleteAttempt: assign({ completeAttempts: ({ context }) => context.completeAttempts + 1 }),
      resetCompleteAttempts: assign({ completeAttempts: 0, endRequested: false }),
      setHidden: assign({ hidden: true }),
      setVisible: assign({ hidden: false }),
      setOffline: assign({ connection: 'offline' as const }),
      setOnline: assign(({ context }) => ({ connection: context.connection === 'offline' ? ('online' as const) : context.connection })),
    },
  }).createMachine({
    id: 'chat',
    description: 'A visitor’s chat with a contact-center agent over the GWS Customer Chat API.',
    context: ({ input }) => initialContext(input, deps.now()),
    invoke: { src: 'watchEnvironment', id: 'environment' },
    initial: 'idle',
    on: {
      'page.hidden': { actions: 'setHidden' },
      'page.visible': { actions: ['setVisible', raise({ type: 'poll.now' })] },
      'network.offline': { actions: 'setOffline' },
      'network.online': { actions: ['setOnline', raise({ type: 'poll.now' }), raise({ type: 'outbox.resume' })] },
      'chat.send': { actions: 'queueMessage' },
      'chat.retryMessage': { actions: ['requeueFailedMessage', 'sendNext'] },
      'outbox.resume': { actions: ['releaseOutbox', 'sendNext'] },
      'xstate.done.actor.outboxSend': { actions: ['recordSent', 'sendNext'] },
      'xstate.error.actor.outboxSend': { actions: 'recordSendFailure' },
    },
    states: {
      idle: {
        description: 'No chat yet. `chat.start` requests one.',
        always: [
          { guard: 'restoredExpired', target: 'ended' },
          { guard: 'resumeConnected', target: 'connected' },
          { guard: 'hasLocation', target: 'queued' },
        ],
        on: {
          'chat.start': { target: 'requesting', actions: ['assignStart', 'resetStore'] },
        },
      },
      requesting: {
        description: 'RequestChat is in flight. Messages sent now wait in the outbox.',
        invoke: {
          src: 'requestChat',
          id: 'requestChat',
          input: ({ context }) => ({ params: context.start! }),
          onDone: [
            { guard: 'endWasRequested', target: 'queued.ending', actions: 'assignLocation' },
            { target: 'queued', actions: 'assignLocation' },
          ],
          onError: [
            // The visitor asked to end and no chat was created: nothing is left to end.
            { guard: 'endWasRequested', target: 'ended', actions: 'endByCustomer' },
            { target: 'error', actions: ['assignError', 'emitError'] },
          ],
        },
        on: { 'chat.end': { actions: 'requestEnd' } },
      },
      queued: {
        description: 'The chat exists; no agent is present yet. ' + LIVE_STATE_HINT,
        entry: ['markLive', 'resumeQueued', 'sendNext'],
        exit: 'markNotLive',
        initial: 'live',
        on: liveHandlers(),
        states: {
          live: {
            type: 'parallel',
            description: 'Polling while waiting for an agent.',
            states: {
              transcript: transcriptRegion([
                { guard: 'ownParticipantLeft', target: '#chat.ended', actions: ['applyTranscript', 'endByTimeout'] },
                { guard: 'agentJoinedInTranscript', target: '#chat.connected', actions: 'applyTranscript' },
              ]),
              chatState: chatStateRegion([
                { guard: 'chatIsIdle', target: '#chat.queued.draining', actions: ['applyChatState', 'endByAgentOrServer'] },
                { guard: 'chatHasAgent', target: '#chat.connected', actions: 'applyChatState' },
              ]),
            },
          },
          draining: drainingState(),
          ending: endingState(),
        },
      },
      connected: {
        description: 'An agent is in the chat. ' + LIVE_STATE_HINT,
        entry: ['markLive', 'resumeConnected', 'sendNext'],
        exit: 'markNotLive',
        initial: 'live',
        on: liveHandlers(),
        states: {
          live: {
            type: 'parallel',
            description: 'Polling while talking to the agent.',
            states: {
              transcript: transcriptRegion([
                { guard: 'ownParticipantLeft', target: '#chat.ended', actions: ['applyTranscript', 'endByTimeout'] },
                { guard: 'lastAgentLeftInTranscript', target: '#chat.connected.confirmingEnd', actions: 'applyTranscript' },
              ]),
              chatState: chatStateRegion([
                { guard: 'chatIsIdle', target: '#chat.connected.draining', actions: ['applyChatState', 'endByAgentOrServer'] },
                { guard: 'chatIsWaiting', target: '#chat.queued', actions: 'applyChatState' },
              ]),
            },
          },
          confirmingEnd: {
            description: 'The last agent left: GetChat tells an end (Idle) from a transfer back to the queue (WaitingForAgent).',
            invoke: {
              src: 'fetchChatState',
              input: ({ context }) => ({ location: context.location! }),
              onDone: [
                { guard: 'chatIsIdle', target: '#chat.connected.draining', actions: ['applyChatState', 'endByAgent'] },
                { guard: 'chatIsWaiting', target: '#chat.queued', actions: 'applyChatState' },
                { target: 'live', actions: 'applyChatState' },
              ],
              onError: [
                { guard: 'chatIsGone', target: '#chat.ended', actions: 'endByAgent' },
                { target: 'live' },
              ],
            },
          },
          draining: drainingState(),
          ending: endingState(),
        },
      },
      ended: {
        description: 'The chat is over (see `endReason`). No request is made for it any more. `chat.start` begins a new one.',
        entry: 'finishSession',
        on: {
          'chat.start': { target: 'requesting', actions: ['assignStart', 'resetStore'] },
          'chat.send': {},
        },
      },
      error: {
        description: 'A failure the engine will not retry on its own (see `error`). `chat.retry` resumes, or requests the chat again if none was created.',
        entry: 'stopTyping',
        initial: 'waiting',
        states: {
          waiting: {
            description: 'Waiting for the visitor: `chat.retry` or `chat.end`.',
            on: {
              'chat.retry': [
                { guard: 'hasLocation', target: '#chat.idle', actions: 'clearError' },
                { target: '#chat.requesting', actions: 'clearError' },
              ],
              'chat.end': [{ guard: 'hasLocation', target: 'ending' }, { target: '#chat.ended', actions: 'endByCustomer' }],
            },
          },
          ending: endingState(),
        },
      },
    },
  })

  // Shapes shared by `queued` and `connected`, built by functions so both states stay identical.
  function liveHandlers() {
    return {
      'chat.send': { actions: ['queueMessage', 'stopTyping', 'noteActivity', 'sendNext'] as const },
      'chat.typing': [
        { guard: 'typingStarted' as const, actions: ['startTyping', 'noteActivity'] as const },
        { actions: 'stopTyping' as const },
      ],
      'typing.timeout': { actions: 'stopTyping' as const },
      'chat.end': { target: '.ending', actions: 'stopTyping' as const },
    }
  }

  function transcriptRegion(decisions: object[]) {
    return {
      description: 'GetMessages from `lastIndex + 1`, one request at a time.',
      initial: 'fetching',
      states: {
        waiting: {
          description: 'Until the policy’s next delay (`poll.now` cuts it short after activity or when back online).',
          on: { 'poll.now': { guard: 'isOnline', target: 'fetching' } },
          after: { transcriptPollDelay: [{ guard: 'isOffline', target: 'paused' }, { target: 'fetching' }] },
        },
        paused: {
          description: 'The browser is offline; polling resumes on `network.online`.',
          on: { 'poll.now': { guard: 'isOnline', target: 'fetching' } },
        },
        fetching: {
          description: 'GetMessages in flight.',
          entry: 'countTranscriptFetch',
          invoke: {
            src: 'fetchTranscript',
            input: ({ context }: { context: ChatContext }) => ({ location: context.location!, index: context.lastIndex + 1 }),
            onDone: [...decisions, { target: 'waiting', actions: 'applyTranscript' }],
            onError: [
              { guard: 'chatIsGone', target: '#chat.ended', actions: ['emitError', 'endByServer'] },
              { guard: 'errorIsTransient', target: 'waiting', actions: ['recordTranscriptFailure', 'emitError'] },
              { target: '#chat.error', actions: ['assignError', 'emitError'] },
            ],
          },
        },
      },
    } as const
  }

  function chatStateRegion(decisions: object[]) {
    return {
      description: 'GetChat for state, participants and capabilities, at a slower cadence.',
      initial: 'fetching',
      states: {
        waiting: {
          description: 'Until the policy’s next delay, times `chatStateEvery` when nothing fails.',
          after: { chatStatePollDelay: [{ guard: 'isOffline', target: 'paused' }, { target: 'fetching' }] },
        },
        paused: {
          description: 'The browser is offline; polling resumes on `network.online`.',
          on: { 'poll.now': { guard: 'isOnline', target: 'fetching' } },
        },
        fetching: {
          description: 'GetChat in flight.',
          invoke: {
            src: 'fetchChatState',
            input: ({ context }: { context: ChatContext }) => ({ location: context.location! }),
            onDone: [...decisions, { target: 'waiting', actions: 'applyChatState' }],
            onError: [
              { guard: 'chatIsGone', target: '#chat.ended', actions: ['emitError', 'endByServer'] },
              { guard: 'errorIsTransient', target: 'waiting', actions: ['recordChatStateFailure', 'emitError'] },
              { target: '#chat.error', actions: ['assignError', 'emitError'] },
            ],
          },
        },
      },
    } as const
  }

  function drainingState() {
    return {
      description:
        'The server ended the chat: GetMessages picks up its final entries (a goodbye, the leave) before `ended`, retried on transient failures.',
      initial: 'fetching',
      entry: 'resetTranscriptFailures',
      states: {
        fetching: {
          description: 'The final GetMessages in flight.',
          invoke: {
            src: 'fetchTranscript',
            input: ({ context }: { context: ChatContext }) => ({ location: context.location!, index: context.lastIndex + 1 }),
            onDone: [
              // The final entries tell why: the visitor's own leave means the server closed the visitor's side.
              { guard: 'ownParticipantLeft', target: '#chat.ended', actions: ['applyTranscript', 'endByTimeout'] },
              { target: '#chat.ended', actions: 'applyTranscript' },
            ],
            onError: [
              { guard: 'drainMayRetry', target: 'backingOff', actions: 'recordTranscriptFailure' },
              { target: '#chat.ended' },
            ],
          },
        },
        backingOff: { description: 'Waiting to fetch again after a failure.', after: { transcriptPollDelay: 'fetching' } },
      },
    } as const
  }

  function endingState() {
    return {
      description: 'Complete is in flight; polling has stopped. Transient failures are retried a few times.',
      initial: 'checkingNetwork',
      entry: 'resetCompleteAttempts',
      states: {
        checkingNetwork: {
          description: 'Complete goes out only while the browser is online.',
          always: [{ guard: 'isOffline', target: 'awaitingNetwork' }, { target: 'completing' }],
        },
        awaitingNetwork: {
          description: 'Offline: Complete waits for the network instead of failing.',
          on: { 'poll.now': { guard: 'isOnline', target: 'completing' } },
        },
        completing: {
          description: 'Complete in flight.',
          entry: 'countCompleteAttempt',
          invoke: {
            src: 'completeChat',
            input: ({ context }: { context: ChatContext }) => ({ location: context.location! }),
            onDone: { target: '#chat.ended', actions: 'endByCustomer' },
            onError: [
              { guard: 'completeAlreadyOver', target: '#chat.ended', actions: 'endByCustomer' },
              { guard: 'completeMayRetry', target: 'backingOff', actions: 'emitError' },
              // Whatever went wrong, an earlier attempt may have ended the chat: GetChat decides.
              { target: 'verifying', actions: ['assignError', 'emitError'] },
            ],
          },
        },
        backingOff: { description: 'Waiting to send Complete again after a transient failure.', after: { completeRetryDelay: 'completing' } },
        verifying: {
          description: 'Complete failed: GetChat tells whether one of the attempts ended the chat after all.',
          invoke: {
            src: 'fetchChatState',
            input: ({ context }: { context: ChatContext }) => ({ location: context.location! }),
            onDone: [
              { guard: 'chatIsIdle', target: '#chat.ended', actions: ['clearError', 'endByCustomer'] },
              { target: '#chat.error' },
            ],
            onError: [
              { guard: 'chatIsGone', target: '#chat.ended', actions: ['clearError', 'endByCustomer'] },
              { guard: 'verifyMayRetry', target: 'verifyBackingOff' },
              { target: '#chat.error' },
            ],
          },
        },
        verifyBackingOff: {
          description: 'GetChat failed too: asking again after a pause.',
          entry: 'countCompleteAttempt',
          after: { completeRetryDelay: 'verifying' },
        },
      },
    } as const
  }
}

export type ChatMachine = ReturnType<typeof createChatMachine>
