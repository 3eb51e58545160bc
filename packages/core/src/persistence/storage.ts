import type { ChatLocation } from '../api/paths'
import type { ChatError } from '../errors'
import type { OutboxMessage } from '../types'

/** Anything with `getItem`/`setItem` (sessionStorage, localStorage, or your own). */
export interface ChatStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem?(key: string): void
}

export const PERSIST_VERSION = 1

/**
 * What survives a reload. No transcript (it is rebuilt from the server), no
 * Error objects, nothing secret beyond the chat id the API itself needs.
 */
export interface PersistedChat {
  v: typeof PERSIST_VERSION
  location: ChatLocation
  status: 'queued' | 'connected'
  ownParticipantId: string | null
  /** Highest transcript index the visitor has seen: entries up to it are not announced again. */
  lastIndex: number
  outbox: { id: string; text: string; status: OutboxMessage['status']; error?: ChatError }[]
  /** When the chat was created (ms epoch). */
  startedAt: number
  /** When this record was written (ms epoch). */
  savedAt: number
}

export function createMemoryStorage(): ChatStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/** sessionStorage in browsers (when it is usable), memory elsewhere. */
export function defaultStorage(): ChatStorage {
  try {
    if (typeof sessionStorage !== 'undefined') {
      const probe = '__gws-chat-probe__'
      sessionStorage.setItem(probe, '1')
      sessionStorage.removeItem(probe)
      return sessionStorage
    }
  } catch {
    // Storage can throw when disabled (privacy modes, sandboxed frames).
  }
  return createMemoryStorage()
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/** Earlier formats are upgraded here when the format changes; unknown or broken records are dropped. */
export function migrate(raw: unknown): PersistedChat | null {
  if (!isRecord(raw) || raw.v !== PERSIST_VERSION) return null
  const location = raw.location
  if (!isRecord(location) || typeof location.id !== 'string' || typeof location.chat !== 'string' || typeof location.messages !== 'string') {
    return null
  }
  if (raw.status !== 'queued' && raw.status !== 'connected') return null
  if (!Array.isArray(raw.outbox) || typeof raw.lastIndex !== 'number' || typeof raw.startedAt !== 'number') return null
  const outbox = raw.outbox.filter(
    (m): m is PersistedChat['outbox'][number] => isRecord(m) && typeof m.id === 'string' && typeof m.text === 'string' && typeof m.status === 'string',
  )
  return { ...(raw as unknown as PersistedChat), outbox }
}

export function readPersisted(storage: ChatStorage, key: string): PersistedChat | null {
  try {
    const text = storage.getItem(key)
    return text === null ? null : migrate(JSON.parse(text))
  } catch {
    return null
  }
}

export function writePersisted(storage: ChatStorage, key: string, record: PersistedChat | null): void {
  try {
    if (record === null) {
      if (storage.removeItem) storage.removeItem(key)
      else storage.setItem(key, '')
    } else {
      storage.setItem(key, JSON.stringify(record))
    }
  } catch {
    // A full or disabled storage costs the restore, never the chat.
  }
}
