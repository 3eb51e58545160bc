import { createActor } from 'xstate'
import { isChatLocation } from './api/paths'
import { createEngine, type Chat } from './engine'
import { chatMachine } from './machine/chat.machine'
import { resolveOptions } from './options'
import { createPersister } from './persistence/persister'
import { pageStorage } from './persistence/storage'
import type { ChatOptions } from './types'

export type { Chat, ChatActor } from './engine'
export { assertRetryable, assertSendable, chatCommands, ChatCommandError, type ChatCommands, type ChatLike } from './commands'

/**
 * A chat engine: the options checked, the persisted chat (if any) restored, the one static chat machine started with
 * this engine's configuration, and the persister subscribed to what it shows.
 */
export function createChat(options: ChatOptions): Chat {
  const { contactCenterId, ...config } = resolveOptions(options)
  // Without a storage of the user's or the page's (Node), a record would sit in memory only this engine could read: none is kept.
  const storage = options.persistence === false ? null : (options.persistence?.storage ?? pageStorage())
  const persister =
    storage === null
      ? null
      : createPersister({
          ...options.persistence,
          storage,
          defaultKey: `gws-chat:${contactCenterId}`,
          now: config.now,
          acceptsLocation: (location) => isChatLocation(location, config.templates, config.honourReturnedPath, config.basePathname),
        })
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
