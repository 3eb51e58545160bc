import type { AnyActorRef } from 'xstate'
import type { ChatSnapshot, OutboxMessage, PersistedLocation, PersistenceOptions, PersistenceSession } from '../types'
import { keptTimes, validTimes } from '../store/entry-times'
import { parseRecord, PERSIST_VERSION, type PersistedChat } from './record'
import { readItem, writeItem, type ChatStorage } from './storage'

const DEFAULT_MAX_AGE_MS = 30 * 60_000
/** A quiet but live chat rewrites its record after this share of `maxAgeMs`, so a reload after a long silence resumes it. */
const REFRESH_SHARE = 10

/**
 * What survives a reload, and where (the shape of a persisted query client): `restore()` reads and validates the
 * stored record once, before the engine starts; `attach()` subscribes to the engine and writes the record.
 */
export function createPersister(
  options: PersistenceOptions & { storage: ChatStorage; defaultKey: string; now: () => number; acceptsLocation?: (location: PersistedLocation) => boolean },
): PersistenceSession {
  const storage = options.storage
  const key = options.key ?? options.defaultKey
  const maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS
  const now = options.now
  let restored: PersistedChat | null = null

  return {
    restore() {
      const text = readItem(storage, key)
      const parsed = parseRecord(text, now())
      // A location is checked like a path a server returned: a record cannot send requests outside the chat's resource.
      const record = parsed !== null && (options.acceptsLocation?.(parsed.location) ?? true) ? parsed : null
      // A record that does not validate is gone for good: it would fail the same way on every reload.
      if (record === null) {
        if (text !== null && text !== '') writeItem(storage, key, null)
        return {}
      }
      if (now() - record.savedAt > maxAgeMs) {
        writeItem(storage, key, null)
        return { expired: true }
      }
      restored = record
      return {
        restore: {
          location: record.location,
          participants: record.participants,
          visitorId: record.ownParticipantId,
          lastIndex: record.lastIndex,
          outbox: record.outbox as OutboxMessage[],
          times: validTimes(record.times),
        },
      }
    },
    attach(engine) {
      let startedAt = restored?.startedAt ?? 0
      let status: PersistedChat['status'] = restored?.status ?? 'queued'
      // While the transcript is rebuilt after a reload, the index seen before it still counts.
      let seenUpTo = restored?.lastIndex ?? 0
      let chatId = restored?.location.id ?? null
      let savedAt = 0
      // Until the transcript is fetched again up to the index seen before the reload, the times restored are kept.
      let restoredTimes = restored ? validTimes(restored.times) : undefined

      function save(snapshot: ChatSnapshot) {
        const location = engine.actor.getSnapshot().context.location
        if (location === null) return
        if (location.id !== chatId) {
          chatId = location.id
          startedAt = now()
          seenUpTo = 0
          restoredTimes = undefined
        }
        if (snapshot.status === 'queued' || snapshot.status === 'connected') status = snapshot.status
        const fetchedUpTo = snapshot.transcript.at(-1)?.index ?? 0
        seenUpTo = Math.max(seenUpTo, fetchedUpTo)
        if (fetchedUpTo >= seenUpTo) restoredTimes = undefined
        const times = restoredTimes ?? keptTimes(snapshot.transcript)
        savedAt = now()
        const record: PersistedChat = {
          v: PERSIST_VERSION,
          location,
          status,
          ownParticipantId: snapshot.visitorId,
          participants: snapshot.participants.map((p) => ({ ...p })),
          lastIndex: seenUpTo,
          outbox: snapshot.outbox.map((m) => ({ ...m })) as PersistedChat['outbox'],
          startedAt: startedAt || now(),
          savedAt,
          times,
        }
        writeItem(storage, key, JSON.stringify(record))
      }

      function forget() {
        if (chatId === null && savedAt === 0 && restored === null) return
        writeItem(storage, key, null)
        chatId = null
        restored = null
        savedAt = 0
      }

      let scheduled = false
      let detached = false
      /** The latest snapshot, written once at the end of the current task (10,000 sends in a loop are one write, not 10,000). */
      function flush() {
        scheduled = false
        if (detached) return
        const snapshot = engine.getSnapshot()
        // In `error` the chat still exists: its outbox is kept and a retry resumes it as it last was.
        if (snapshot.status === 'queued' || snapshot.status === 'connected' || snapshot.status === 'error') save(snapshot)
        else if (snapshot.status === 'ended' || snapshot.status === 'idle') forget()
      }
      function onSnapshot() {
        if (scheduled) return
        scheduled = true
        queueMicrotask(flush)
      }

      const unsubscribe = engine.subscribe(onSnapshot)
      // A quiet chat changes no snapshot, but every poll shows it is alive: keep its record fresh.
      const poller = (engine.actor.getSnapshot().children as Record<string, AnyActorRef | undefined>).transcriptPoller
      const polls = poller?.subscribe(() => {
        const snapshot = engine.getSnapshot()
        if (savedAt !== 0 && now() - savedAt > maxAgeMs / REFRESH_SHARE && (snapshot.status === 'queued' || snapshot.status === 'connected')) save(snapshot)
      })
      flush()
      return () => {
        if (scheduled) flush()
        detached = true
        unsubscribe()
        polls?.unsubscribe()
      }
    },
  }
}
