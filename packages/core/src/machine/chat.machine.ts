import { assign, emit, enqueueActions, fromPromise, sendTo, setup, stateIn, type SnapshotFrom } from 'xstate'
import { locateChat, type ChatLocation } from '../api/paths'
import type { ChatResource, RequestChatResponse } from '../api/schemas'
import { isChatGone, type ChatError } from '../errors'
import { applyPresence, isAgent, isCustomer, isPlaceholder, isReadable, isVisitorEntry, sameParticipants, sameStrings } from '../store/transcript'
import type { EntryTimes } from '../store/entry-times'
import type { ChatEventMap, EndReason, OutboxMessage, Participant, StartParams, TranscriptEntry } from '../types'
import { chatStatePollerMachine, type ChatStatePollerReport } from './chat-state-poller.machine'
import { completerMachine, fetchChatStateActor, type CompleterReport } from './completer.machine'
import type { EngineConfig } from './config'
import { connectivityMachine } from './connectivity.machine'
import { watchEnvironment, type EnvironmentEvent } from './environment'
import { outboxMachine, type OutboxReport } from './outbox.machine'
import { transcriptPollerMachine, type TranscriptPollerReport } from './transcript-poller.machine'
import { typingMachine } from './typing.machine'

/** A chat to resume (after a reload), as the persister hands it over. */
export interface RestoredChat {
  location: ChatLocation
  /** Who was in the chat: an agent among them resumes it `connected`. */
  participants: readonly Participant[]
  visitorId: string | null
  /** Entries up to this index were seen before the reload: not announced again, and never taken for echoes. */
  lastIndex: number
  /** The outbox as it was; messages left `sending` are checked against the transcript before any resend. */
  outbox: readonly OutboxMessage[]
  /** The times the last entries showed, by index (older records have none: those entries get the time they arrive). */
  times?: EntryTimes
}

export interface ChatMachineInput {
  config: EngineConfig
  restore?: RestoredChat
  /** A persisted chat too old to resume: start `ended` with `endReason: 'timeout'`, making no request. */
  expired?: boolean
}

/** The lifecycle's data. Everything with states of its own lives in a child machine. */
export interface ChatContext {
  config: EngineConfig
  start: StartParams | null
  location: ChatLocation | null
  visitorId: string | null
  participants: readonly Participant[]
  capabilities: readonly string[]
  /** An agent has been present in this chat (an end by the server is then the agent's). */
  agentSeen: boolean
  error: ChatError | null
  endReason: EndReason | null
  /** Entries up to this index were seen before a reload: not announced again, never taken for echoes. */
  seenUpTo: number
  /** Agent messages that arrived while the visitor did not see the chat (`snapshot.unreadCount`). */
  unread: number
  /**
   * The page is hidden; the UI does not show the chat (`setViewing(false)`). They decide whether a message counts as
   * unread, never which events matter. `unread`, `hidden` and `away` are the page's: a new chat keeps them.
   */
  hidden: boolean
  away: boolean
}

export type ChatCommandEvent =
  | { type: 'chat.start'; params: StartParams }
  | { type: 'chat.send'; id: string; text: string }
  | { type: 'chat.retryMessage'; id: string }
  | { type: 'chat.typing'; typing: boolean }
  | { type: 'chat.end' }
  | { type: 'chat.retry' }
  | { type: 'chat.viewing'; viewing: boolean }
  | { type: 'chat.markRead' }

export type ChatMachineEvent =
  | ChatCommandEvent
  | EnvironmentEvent
  | TranscriptPollerReport
  | ChatStatePollerReport
  | OutboxReport
  | CompleterReport

/**
 * What the machine emits. New readable entries go out as one `messages.received` per answer (the engine hands them to
 * listeners as one `message.received` each): XState runs emitted events one by one from a queue, so one emit per
 * entry would make an answer of 100,000 entries cost quadratic time.
 */
export type ChatEmitted = { type: 'messages.received'; entries: readonly TranscriptEntry[] } | ChatEventMap['agent.typing'] | ChatEventMap['error']

/** Children that follow the browser's network, and those that follow the page's visibility. */
const NETWORK_FOLLOWERS = ['connectivity', 'transcriptPoller', 'chatStatePoller', 'outbox', 'completer'] as const
const PAGE_FOLLOWERS = ['transcriptPoller', 'chatStatePoller'] as const
const POLLERS = ['transcriptPoller', 'chatStatePoller'] as const

