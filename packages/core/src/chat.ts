import { createActor, type Actor } from 'xstate'
import { createApiClient } from './api/client'
import { resolvePathTemplates } from './api/paths'
import { chatError, type ChatError } from './errors'
import { createOfetchAdapter } from './http/ofetch'
import { createChatMachine, type ChatMachine, type ChatMachineInput } from './machine/chat.machine'
import { resolvePolling } from './machine/polling-policy'
import { createChatStore, type ChatStore } from './store/chat-store'
import { composeSnapshot } from './snapshot'
import { createChatEmitter } from './events'
import { defaultStorage, readPersisted, writePersisted, PERSIST_VERSION, type PersistedChat } from './persistence/storage'
import type { ChatEvent, ChatEventMap, ChatEventType, ChatOptions, ChatSnapshot, StartParams } from './types'
import { isLive } from './types'

export type ChatActor = Actor<ChatMachine>

/** The engine: a small subscribable object with commands. Bindings subscribe to it; they never own it. */
export interface Chat {
  /** Request a chat. Ignored unless the chat is `idle` or `ended` (a second start never creates a second chat). */
  start(params: StartParams): void
  /** Queue a message; returns its local id (see `snapshot.outbox`). Throws a `ChatCommandError` for empty text or no chat. */
  /**
   * `options.id` gives the message an id of the caller's (a tab forwarding its own message); a message already in
   * the outbox under that id is not queued again.
   */
  send(text: string, options?: { id?: string }): string
  /** Send a `failed` message again. */
  retryMessage(id: string): void
  /** Typing notifications: Start once; Stop on `false`, on send, or after the idle timeout. */
  setTyping(typing: boolean): void
  /** End the chat (Complete). No request is made for it after Complete succeeds. */
  end(): void
  /** From `error`: resume the chat, or request it again if none was created. */
  retry(): void
  subscribe(listener: (snapshot: ChatSnapshot) => void): () => void
  getSnapshot(): ChatSnapshot
  on<T extends ChatEventType>(type: T, handler: (event: ChatEventMap[T]) => void): () => void
  /** The XState actor, for the inspector and advanced use. */
  readonly actor: ChatActor
  /** The transcript/outbox store (`@xstate/store`). */
  readonly store: ChatStore
  /** Stop all activity. Does not end the chat on the server. */
  destroy(): void
}

/**
 * What a binding needs from an engine: the commands, the snapshot and the events. `createChat`'s engine and
 * `createSharedChat`'s chat (from `@gws-chat/core/tabs`) both are one.
 */
export type ChatLike = Pick<Chat, 'start' | 'send' | 'retryMessage' | 'setTyping' | 'end' | 'retry' | 'subscribe' | 'getSnapshot' | 'on'>

/** The commands of an engine, as a plain object a UI can pass around. */
export type ChatCommands = Pick<Chat, 'start' | 'retryMessage' | 'setTyping' | 'end' | 'retry'> & { send(text: string): string }

/** Commands that go to whichever engine `current()` returns when they are called (bindings follow engine swaps). */
export function chatCommands(current: () => ChatLike): ChatCommands {
  return {
    start: (params) => current().start(params),
    send: (text) => current().send(text),
    retryMessage: (id) => current().retryMessage(id),
    setTyping: (typing) => current().setTyping(typing),
    end: () => current().end(),
    retry: () => current().retry(),
  }
}

/** Why `send` refuses a message in this status, as the error it throws; the engine and follower tabs share it. */
export function assertSendable(text: unknown, status: ChatSnapshot['status']): asserts text is string {
  if (typeof text !== 'string' || text.trim() === '') {
    throw new ChatCommandError(chatError('invalid_input', 'send: the message is empty'))
  }
  if (!isLive(status)) {
    throw new ChatCommandError(chatError('invalid_state', `send: no chat is active (status "${status}")`))
  }
}

/** Thrown by a command that cannot run: `code` is `invalid_input` or `invalid_state`. */
export class ChatCommandError extends Error {
  readonly code: ChatError['code']
  readonly error: ChatError
  constructor(error: ChatError) {
    super(error.message)
    this.name = 'ChatCommandError'
    this.code = error.code
    this.error = error
  }
}

function requireString(options: Record<string, unknown>, key: string): string {
  const value = options[key]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`createChat: "${key}" is required (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`)
  }
  return value
}

function basePathname(baseUrl: string): string {
  try {
    return new URL(baseUrl).pathname
  } catch {
    throw new TypeError(`createChat: "baseUrl" must be an absolute URL (got ${JSON.stringify(baseUrl)})`)
  }
}

function localIdFactory(random: () => number) {
  let counter = 0
  return () => `m${(++counter).toString(36)}-${Math.floor(random() * 0x7fffffff).toString(36)}`
}


