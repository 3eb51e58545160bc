import { afterEach, describe, expect, it, vi } from 'vitest'
import { driveMachine, missingCoverage } from '../../test/machine-support'
import { connectionOf, connectivityMachine } from './connectivity.machine'

afterEach(() => {
  vi.useRealTimers()
})

describe('connectivity machine', () => {
  it('is offline while the browser says so, reconnecting while requests fail, online otherwise', () => {
    const { actor } = driveMachine(connectivityMachine, undefined)
    const connection = () => connectionOf(actor.getSnapshot())
    expect(connection()).toBe('online')
    actor.send({ type: 'link.failing' })
    expect(connection()).toBe('reconnecting')
    actor.send({ type: 'network.offline' })
    expect(connection(), 'the browser’s word wins').toBe('offline')
    actor.send({ type: 'network.online' })
    expect(connection()).toBe('reconnecting')
    actor.send({ type: 'link.ok' })
    expect(connection()).toBe('online')
    actor.send({ type: 'link.failing' })
    actor.send({ type: 'link.idle' })
    expect(connection(), 'no request in flight: nothing is failing').toBe('online')
  })

  it('took every state and every transition of the machine', () => {
    expect(missingCoverage(connectivityMachine)).toEqual({ states: [], transitions: [] })
  })
})
