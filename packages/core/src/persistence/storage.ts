import type { ChatStorage } from '../types'

export type { ChatStorage } from '../types'

export function createMemoryStorage(): ChatStorage {
  const items = new Map<string, string>()
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  }
}

/** sessionStorage where the page has a usable one; `null` elsewhere (Node, privacy modes, sandboxed frames). */
export function pageStorage(): ChatStorage | null {
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
  return null
}

/** Storage that may throw (full, disabled) costs the restore, never the chat. */
export function readItem(storage: ChatStorage, key: string): string | null {
  try {
    return storage.getItem(key)
  } catch {
    return null
  }
}

export function writeItem(storage: ChatStorage, key: string, value: string | null): void {
  try {
    if (value !== null) storage.setItem(key, value)
    else if (storage.removeItem) storage.removeItem(key)
    else storage.setItem(key, '')
  } catch {
    // A full or disabled storage costs the restore, never the chat.
  }
}
