import { chatError, type ChatError } from './errors'
import { MAX_OUTBOX } from './machine/limits'
import { isLive, type ChatEventMap, type ChatEventType, type ChatSnapshot, type StartParams } from './types'

/** What a binding needs from an engine: the commands, the snapshot and the events. */
export interface ChatLike {
  /** Request a chat. Ignored while one is being requested or live (a second start never creates a second chat). */
  start(params: StartParams): void
  /**
   * Queue a message; returns its local id (see `snapshot.outbox`). Throws a `ChatCommandError` for empty text or no
   * chat. `options.id` gives the message an id of the caller's; a message already in the outbox under it is not queued again.
   */
  send(text: string, options?: { id?: string }): string
  /** Send a `failed` message again. Throws a `ChatCommandError` when the chat is over or the message is not `failed`. */
  retryMessage(id: string): void
  /** Typing notifications: Start once; Stop on `false`, on send, or after the idle timeout. */
  setTyping(typing: boolean): void
  /** End the chat (Complete). From any state it leads to `ended`, whatever the server answers. */
  end(): void
  /** From `error`: resume the chat, or request it again if none was created. */
  retry(): void
  /** The visitor has seen the chat: `snapshot.unreadCount` becomes 0. */
  markRead(): void
  /**
   * Whether the UI shows the chat (default `true`): agent messages count as unread while it does not, or while the
   * page is hidden. Call `setViewing(false)` when the chat panel closes, `setViewing(true)` and `markRead()` when it opens.
   */
  setViewing(viewing: boolean): void
  subscribe(listener: (snapshot: ChatSnapshot) => void): () => void
  getSnapshot(): ChatSnapshot
  on<T extends ChatEventType>(type: T, handler: (event: ChatEventMap[T]) => void): () => void
}

/** The commands of an engine, as a plain object a UI can pass around. */
export type ChatCommands = Pick<ChatLike, 'start' | 'retryMessage' | 'setTyping' | 'end' | 'retry' | 'markRead' | 'setViewing'> & { send(text: string): string }

/** Commands that go to whichever engine `current()` returns when they are called (bindings follow engine swaps). */
export function chatCommands(current: () => ChatLike): ChatCommands {
  return {
    start: (params) => current().start(params),
    send: (text) => current().send(text),
    retryMessage: (id) => current().retryMessage(id),
    setTyping: (typing) => current().setTyping(typing),
    end: () => current().end(),
    retry: () => current().retry(),
    markRead: () => current().markRead(),
    setViewing: (viewing) => current().setViewing(viewing),
  }
}

/** Thrown by a command that cannot run: `code` is `invalid_input` or `invalid_state`. */
export class ChatCommandError extends Error {
  // Declared, not defined: set in the constructor (a class field would add a define helper to the bundle).
  declare readonly code: ChatError['code']
  declare readonly error: ChatError
  constructor(error: ChatError) {
    super(error.message)
    this.name = 'ChatCommandError'
    this.code = error.code
    this.error = error
  }
}

/** Characters of one message `send` takes (a longer one is refused, not cut). */
export const MAX_MESSAGE_LENGTH = 100_000

/** A refusal: what a command throws when it cannot run. */
const refuse = (code: 'invalid_input' | 'invalid_state', message: string): ChatCommandError => new ChatCommandError(chatError(code, message))

/** A command that needs a live chat refuses to run without one. */
function assertLive(command: string, snapshot: Pick<ChatSnapshot, 'status'>): void {
  if (!isLive(snapshot.status)) throw refuse('invalid_state', `${command}: no chat is active (status "${snapshot.status}")`)
}

/** Why `send` refuses a message now, as the error it throws; the engine and follower tabs share it. */
export function assertSendable(text: unknown, snapshot: Pick<ChatSnapshot, 'status' | 'outbox'>): asserts text is string {
  if (typeof text !== 'string' || text.trim() === '') throw refuse('invalid_input', 'send: the message is empty')
  if (text.length > MAX_MESSAGE_LENGTH) throw refuse('invalid_input', `send: the message is longer than ${MAX_MESSAGE_LENGTH} characters`)
  assertLive('send', snapshot)
  if (snapshot.outbox.length >= MAX_OUTBOX) throw refuse('invalid_state', `send: ${MAX_OUTBOX} messages are waiting already`)
}

/** `retryMessage` takes a `failed` message of a live chat; anything else is refused (a retry after the end would never go out). */
export function assertRetryable(id: unknown, snapshot: Pick<ChatSnapshot, 'status' | 'outbox'>): asserts id is string {
  assertLive('retryMessage', snapshot)
  const message = snapshot.outbox.find((m) => m.id === id)
  if (message?.status !== 'failed') {
    throw refuse('invalid_input', message ? `retryMessage: message ${message.id} is ${message.status}, not failed` : 'retryMessage: no such message')
  }
}

/** Every command of a destroyed engine throws this. */
export const destroyedError = (command: string) => refuse('invalid_state', `${command}: the engine was destroyed`)

export function assertStartParams(params: unknown): asserts params is StartParams {
  if (typeof params !== 'object' || params === null) throw refuse('invalid_input', 'start: params are required')
  for (const key of ['nickname', 'subject'] as const) {
    const value = (params as Record<string, unknown>)[key]
    if (typeof value !== 'string' || value.trim() === '') throw refuse('invalid_input', `start: "${key}" must be a non-empty string`)
  }
}
