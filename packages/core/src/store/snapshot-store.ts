import { createAtom } from '@xstate/store'
import type { ChatSnapshot } from '../types'

/**
 * The engine's public snapshot, held in an `@xstate/store` atom: the projection of the machines is written here once
 * per change (never from inside a transition), and every subscriber of the engine reads it from here. An atom rather
 * than `createStore`: the store's event machinery (some 7 kB minified) would carry one event that replaces the value.
 */
export function createSnapshotStore(initial: ChatSnapshot) {
  const atom = createAtom<ChatStoreSnapshot>({ context: initial })
  return {
    // The atom's methods close over the atom (no `this`): handed out as they are.
    get: atom.get,
    getSnapshot: atom.get,
    subscribe: atom.subscribe,
    select: <T>(selector: (context: ChatSnapshot) => T, equalityFn?: (a: T, b: T) => boolean): ChatStoreReadable<T> =>
      createAtom(() => selector(atom.get().context), equalityFn ? { compare: equalityFn } : undefined),
    /** The engine's one write: the next projection. */
    set: (snapshot: ChatSnapshot) => atom.set({ context: snapshot }),
  }
}

/** What the store holds: `context` is the public snapshot. */
export interface ChatStoreSnapshot {
  readonly context: ChatSnapshot
}

export interface ChatStoreObserver<T> {
  next?: (value: T) => void
  error?: (error: unknown) => void
  complete?: () => void
}

/** A subscribable value with a current one: a read-only view of the store or of a selection of it. */
export interface ChatStoreReadable<T> {
  get(): T
  subscribe(observer: ChatStoreObserver<T>): { unsubscribe(): void }
  subscribe(next: (value: T) => void, error?: (error: unknown) => void, complete?: () => void): { unsubscribe(): void }
}

/**
 * The engine's `@xstate/store`, typed by its reading side: the engine alone writes it. Declared here rather than
 * inferred from `@xstate/store`, whose types are ESM-only: the published declarations must not import them (a
 * CommonJS or `moduleResolution: node10` consumer cannot), and the CommonJS build bundles the store anyway. `createEngine`
 * hands out the store it makes as a `ChatStore`, so the compiler checks that it is one.
 */
export interface ChatStore extends ChatStoreReadable<ChatStoreSnapshot> {
  getSnapshot(): ChatStoreSnapshot
  select<T>(selector: (context: ChatSnapshot) => T, equalityFn?: (a: T, b: T) => boolean): ChatStoreReadable<T>
}
