import type { ChatError } from './errors'
import type { HttpAdapter } from './http/types'

/** A chat participant as GWS reports it; `participantId` is always a string here. */
export interface Participant {
  nickname: string
  participantId: string
  /** `Customer`, `Agent`, `External` (a system party), or any other type the server sends. */
  type: string
}

/** One transcript entry. Unknown `type`s are kept as they come. */
export interface TranscriptEntry {
  index: number
  /** `Text`, `ParticipantJoined`, `ParticipantLeft`, `ParticipantRejoined`, `TypingStarted`, `TypingStopped`, `PushUrl`, `Notice`, `TranscriptSaveDone`, … */
  type: string
  text?: string
  url?: string
  from: Participant
  /** On a `Missing` placeholder: the first index the server skipped (the entry's own `index` is the last). */
  missingFrom?: number
  /**
   * When it was written, in ms since the epoch: the server's time when the entry carries one (`utcTime`,
   * `timestampSeconds`, `timestamp`), else when the engine first received it. Kept across reloads.
   */
  time: number
}

export type ChatStatus = 'idle' | 'requesting' | 'queued' | 'connected' | 'ended' | 'error'

/** A chat exists or is being created: messages can be sent (they wait in the outbox when they cannot go yet). */
export const isLive = (status: ChatStatus): boolean =>
  status === 'requesting' || status === 'queued' || status === 'connected' || status === 'error'

export type EndReason = 'customer' | 'agent' | 'server' | 'timeout'

export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed'

/** An own message not yet seen in the transcript. `sent` = accepted by the server, awaiting its echo. */
export interface OutboxMessage {
  id: string
  text: string
  status: OutboxStatus
  error?: ChatError
}

/** `online`: the last poll succeeded. `reconnecting`: polls are failing and being retried. `offline`: the browser reports no network. */
export type ConnectionState = 'online' | 'reconnecting' | 'offline'

export interface ChatSnapshot {
  status: ChatStatus
  chatId: string | null
  /**
   * Ascending index, every index once, unknown types kept. An entry the server sent but that could not be read is an
   * `Unreadable` placeholder at its index; indices the server skipped are one `Missing` placeholder (`missingFrom`…`index`).
   */
  transcript: readonly TranscriptEntry[]
  participants: readonly Participant[]
  /** The visitor's own `participantId`, once known: entries `from` it are the visitor's. */
  visitorId: string | null
  agentTyping: boolean
  capabilities: readonly string[]
  outbox: readonly OutboxMessage[]
  error: ChatError | null
  endReason: EndReason | null
  /** Health of the polling link while a chat is live. */
  connection: ConnectionState
  /**
   * Agent messages that arrived while the page was hidden or the UI said it is not viewing (`setViewing(false)`);
   * 0 after `markRead()`. Entries restored after a reload, the visitor's own and the system's never count.
   */
  unreadCount: number
}

export interface StartParams {
  nickname: string
  subject: string
  /** Endpoint (queue) the chat is placed in. */
  endpoint?: string
  /** Key/value data attached to the chat request. */
  userData?: Record<string, unknown>
}

/** Resource paths; `{id}` is replaced by the (URL-encoded) chat id. */
export interface PathTemplates {
  /** POST target of RequestChat. */
  requestChat: string
  /** GET for GetChat, POST for every in-chat operation. */
  chat: string
  /** GET for GetMessages. */
  messages: string
}

export type PathFamily = 'chats' | 'me-chat'

export interface PollingOptions {
  /** Resting interval between polls, in ms (default 3000). */
  intervalMs?: number
  /** Interval right after activity (a send, typing, an agent message), in ms (default 500). */
  activeIntervalMs?: number
  /** Time over which the interval grows from the active one back to the resting one, in ms (default 5000). */
  easeMs?: number
  /** Interval while the page is hidden, in ms (default 10000). Always kept under `keepAliveMs`. */
  hiddenIntervalMs?: number
  /** The server closes a chat that is not polled for this long, in ms (default 45000). */
  keepAliveMs?: number
  /** Chat state (GetChat) is polled every N transcript polls (default 4). */
  chatStateEvery?: number
  /** First retry delay after a failure, in ms (default 1000); grows exponentially with full jitter. */
  backoffBaseMs?: number
  /** Longest retry delay, in ms (default 20000). */
  backoffMaxMs?: number
  /** Timeout of one request, in ms (default 15000). */
  requestTimeoutMs?: number
  /**
   * The floor between the starts of two requests of one poller, in ms, whatever the server answers or the page does
   * (default 250, or `activeIntervalMs` when that is lower). A `Retry-After` is obeyed up to one minute.
   */
  minIntervalMs?: number
  /** The longest `Retry-After` obeyed, in ms (default and most 60000: a longer one is cut to this). */
  maxRetryAfterMs?: number
}

