import type { ChatPersistence, ChatStorage, PersistenceOptions, WebLocks } from '../types'
import { createPersister } from './persister'
import { pageStorage } from './storage'

/**
 * The Web Locks API where the page has it: the sender lock of a restored chat. Without it (Node, Jest, jsdom) there is
 * no other tab to duplicate a record into, and restored messages go out without the check; `ChatOptions.locks` (for
 * example `realmLocks()`) puts it back.
 */
function pageLocks(): WebLocks | null {
  return (typeof navigator !== 'undefined' ? (navigator as { locks?: WebLocks }).locks : undefined) ?? null
}

/** The options each `persistChat()` was given, so the tabs entry can put its shared storage under them. */
const given = new WeakMap<ChatPersistence, PersistenceOptions>()

/**
 * Restore after reload, for `createChat({ persistence: persistChat() })`: the engine keeps what a reload needs (chat
 * id, resource paths, last index, outbox, status, the last entries' times) in `storage` (default: the page's
 * sessionStorage; in Node, where no reload could read it, nothing unless a storage is given) under `key` (default
 * `gws-chat:<contactCenterId>`), and an engine created on the same storage resumes that chat. A record older than
 * `maxAgeMs` (default 30 minutes) ends `timeout` instead. The chat's sender lock uses the page's Web Locks (a
 * duplicated tab restoring the same record leaves its queued messages to the original) unless `locks` is given.
 *
 * An entry of its own (`@gws-chat/core/persistence`) so that a chat which never restores (a server-side tool, a page
 * that starts afresh each time) does not ship the record's reader and writer.
 */
export function persistChat(options: PersistenceOptions = {}): ChatPersistence {
  const persistence: ChatPersistence = {
    locks: pageLocks,
    open(context) {
      const storage = options.storage ?? pageStorage()
      if (storage === null) return null
      return createPersister({ ...options, storage, defaultKey: context.key, now: context.now, acceptsLocation: context.acceptsLocation })
    },
  }
  given.set(persistence, options)
  return persistence
}

/**
 * A shared chat's persistence: the one given, with `storage` (the storage every tab reads) where it names none; a
 * persistence not made by `persistChat` is used as it is.
 */
export function sharedPersistence(persistence: ChatPersistence | undefined, storage: ChatStorage | undefined): ChatPersistence {
  const options = persistence === undefined ? {} : given.get(persistence)
  if (options === undefined) return persistence!
  return options.storage || !storage ? (persistence ?? persistChat()) : persistChat({ ...options, storage })
}
