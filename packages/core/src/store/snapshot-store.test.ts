import { describe, expect, it } from 'vitest'
import { idleSnapshot } from '../snapshot'
import type { ChatSnapshot } from '../types'
import { createSnapshotStore, type ChatStore } from './snapshot-store'

const withStatus = (status: ChatSnapshot['status']): ChatSnapshot => ({ ...idleSnapshot(), status })

describe('the snapshot store', () => {
  it('reads the current snapshot as `context`, through get() and getSnapshot()', () => {
    const initial = idleSnapshot()
    const store = createSnapshotStore(initial)
    expect(store.get().context).toBe(initial)
    expect(store.getSnapshot().context).toBe(initial)
    const next = withStatus('requesting')
    store.set(next)
    expect(store.getSnapshot().context).toBe(next)
  })

  it('tells subscribers (a function or an observer) of every write, not of the value they subscribed at', () => {
    const store = createSnapshotStore(idleSnapshot())
    const seen: string[] = []
    const byFunction = store.subscribe(({ context }) => seen.push(`fn:${context.status}`))
    const byObserver = store.subscribe({ next: ({ context }) => seen.push(`observer:${context.status}`) })
    store.set(withStatus('requesting'))
    byFunction.unsubscribe()
    store.set(withStatus('queued'))
    byObserver.unsubscribe()
    store.set(withStatus('connected'))
    expect(seen).toEqual(['fn:requesting', 'observer:requesting', 'observer:queued'])
  })

  it('select() follows one value and tells only of changes to it (by its equality function when given one)', () => {
    const store: ChatStore & { set(snapshot: ChatSnapshot): void } = createSnapshotStore(idleSnapshot())
    const status = store.select((context) => context.status)
    const seen: string[] = []
    status.subscribe((value) => seen.push(value))
    store.set(withStatus('requesting'))
    store.set(withStatus('requesting'))
    store.set(withStatus('queued'))
    expect(status.get()).toBe('queued')
    expect(seen).toEqual(['requesting', 'queued'])

    const live = store.select(
      (context) => ({ live: context.status === 'queued' || context.status === 'connected' }),
      (a, b) => a.live === b.live,
    )
    const lives: boolean[] = []
    live.subscribe(({ live: value }) => lives.push(value))
    store.set(withStatus('connected'))
    store.set(withStatus('ended'))
    expect(lives).toEqual([false])
  })
})
