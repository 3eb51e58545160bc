import { fromCallback, setup, type EventObject } from 'xstate'
import type { TabLocks } from './protocol'

export type ElectionEvent = { type: 'lock.granted' } | { type: 'lock.failed' } | { type: 'tab.resign' }

/**
 * Holds the tab's place in the queue for the lock: the Web Lock is requested when the actor starts, `lock.granted`
 * when this tab holds it, and it is released (or the request withdrawn) when the actor stops.
 */
export const holdLock = fromCallback<EventObject, { locks: TabLocks; name: string }>(({ input, sendBack }) => {
  const withdraw = new AbortController()
  let release: (() => void) | null = null
  let stopped = false
  input.locks
    .request(input.name, { mode: 'exclusive', signal: withdraw.signal }, () => {
      if (stopped) return Promise.resolve()
      sendBack({ type: 'lock.granted' } satisfies ElectionEvent)
      return new Promise<void>((resolve) => {
        release = resolve
      })
    })
    .catch(() => {
      if (!stopped) sendBack({ type: 'lock.failed' } satisfies ElectionEvent)
    })
  return () => {
    stopped = true
    withdraw.abort()
    release?.()
  }
})

/**
 * Which tab polls: every tab of a chat asks for one Web Lock; the tab that holds it leads (runs the engine) until it
 * resigns or closes, then the next tab in the queue is granted it. A tab whose lock request fails runs alone.
 */
export const electionMachine = setup({
  types: { context: {} as { locks: TabLocks; name: string }, events: {} as ElectionEvent, input: {} as { locks: TabLocks; name: string } },
  actors: { holdLock },
}).createMachine({
  id: 'election',
  description: 'Leader election between the tabs of one chat, over the Web Locks API; the lock is held for the actor’s life.',
  context: ({ input }) => input,
  invoke: { src: 'holdLock', id: 'lock', input: ({ context }) => context },
  initial: 'candidate',
  states: {
    candidate: {
      description: 'Waiting for the lock: another tab leads, this one follows it.',
      on: { 'lock.granted': 'leader', 'lock.failed': 'solo', 'tab.resign': 'resigned' },
    },
    leader: {
      description: 'This tab holds the lock: it runs the engine and the others mirror it.',
      on: { 'tab.resign': 'resigned' },
    },
    solo: { description: 'The lock could not be had: this tab runs its own engine.', on: { 'tab.resign': 'resigned' } },
    resigned: { description: 'The tab closed: its lock, or its place in the queue, is given up.', type: 'final' },
  },
})