type Appended = Extract<ChatMachineEvent, { type: 'transcript.appended' }>
type ChatStateReceived = Extract<ChatMachineEvent, { type: 'chatState.received' }>

const entriesOf = (event: ChatMachineEvent) => (event as Appended).entries
const chatOf = (event: ChatMachineEvent) => (event as ChatStateReceived).chat
const errorOf = (event: unknown): ChatError => (event as { error: ChatError }).error
const agentPresentIn = (chat: ChatResource) => chat.state === 'Chatting' || chat.participants.some(isAgent)

function initialContext(input: ChatMachineInput): ChatContext {
  const restore = input.restore
  return {
    config: input.config,
    start: null,
    location: restore?.location ?? null,
    visitorId: restore?.visitorId ?? null,
    participants: restore?.participants ?? [],
    capabilities: [],
    agentSeen: restore?.participants.some(isAgent) ?? false,
    error: null,
    endReason: input.expired ? 'timeout' : null,
    seenUpTo: restore?.lastIndex ?? 0,
    unread: 0,
    hidden: false,
    away: false,
  }
}

/** Participants, capabilities and agent presence as a GetChat answer shows them (unchanged values keep their reference). */
const presenceFrom = (context: ChatContext, chat: ChatResource) => ({
  participants: sameParticipants(context.participants, chat.participants),
  capabilities: sameStrings(context.capabilities, chat.capabilities),
  agentSeen: context.agentSeen || agentPresentIn(chat),
})

const visitorIdAfter = (context: ChatContext, entries: readonly TranscriptEntry[]) =>
  context.visitorId ?? entries.find((e) => e.type === 'ParticipantJoined' && isCustomer(e.from))?.from.participantId ?? null

/** What the visitor does while the chat is queued or connected (shared by both). */
const LIVE_COMMANDS = {
  'chat.send': { actions: ['queueMessage', 'stopTyping', 'noteActivity'] },
  'chat.typing': { actions: ['forwardTyping', 'noteActivity'] },
  'chat.end': { target: '.ending', actions: 'stopTyping' },
} as const

/** A poller's request refused for good: a gone chat ends, anything else is an error the visitor sees (shared by both live states). */
const POLL_OUTCOMES = {
  'poll.gone': { target: '#chat.ended', actions: ['emitError', 'endByServer'] },
  'poll.fatal': { target: '#chat.error', actions: ['assignError', 'emitError'] },
} as const

/** Shared by `queued` and `connected`: the poller fetches the last entries of a chat the server ended. */
const DRAINING = {
  description: 'The server ended the chat: the transcript poller fetches its last entries (a goodbye, the leave) before `ended`.',
  entry: 'drainTranscript',
  on: {
    'transcript.appended': [
      // The visitor's own leave means the server closed the visitor's side.
      { guard: 'ownParticipantLeft', target: '#chat.ended', actions: ['applyTranscript', 'endByTimeout'] },
      { actions: 'applyTranscript' },
    ],
    'transcript.drained': '#chat.ended',
  },
} as const

/** Shared by `queued`, `connected` and `error`: the completer ends the chat, and it ends whatever the server answers. */
const ENDING = {
  description: 'The completer ends the chat; polling has stopped. It ends whatever the server answers.',
  entry: 'startCompleting',
  on: { 'complete.done': { target: '#chat.ended', actions: ['assignEndError', 'endByCustomer'] } },
} as const

export const requestChatActor = fromPromise(({ input, signal }: { input: { config: EngineConfig; params: StartParams }; signal: AbortSignal }) =>
  input.config.api.requestChat(input.params, signal),
)

/**
 * The lifecycle of a visitor's chat: exactly `idle`, `requesting`, `queued`, `connected`, `ended` and `error` at the
 * top. Polling, the outbox, typing, the end and connectivity are child machines invoked once for the engine's life
 * (shared by `queued` and `connected`, so moving between them aborts nothing); this machine decides, they act.
 * The definition is static: one per module, configured per engine through `input`.
 */
