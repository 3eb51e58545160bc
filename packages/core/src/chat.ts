import { createActor } from 'xstate'
import { isChatLocation } from './api/paths'
import { createEngine, type Chat } from './engine'
import { chatMachine } from './machine/chat.machine'
import { resolveOptions } from './options'
import type { ChatOptions, ChatPersistence } from './types'

export type { Chat, ChatActor } from './engine'
export { assertRetryable, assertSendable, chatCommands, ChatCommandError, type ChatCommands, type ChatLike } from './commands'

/**
 * The `persistence` option: a persistence (`persistChat()`), or none. Anything else, above all the object form of
 * earlier versions, throws: an application upgrading would otherwise lose restore after reload without a word.
 */
export function persistenceOption(value: unknown): ChatPersistence | undefined {
  if (value === undefined || value === false) return undefined
  if (typeof (value as Partial<ChatPersistence> | null)?.open !== 'function') {
    throw new TypeError(
      "createChat: \"persistence\" takes persistChat() from '@gws-chat/core/persistence' (or false): import { persistChat } from '@gws-chat/core/persistence' and pass persistence: persistChat({ storage, key, maxAgeMs })",
    )
  }
  return value as ChatPersistence
}

/**
 * A chat engine: the options checked, the persisted chat (if any, with `persistence`) restored, the one static chat
 * machine started with this engine's configuration, and the persistence subscribed to what it shows.
 */
export function createChat(options: ChatOptions): Chat {
  const persistence = persistenceOption(options?.persistence)
  const { contactCenterId, ...config } = resolveOptions(options)
  const persister =
    persistence?.open({
      key: `gws-chat:${contactCenterId}`,
      now: config.now,
      acceptsLocation: (location) => isChatLocation(location, config.templates, config.honourReturnedPath, config.basePathname),
    }) ?? null
  const actor = createActor(chatMachine, {
    id: 'chat',
    input: { config, ...persister?.restore() },
    ...(options.inspect ? { inspect: options.inspect } : {}),
  })
  actor.start()
  const engine = createEngine(actor, config.random)
  persister?.attach(engine)
  return engine
}