/** The part of the Web Locks API the engine uses (`navigator.locks` fits). */
export interface WebLocks {
  request(name: string, options: { mode: 'exclusive'; signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown>
}

export interface ChatOptions {
  /**
   * Web Locks for "one record, one sender": an engine restoring a record another live engine holds (a duplicated tab)
   * leaves the queued messages to that one. Default: the one `persistence` supplies (`navigator.locks` for
   * `persistChat()`), none without persistence (no record, nothing to duplicate). `null` turns the check off; where the
   * page has no Web Locks, it is off unless locks are given (`realmLocks()` for engines within one process).
   */
  locks?: WebLocks | null
  /** Origin (and optional context root) of the GWS server; `/api/v2/...` is appended. Required. */
  baseUrl: string
  /** Sent as the `ContactCenterId` header on every request. Required. */
  contactCenterId: string
  /** `chats` (default): `/api/v2/chats/{id}`, honouring the `path` RequestChat returns; `me-chat`: `/api/v2/me/chat/{id}`. */
  paths?: PathFamily | PathTemplates
  /** HTTP transport. Default: in Node one shared `createNodeHttpAdapter()` (`fetch` where a DOM is present), elsewhere `createFetchAdapter()`; pass `createFetchAdapter()` to use `fetch` in Node. */
  http?: HttpAdapter
  /** Send cookies cross-origin (default true). */
  withCredentials?: boolean
  polling?: PollingOptions
  /** Typing stops by itself after this many ms without `setTyping(true)` (default 5000). */
  typingIdleMs?: number
  /** Follow `document`'s visibility (default true); with `false`, `setPageVisible` alone tells the engine. */
  watchPage?: boolean
  /** XState inspection observer, e.g. from `@statelyai/inspect`. */
  inspect?: InspectObserver
  /** Random source for ids and jitter (default `Math.random`); tests pass a seeded one. */
  random?: () => number
  /** Clock for activity and deadlines (default `Date.now`). */
  now?: () => number
  /**
   * Restore after reload, opt-in: `persistChat()` from `@gws-chat/core/persistence` keeps what a reload needs (chat id,
   * paths, last index, outbox, status) in the page's sessionStorage or a storage of yours. Default (and `false`): no
   * record is kept or read. The object form of earlier versions (`{ storage, key, maxAgeMs }`) throws a `TypeError`:
   * pass it to `persistChat` instead.
   */
  persistence?: false | ChatPersistence
}

/** Where a chat lives on the server (its id and resource paths), as a record keeps it. */
export interface PersistedLocation {
  id: string
  chat: string
  messages: string
}

/**
 * Restore after reload as `createChat` uses it: what `persistChat()` from `@gws-chat/core/persistence` returns. The
 * engine calls it; an application only passes it on as `persistence`.
 */
export interface ChatPersistence {
  /** The sender-claim locks of a chat whose `locks` option is not given (the page's Web Locks, or `null`). */
  locks(): WebLocks | null
  /** One engine's record, opened before the engine starts; `null` where nothing can be kept (no storage). */
  open(context: PersistenceContext): PersistenceSession | null
}

export interface PersistenceContext {
  /** The key when the persistence names none: `gws-chat:<contactCenterId>`. */
  key: string
  /** The engine's clock. */
  now: () => number
  /** Whether a stored location is one of this engine's resource paths (a record cannot redirect the requests). */
  acceptsLocation: (location: PersistedLocation) => boolean
}

/** What a record gives the engine back: the chat to resume. */
export interface RestoredRecord {
  location: PersistedLocation
  participants: readonly Participant[]
  visitorId: string | null
  lastIndex: number
  outbox: readonly OutboxMessage[]
  times?: Readonly<Record<number, number>>
}

/** The part of an engine a persistence subscribes to (a `Chat` fits). */
export interface PersistedEngine {
  subscribe(listener: (snapshot: ChatSnapshot) => void): () => void
  getSnapshot(): ChatSnapshot
  readonly actor: { getSnapshot(): { context: { location: PersistedLocation | null }; children: object } }
}

export interface PersistenceSession {
  /** Read once, before the engine starts: a chat to resume, an expired one (`expired`), or nothing. */
  restore(): { restore?: RestoredRecord; expired?: boolean }
  /** Keep the record while the chat lives, forget it once the chat is over. Returns the unsubscribe. */
  attach(engine: PersistedEngine): () => void
}

/** Anything with `getItem`/`setItem` (sessionStorage, localStorage, or your own). */
export interface ChatStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem?(key: string): void
}

/** The options of `persistChat()` from `@gws-chat/core/persistence`. */
export interface PersistenceOptions {
  /** Any `getItem`/`setItem` store (default: sessionStorage in browsers; none in Node, where no reload could read it). */
  storage?: ChatStorage
  /** Storage key (default `gws-chat:<contactCenterId>`). */
  key?: string
  /** A persisted chat not touched for longer than this is not resumed: it ends with `endReason: 'timeout'` (default 30 minutes). */
  maxAgeMs?: number
}

/** Whatever `createActor(…, { inspect })` accepts. */
export type InspectObserver = import('xstate').Observer<import('xstate').InspectionEvent> | ((event: import('xstate').InspectionEvent) => void)

export interface ChatEventMap {
  /** A new transcript entry from someone other than the visitor (Text, PushUrl, Notice, …). */
  'message.received': { type: 'message.received'; entry: TranscriptEntry }
  'status.changed': { type: 'status.changed'; status: ChatStatus; previous: ChatStatus }
  'agent.typing': { type: 'agent.typing'; typing: boolean }
  error: { type: 'error'; error: ChatError }
}

export type ChatEventType = keyof ChatEventMap
export type ChatEvent = ChatEventMap[ChatEventType]