export const chatMachine = setup({
  types: {
    context: {} as ChatContext,
    events: {} as ChatMachineEvent,
    input: {} as ChatMachineInput,
    emitted: {} as ChatEmitted,
    // Every child's id (the environment watcher only where there is a page), so the machine's children type is exact:
    // with an invoked actor left unnamed, XState types the children as an index signature beside named properties,
    // which is invalid in the emitted .d.ts (TS2411). Given by the assertion only, so the bundle carries no `children`
    // property.
  } as {
    context: ChatContext
    events: ChatMachineEvent
    input: ChatMachineInput
    emitted: ChatEmitted
    children: {
      environment: 'watchEnvironment'
      connectivity: 'connectivity'
      transcriptPoller: 'transcriptPoller'
      chatStatePoller: 'chatStatePoller'
      outbox: 'outbox'
      typing: 'typing'
      completer: 'completer'
      requestChat: 'requestChat'
      confirmEnd: 'fetchChatState'
    }
  },
  actors: {
    watchEnvironment,
    connectivity: connectivityMachine,
    transcriptPoller: transcriptPollerMachine,
    chatStatePoller: chatStatePollerMachine,
    outbox: outboxMachine,
    typing: typingMachine,
    completer: completerMachine,
    requestChat: requestChatActor,
    fetchChatState: fetchChatStateActor,
  },
  guards: {
    hasLocation: ({ context }) => context.location !== null,
    restoredExpired: ({ context }) => context.endReason === 'timeout' && context.location === null,
    resumesConnected: ({ context }) => context.location !== null && context.participants.some(isAgent),
    ownParticipantLeft: ({ context, event }) => {
      const visitorId = visitorIdAfter(context, entriesOf(event))
      return entriesOf(event).some((e) => e.type === 'ParticipantLeft' && isVisitorEntry(e, visitorId))
    },
    agentJoinedInTranscript: ({ event }) => entriesOf(event).some((e) => e.type === 'ParticipantJoined' && isAgent(e.from)),
    lastAgentLeftInTranscript: ({ context, event }) =>
      entriesOf(event).some((e) => e.type === 'ParticipantLeft' && isAgent(e.from)) && !applyPresence(context.participants, entriesOf(event)).some(isAgent),
    chatIsIdle: ({ event }) => chatOf(event).state === 'Idle',
    chatHasAgent: ({ event }) => agentPresentIn(chatOf(event)),
    chatIsWaiting: ({ event }) => !agentPresentIn(chatOf(event)) && chatOf(event).state !== 'Idle',
    confirmedIdle: ({ event }) => (event as unknown as { output: ChatResource }).output.state === 'Idle',
    confirmedWaiting: ({ event }) => {
      const chat = (event as unknown as { output: ChatResource }).output
      return !agentPresentIn(chat) && chat.state !== 'Idle'
    },
    chatIsGone: ({ event }) => isChatGone(errorOf(event)),
    endWasRequested: stateIn('#chat.requesting.endRequested'),
  },
  actions: {
    assignStart: assign(({ context, event }) => ({
      ...initialContext({ config: context.config }),
      unread: context.unread,
      hidden: context.hidden,
      away: context.away,
      start: (event as Extract<ChatMachineEvent, { type: 'chat.start' }>).params,
    })),
    /** Where there is a page or a browser network, a child follows them for the engine's life (in Node, none). */
    startEnvironmentWatch: enqueueActions(({ context, enqueue }) => {
      if (!context.config.hasEnvironment) return
      enqueue.spawnChild('watchEnvironment', { id: 'environment', systemId: 'environment', input: { watchPage: context.config.watchPage } })
    }),
    /** A new chat starts from scratch; the page stays as hidden, and the browser as offline, as it was. */
    resetChildren: enqueueActions(({ enqueue }) => {
      for (const id of POLLERS) enqueue.sendTo(id, { type: 'poller.reset' })
      enqueue.sendTo('outbox', { type: 'outbox.reset' })
      enqueue.sendTo('typing', { type: 'typing.close' })
      enqueue.sendTo('completer', { type: 'complete.cancel' })
      enqueue.sendTo('connectivity', { type: 'link.idle' })
    }),
    assignLocation: assign(({ context, event }) => {
      const output = (event as unknown as { output: RequestChatResponse }).output
      const { templates, honourReturnedPath, basePathname } = context.config
      return { location: locateChat(templates, honourReturnedPath, output.id, output.path ?? undefined, basePathname), error: null }
    }),
    assignError: assign({ error: ({ event }) => errorOf(event) }),
    assignEndError: assign({ error: ({ event }) => (event as Extract<ChatMachineEvent, { type: 'complete.done' }>).error }),
    emitError: emit(({ event }) => ({ type: 'error' as const, error: errorOf(event) })),
    clearError: assign({ error: null }),

    forwardNetwork: enqueueActions(({ event, enqueue }) => {
      for (const id of NETWORK_FOLLOWERS) enqueue.sendTo(id, event as EnvironmentEvent)
    }),
    forwardPage: enqueueActions(({ event, enqueue }) => {
      for (const id of PAGE_FOLLOWERS) enqueue.sendTo(id, event as EnvironmentEvent)
    }),
    // The inputs of the unread count (the page's visibility, the UI's `setViewing`) and `markRead`.
    notePage: assign({ hidden: ({ event }) => event.type === 'page.hidden' }),
    noteViewing: assign({ away: ({ event }) => !(event as Extract<ChatMachineEvent, { type: 'chat.viewing' }>).viewing }),
    markRead: assign({ unread: 0 }),
    forwardLink: sendTo('connectivity', ({ event }) => event as Extract<ChatMachineEvent, { type: 'link.ok' | 'link.failing' }>),
    linkIdle: sendTo('connectivity', { type: 'link.idle' }),
    queueMessage: sendTo('outbox', ({ event }) => {
      const { id, text } = event as Extract<ChatMachineEvent, { type: 'chat.send' }>
      return { type: 'outbox.queue' as const, id, text }
    }),
    retryMessage: sendTo('outbox', ({ event }) => ({ type: 'outbox.retry' as const, id: (event as Extract<ChatMachineEvent, { type: 'chat.retryMessage' }>).id })),
    openOutbox: sendTo('outbox', ({ context }) => ({ type: 'outbox.open' as const, location: context.location! })),
    closeOutbox: sendTo('outbox', { type: 'outbox.close' }),
    askForCheck: sendTo('transcriptPoller', { type: 'poller.check' }),
    forwardCheck: sendTo('outbox', { type: 'transcript.checked' }),
    openTyping: sendTo('typing', ({ context }) => ({ type: 'typing.open' as const, location: context.location! })),
    forwardTyping: sendTo('typing', ({ event }) => event as Extract<ChatMachineEvent, { type: 'chat.typing' }>),
    stopTyping: sendTo('typing', { type: 'typing.stop' }),
    closeTyping: sendTo('typing', { type: 'typing.close' }),
    noteActivity: enqueueActions(({ enqueue }) => {
      for (const id of POLLERS) enqueue.sendTo(id, { type: 'poller.activity' })
    }),
    startPolling: enqueueActions(({ context, enqueue }) => {
      for (const id of POLLERS) enqueue.sendTo(id, { type: 'poller.start', location: context.location! })
    }),
    stopPolling: enqueueActions(({ enqueue }) => {
      for (const id of POLLERS) enqueue.sendTo(id, { type: 'poller.stop' })
    }),
    drainTranscript: sendTo('transcriptPoller', { type: 'poller.drain' }),
    startCompleting: sendTo('completer', ({ context }) => ({ type: 'complete.start' as const, location: context.location! })),

    /** New entries: presence, the visitor's id, announcements, and the outbox's echoes. */
    applyTranscript: enqueueActions(({ context, event, enqueue }) => {
      const { entries, agentTyping, typingChanged } = event as Appended
      const visitorId = visitorIdAfter(context, entries)
      const participants = applyPresence(context.participants, entries)
      const received = entries.filter(
        (entry) => entry.index > context.seenUpTo && entry.from.participantId !== visitorId && !isCustomer(entry.from) && isReadable(entry) && !isPlaceholder(entry),
      )
      const unseen = context.hidden || context.away ? received.filter((entry) => isAgent(entry.from)).length : 0
      enqueue.assign({ visitorId, participants, agentSeen: context.agentSeen || participants.some(isAgent), unread: context.unread + unseen })
      enqueue.sendTo('outbox', { type: 'transcript.appended', entries, visitorId, echoFloor: context.seenUpTo })
      if (received.length > 0) enqueue.emit({ type: 'messages.received', entries: received })
      if (typingChanged) enqueue.emit({ type: 'agent.typing', typing: agentTyping })
    }),
    applyChatState: assign(({ context, event }) => {
      const chat = chatOf(event)
      return { ...presenceFrom(context, chat), visitorId: context.visitorId ?? chat.participants.find(isCustomer)?.participantId ?? null }
    }),
    applyConfirmedState: assign(({ context, event }) => presenceFrom(context, (event as unknown as { output: ChatResource }).output)),
    endByCustomer: assign({ endReason: 'customer' as EndReason }),
    endByAgent: assign({ endReason: 'agent' as EndReason }),
    endByServer: assign({ endReason: 'server' as EndReason }),
    endByTimeout: assign({ endReason: 'timeout' as EndReason }),
    endByAgentOrServer: assign(({ context }) => ({ endReason: (context.agentSeen ? 'agent' : 'server') as EndReason })),
    /** Nothing is requested for an ended chat: every child stops, unsent messages fail. */
    finishSession: enqueueActions(({ enqueue }) => {
      for (const id of POLLERS) enqueue.sendTo(id, { type: 'poller.stop' })
      enqueue.sendTo('outbox', { type: 'outbox.end' })
      enqueue.sendTo('typing', { type: 'typing.close' })
      enqueue.sendTo('completer', { type: 'complete.cancel' })
      enqueue.sendTo('connectivity', { type: 'link.idle' })
    }),
  },
}).createMachine({
  id: 'chat',
  description: 'A visitor’s chat with a contact-center agent over the GWS Customer Chat API.',
  context: ({ input }) => initialContext(input),
  entry: 'startEnvironmentWatch',
  invoke: [
    { src: 'connectivity', id: 'connectivity', systemId: 'connectivity' },
    {
      src: 'transcriptPoller',
      id: 'transcriptPoller',
      systemId: 'transcriptPoller',
      // A restored chat's entry times: the entries fetched again show the times they showed before the reload.
      input: ({ context, event }) => ({ config: context.config, times: (event as unknown as { input?: ChatMachineInput }).input?.restore?.times }),
    },
    { src: 'chatStatePoller', id: 'chatStatePoller', systemId: 'chatStatePoller', input: ({ context }) => ({ config: context.config }) },
    {
      src: 'outbox',
      id: 'outbox',
      systemId: 'outbox',
      // The init event carries the engine's input: a restored chat's outbox.
      input: ({ context, event }) => ({ config: context.config, messages: (event as unknown as { input?: ChatMachineInput }).input?.restore?.outbox ?? [] }),
    },
    { src: 'typing', id: 'typing', systemId: 'typing', input: ({ context }) => ({ config: context.config }) },
    { src: 'completer', id: 'completer', systemId: 'completer', input: ({ context }) => ({ config: context.config }) },
  ],
  initial: 'idle',
  on: {
    'page.hidden': { actions: ['forwardPage', 'notePage'] },
    'page.visible': { actions: ['forwardPage', 'notePage'] },
    'network.offline': { actions: 'forwardNetwork' },
    'network.online': { actions: 'forwardNetwork' },
    'link.ok': { actions: 'forwardLink' },
    'link.failing': { actions: 'forwardLink' },
    'chat.viewing': { actions: 'noteViewing' },
    'chat.markRead': { actions: 'markRead' },
    'chat.send': { actions: 'queueMessage' },
    'chat.retryMessage': { actions: 'retryMessage' },
    'transcript.appended': { actions: 'applyTranscript' },
    'chatState.received': { actions: 'applyChatState' },
    'poll.failed': { actions: 'emitError' },
    'transcript.invalid': { actions: 'emitError' },
    'outbox.failed': { actions: 'emitError' },
    'outbox.checkEcho': { actions: 'askForCheck' },
    'transcript.checked': { actions: 'forwardCheck' },
    'complete.attemptFailed': { actions: 'emitError' },
  },
  states: {
    idle: {
      description: 'No chat yet. `chat.start` requests one; a restored chat resumes as it was.',
      always: [
        { guard: 'restoredExpired', target: 'ended' },
        { guard: 'resumesConnected', target: 'connected' },
        { guard: 'hasLocation', target: 'queued' },
      ],
      on: { 'chat.start': { target: 'requesting', actions: ['assignStart', 'resetChildren'] } },
    },
    requesting: {
      description: 'RequestChat is in flight. Messages sent now wait in the outbox.',
      invoke: {
        src: 'requestChat',
        id: 'requestChat',
        input: ({ context }) => ({ config: context.config, params: context.start! }),
        onDone: [
          { guard: 'endWasRequested', target: '#chat.queued.ending', actions: 'assignLocation' },
          { target: '#chat.queued', actions: 'assignLocation' },
        ],
        onError: [
          // No chat was created: nothing is left to end.
          { guard: 'endWasRequested', target: '#chat.ended', actions: 'endByCustomer' },
          { target: '#chat.error', actions: ['assignError', 'emitError'] },
        ],
      },
      initial: 'waiting',
      states: {
        waiting: { description: 'Waiting for the chat’s id.', on: { 'chat.end': 'endRequested' } },
        endRequested: { description: 'The visitor ended the chat before it existed: it is completed as soon as it does.' },
      },
    },
    queued: {
      description: 'The chat exists; no agent is present yet. Polls the transcript and the chat state; the outbox sends.',
      entry: ['openOutbox', 'openTyping'],
      exit: 'closeOutbox',
      initial: 'live',
      on: LIVE_COMMANDS,
      states: {
        live: {
          description: 'Polling while waiting for an agent.',
          entry: 'startPolling',
          exit: 'stopPolling',
          on: {
            'transcript.appended': [
              { guard: 'ownParticipantLeft', target: '#chat.ended', actions: ['applyTranscript', 'endByTimeout'] },
              { guard: 'agentJoinedInTranscript', target: '#chat.connected', actions: 'applyTranscript' },
              { actions: 'applyTranscript' },
            ],
            'chatState.received': [
              { guard: 'chatIsIdle', target: 'draining', actions: ['applyChatState', 'endByAgentOrServer'] },
              { guard: 'chatHasAgent', target: '#chat.connected', actions: 'applyChatState' },
              { actions: 'applyChatState' },
            ],
            ...POLL_OUTCOMES,
          },
        },
        draining: DRAINING,
        ending: ENDING,
      },
    },
    connected: {
      description: 'An agent is in the chat. Polls the transcript and the chat state; the outbox sends.',
      entry: ['openOutbox', 'openTyping'],
      exit: 'closeOutbox',
      initial: 'live',
      on: LIVE_COMMANDS,
      states: {
        live: {
          description: 'Polling while talking to the agent.',
          entry: 'startPolling',
          exit: 'stopPolling',
          on: {
            'transcript.appended': [
              { guard: 'ownParticipantLeft', target: '#chat.ended', actions: ['applyTranscript', 'endByTimeout'] },
              { guard: 'lastAgentLeftInTranscript', target: 'confirmingEnd', actions: 'applyTranscript' },
              { actions: 'applyTranscript' },
            ],
            'chatState.received': [
              { guard: 'chatIsIdle', target: 'draining', actions: ['applyChatState', 'endByAgentOrServer'] },
              { guard: 'chatIsWaiting', target: '#chat.queued', actions: 'applyChatState' },
              { actions: 'applyChatState' },
            ],
            ...POLL_OUTCOMES,
          },
        },
        confirmingEnd: {
          description: 'The last agent left: GetChat tells an end (Idle) from a transfer back to the queue (WaitingForAgent).',
          invoke: {
            src: 'fetchChatState',
            id: 'confirmEnd',
            input: ({ context }) => ({ config: context.config, location: context.location! }),
            onDone: [
              { guard: 'confirmedIdle', target: 'draining', actions: ['applyConfirmedState', 'endByAgent'] },
              { guard: 'confirmedWaiting', target: '#chat.queued', actions: 'applyConfirmedState' },
              { target: 'live', actions: 'applyConfirmedState' },
            ],
            onError: [{ guard: 'chatIsGone', target: '#chat.ended', actions: 'endByAgent' }, { target: 'live' }],
          },
        },
        draining: DRAINING,
        ending: ENDING,
      },
    },
    ended: {
      description: 'The chat is over (see `endReason`). No request is made for it any more. `chat.start` begins a new one.',
      entry: 'finishSession',
      on: {
        'chat.start': { target: 'requesting', actions: ['assignStart', 'resetChildren'] },
        'chat.send': {},
        'chat.retryMessage': {},
      },
    },
    error: {
      description: 'A failure the engine will not retry on its own (see `error`). `chat.retry` resumes, `chat.end` ends, `chat.start` begins a new chat.',
      entry: ['stopTyping', 'linkIdle'],
      initial: 'waiting',
      on: { 'chat.start': { target: 'requesting', actions: ['assignStart', 'resetChildren'] } },
      states: {
        waiting: {
          description: 'Waiting for the visitor: `chat.retry`, `chat.end` or `chat.start`.',
          on: {
            'chat.retry': [
              { guard: 'resumesConnected', target: '#chat.connected', actions: 'clearError' },
              { guard: 'hasLocation', target: '#chat.queued', actions: 'clearError' },
              { target: '#chat.requesting', actions: 'clearError' },
            ],
            'chat.end': [{ guard: 'hasLocation', target: 'ending' }, { target: '#chat.ended', actions: 'endByCustomer' }],
          },
        },
        ending: ENDING,
      },
    },
  },
})

export type ChatMachine = typeof chatMachine
export type ChatMachineSnapshot = SnapshotFrom<ChatMachine>
