import { createStore } from '@xstate/store'
import type { ChatSnapshot } from '../types'

/**
 * The engine's public snapshot, held in an `@xstate/store`: the projection of the machines is written here once per
 * change (never from inside a transition), and every subscriber of the engine reads it from here.
 */
export function createSnapshotStore(initial: ChatSnapshot) {
  return createStore({
    context: initial,
    on: { projected: (_context: ChatSnapshot, event: { snapshot: ChatSnapshot }) => event.snapshot },
  })
}

export type ChatStore = ReturnType<typeof createSnapshotStore>