export function createChat(options: ChatOptions): Chat {
  if (typeof options !== 'object' || options === null) throw new TypeError('createChat: options are required')
  const baseUrl = requireString(options as unknown as Record<string, unknown>, 'baseUrl')
  const contactCenterId = requireString(options as unknown as Record<string, unknown>, 'contactCenterId')
  const templates = resolvePathTemplates(options.paths)
  const polling = resolvePolling(options.polling)
  const random = options.random ?? Math.random
  const api = createApiClient({
    baseUrl,
    contactCenterId,
    http: options.http ?? createOfetchAdapter(),
    withCredentials: options.withCredentials ?? true,
    requestTimeoutMs: polling.requestTimeoutMs,
    requestChatPath: templates.requestChat,
  })
  const now = options.now ?? Date.now
  const persistence = options.persistence === false ? null : (options.persistence ?? {})
  const storage = persistence ? (persistence.storage ?? defaultStorage()) : null
  const storageKey = persistence?.key ?? `gws-chat:${contactCenterId}`
  const maxAgeMs = persistence?.maxAgeMs ?? 30 * 60_000
  const persisted = storage ? readPersisted(storage, storageKey) : null
  const expired = persisted !== null && now() - persisted.savedAt > maxAgeMs
  const input: ChatMachineInput = {}
  if (persisted && expired) input.expired = true
  if (persisted && !expired) {
    input.restore = {
      location: persisted.location,
      status: persisted.status,
      ownParticipantId: persisted.ownParticipantId,
      lastIndex: persisted.lastIndex,
      // A send in flight at the reload may have reached the server.
      unconfirmed: persisted.outbox.filter((m) => m.status === 'sending').map((m) => m.id),
    }
  }
  const store = createChatStore(persisted && !expired ? { outbox: persisted.outbox } : {})
  const machine = createChatMachine({
    api,
    store,
    templates,
    honourReturnedPath: options.paths === undefined || options.paths === 'chats',
    basePathname: basePathname(baseUrl),
    polling,
    typingIdleMs: options.typingIdleMs ?? 5000,
    maxSendAttempts: 5,
    random,
    now,
  })
  const actor = createActor(machine, { input, ...(options.inspect ? { inspect: options.inspect } : {}) })
  const nextLocalId = localIdFactory(random)

  const listeners = new Set<(snapshot: ChatSnapshot) => void>()
  const emitter = createChatEmitter()
  // Events the machine emits mid-step wait until the snapshot shows their effect.
  let pending: ChatEvent[] = []
  const compose = () => composeSnapshot(actor.getSnapshot(), store)
  let snapshot = compose()

  const dispatch = emitter.dispatch

  let startedAt = persisted && !expired ? persisted.startedAt : 0
  let lastPersistedIndex = persisted && !expired ? persisted.lastIndex : 0
  let lastSavedAt = 0
  if (storage && expired) writePersisted(storage, storageKey, null)

  /** Keep what a reload needs; forget the chat once it is over. */
  function persist(next: ChatSnapshot, previous: ChatSnapshot) {
    if (!storage) return
    const context = actor.getSnapshot().context
    // In `error` the chat still exists: keep its outbox, and resume it as it last was.
    if ((next.status === 'queued' || next.status === 'connected' || next.status === 'error') && context.location) {
      if (previous.chatId !== next.chatId || startedAt === 0) startedAt = startedAt || now()
      // While the transcript is rebuilt after a reload, the index seen before it still counts.
      lastPersistedIndex = Math.max(lastPersistedIndex, next.transcript.at(-1)?.index ?? 0)
      const record: PersistedChat = {
        v: PERSIST_VERSION,
        location: context.location,
        status: context.resumeAs,
        ownParticipantId: context.ownParticipantId,
        lastIndex: lastPersistedIndex,
        outbox: next.outbox.map((m) => ({ ...m })),
        startedAt,
        savedAt: (lastSavedAt = now()),
      }
      writePersisted(storage, storageKey, record)
    } else if (next.status === 'ended' || next.status === 'idle') {
      if (previous.status !== next.status) writePersisted(storage, storageKey, null)
      startedAt = 0
      lastPersistedIndex = 0
    }
  }

  function refresh() {
    const next = compose()
    const changed = (Object.keys(next) as (keyof ChatSnapshot)[]).some((key) => next[key] !== snapshot[key])
    const previous = snapshot
    if (changed) {
      snapshot = next
      persist(next, previous)
      listeners.forEach((listener) => listener(next))
      if (previous.status !== next.status) dispatch({ type: 'status.changed', status: next.status, previous: previous.status })
    } else if (lastSavedAt !== 0 && now() - lastSavedAt > maxAgeMs / 10) {
      // A quiet chat changes no snapshot, but it is alive: keep its record fresh so a reload resumes it.
      persist(snapshot, snapshot)
    }
    const events = pending
    pending = []
    events.forEach(dispatch)
  }

  const emitted = actor.on('*', (event) => {
    pending.push(event as ChatEvent)
  })
  const actorSubscription = actor.subscribe({ next: refresh, error: () => refresh() })
  const storeSubscription = store.subscribe(refresh)
  actor.start()
  refresh()

  return {
    actor,
    store,
    start(params) {
      if (typeof params !== 'object' || params === null) throw new ChatCommandError(chatError('invalid_input', 'start: params are required'))
      for (const key of ['nickname', 'subject'] as const) {
        if (typeof params[key] !== 'string' || params[key].trim() === '') {
          throw new ChatCommandError(chatError('invalid_input', `start: "${key}" must be a non-empty string`))
        }
      }
      actor.send({ type: 'chat.start', params })
    },
    send(text, options) {
      assertSendable(text, snapshot.status)
      const id = options?.id ?? nextLocalId()
      if (!snapshot.outbox.some((m) => m.id === id)) actor.send({ type: 'chat.send', id, text })
      return id
    },
    retryMessage(id) {
      actor.send({ type: 'chat.retryMessage', id })
    },
    setTyping(typing) {
      actor.send({ type: 'chat.typing', typing: Boolean(typing) })
    },
    end() {
      actor.send({ type: 'chat.end' })
    },
    retry() {
      actor.send({ type: 'chat.retry' })
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    on: emitter.on,
    destroy() {
      emitted.unsubscribe()
      actorSubscription.unsubscribe()
      storeSubscription.unsubscribe()
      actor.stop()
      listeners.clear()
      emitter.clear()
    },
  }
}
