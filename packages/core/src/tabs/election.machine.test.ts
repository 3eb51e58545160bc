import { afterEach, describe, expect, it, vi } from 'vitest'
import { createActor } from 'xstate'
import { driveMachine, missingCoverage } from '../../test/machine-support'
import { electionMachine } from './election.machine'
import type { TabLocks } from './protocol'

afterEach(() => {
  vi.useRealTimers()
})

/** One exclusive lock shared by the "tabs" of a test, granted in request order. */
function fakeLocks() {
  const queue: { callback: () => Promise<void>; resolve: () => void; reject: (e: unknown) => void; signal?: AbortSignal }[] = []
  let held = false
  const grant = () => {
    if (held) return
    const next = queue.shift()
    if (!next) return
    held = true
    void next.callback().then(() => {
      held = false
      next.resolve()
      grant()
    })
  }
  const locks: TabLocks = {
    request: (_name, options, callback) =>
      new Promise<unknown>((resolve, reject) => {
        const entry = { callback, resolve: () => resolve(undefined), reject, ...(options.signal ? { signal: options.signal } : {}) }
        options.signal?.addEventListener('abort', () => {
          const at = queue.indexOf(entry)
          if (at >= 0) {
            queue.splice(at, 1)
            reject(new DOMException('aborted', 'AbortError'))
          }
        })
        queue.push(entry)
        grant()
      }),
  }
  return { locks, waiting: () => queue.length }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('tab election machine', () => {
  it('one tab leads; when it resigns, the next in the queue is granted the lock; a queued tab can leave the queue', async () => {
    const { locks, waiting } = fakeLocks()
    const first = driveMachine(electionMachine, { locks, name: 'chat' }).actor
    const second = createActor(electionMachine, { input: { locks, name: 'chat' } }).start()
    const third = createActor(electionMachine, { input: { locks, name: 'chat' } }).start()
    await flush()
    expect([first, second, third].map((tab) => tab.getSnapshot().value)).toEqual(['leader', 'candidate', 'candidate'])
    third.send({ type: 'tab.resign' })
    await flush()
    expect(waiting(), 'the closed tab left the queue').toBe(1)
    first.send({ type: 'tab.resign' })
    await flush()
    expect(first.getSnapshot().status).toBe('done')
    expect(second.getSnapshot().value, 'takeover').toBe('leader')
    second.stop()
  })

  it('a tab whose lock request fails runs alone; a tab closed while queued gives up its place', async () => {
    const broken: TabLocks = { request: () => Promise.reject(new Error('SecurityError')) }
    const solo = driveMachine(electionMachine, { locks: broken, name: 'chat' }).actor
    await flush()
    expect(solo.getSnapshot().value).toBe('solo')
    solo.send({ type: 'tab.resign' })
    const { locks } = fakeLocks()
    const leader = createActor(electionMachine, { input: { locks, name: 'chat' } }).start()
    const queued = driveMachine(electionMachine, { locks, name: 'chat' }).actor
    await flush()
    queued.send({ type: 'tab.resign' })
    expect(queued.getSnapshot().value).toBe('resigned')
    leader.stop()
  })

  it('took every state and every transition of the machine', () => {
    expect(missingCoverage(electionMachine)).toEqual({ states: [], transitions: [] })
  })
})
