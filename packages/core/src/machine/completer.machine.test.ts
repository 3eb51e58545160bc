import { afterEach, describe, expect, it, vi } from 'vitest'
import { driveMachine, missingCoverage, machineConfig } from '../../test/machine-support'
import { chatError } from '../errors'
import { completerMachine } from './completer.machine'
import { MAX_COMPLETE_ATTEMPTS } from './limits'

afterEach(() => {
  vi.useRealTimers()
})

const location = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
const lost = chatError('network_error', 'Complete: request failed (lost)', { operation: 'Complete' })
const rejected = chatError('http_error', 'Complete: HTTP 400 (Chat not found)', { operation: 'Complete', httpStatus: 400 })
const gone = chatError('gws_error', 'GetChat: GWS statusCode 6', { statusCode: 6, httpStatus: 404 })
const chat = (state: string) => ({ state, participants: [], capabilities: [] })

function completer() {
  const harness = machineConfig()
  const machine = driveMachine(completerMachine, { config: harness.config })
  const done = () => machine.reports.filter((r) => r.type === 'complete.done').map((r) => (r.error as { message?: string } | null)?.message ?? null)
  return { ...harness, ...machine, done, start: () => machine.actor.send({ type: 'complete.start', location }) }
}

describe('completer machine', () => {
  it('ends with Complete; a chat already over counts as ended', async () => {
    const c = completer()
    c.start()
    c.next('complete').resolve(undefined)
    await c.tick(0)
    c.start()
    c.next('complete').reject(chatError('gws_error', 'Complete: GWS statusCode 2', { statusCode: 2 }))
    await c.tick(0)
    expect(c.done()).toEqual([null, null])
  })

  it('retries a lost Complete, then asks GetChat, which may say the chat ended after all', async () => {
    const c = completer()
    c.start()
    for (let attempt = 1; attempt <= MAX_COMPLETE_ATTEMPTS; attempt++) {
      c.next('complete').reject(lost)
      await c.tick(30_000)
    }
    expect(c.take().filter((t) => t === 'complete.attemptFailed')).toHaveLength(MAX_COMPLETE_ATTEMPTS)
    c.next('getChat').resolve(chat('Idle'))
    await c.tick(0)
    expect(c.done()).toEqual([null])
  })

  it('ends whatever the server answers, keeping what went wrong', async () => {
    const c = completer()
    c.start()
    c.next('complete').reject(rejected)
    await c.tick(0)
    c.next('getChat').resolve(chat('Chatting'))
    await c.tick(0)
    // GetChat failing too: asked again a few times, then the chat ends with the error.
    c.start()
    c.next('complete').reject(rejected)
    await c.tick(0)
    c.next('getChat').reject(lost)
    await c.tick(30_000)
    c.next('getChat').reject(rejected)
    await c.tick(0)
    // A chat gone on the server ended for sure.
    c.start()
    c.next('complete').reject(rejected)
    await c.tick(0)
    c.next('getChat').reject(gone)
    await c.tick(0)
    expect(c.done()).toEqual([rejected.message, rejected.message, null])
  })

  it('waits for the network before Complete, and can be cancelled', async () => {
    const c = completer()
    c.actor.send({ type: 'network.offline' })
    c.start()
    await c.tick(60_000)
    expect(c.pending('complete')).toBe(0)
    c.actor.send({ type: 'network.online' })
    expect(c.pending('complete')).toBe(1)
    c.actor.send({ type: 'complete.cancel' })
    expect(c.calls.every((call) => call.signal.aborted), 'the request is aborted').toBe(true)
    expect(c.done()).toEqual([])
    expect(c.actor.getSnapshot().matches({ run: 'idle' })).toBe(true)
  })

  it('took every state and every transition of the machine', () => {
    expect(missingCoverage(completerMachine)).toEqual({ states: [], transitions: [] })
  })
})
