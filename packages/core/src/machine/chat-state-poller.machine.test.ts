import { afterEach, describe, expect, it, vi } from 'vitest'
import { driveMachine, machineConfig, missingCoverage } from '../../test/machine-support'
import { chatError } from '../errors'
import { chatStatePollerMachine } from './chat-state-poller.machine'

afterEach(() => {
  vi.useRealTimers()
})

const location = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const waiting = { state: 'WaitingForAgent', participants: [customer], capabilities: ['SendMessage'] }
const chatting = { state: 'Chatting', participants: [customer, agent], capabilities: ['SendMessage'] }
const flaky = chatError('network_error', 'GetChat: request failed (lost)')

function poller() {
  const harness = machineConfig()
  const machine = driveMachine(chatStatePollerMachine, { config: harness.config })
  return { ...harness, ...machine, start: () => machine.actor.send({ type: 'poller.start', location }) }
}

describe('chat-state poller machine', () => {
  it('tells the chat only what changed, at a fourth of the transcript’s pace', async () => {
    const p = poller()
    p.start()
    p.next('getChat').resolve(waiting)
    await p.tick(0)
    expect(p.take()).toEqual(['chatState.received'])
    await p.tick(11_999)
    p.next('getChat').resolve({ ...waiting, participants: [{ ...customer }] })
    await p.tick(0)
    expect(p.take(), 'equal by value: an uneventful poll').toEqual([])
    await p.tick(12_000)
    p.next('getChat').resolve(chatting)
    await p.tick(0)
    expect(p.take()).toEqual(['chatState.received'])
    p.actor.send({ type: 'poller.activity' })
    p.actor.send({ type: 'page.hidden' })
    p.actor.send({ type: 'page.visible' })
    p.actor.send({ type: 'poller.stop' })
    await p.tick(60_000)
    expect(p.pending('getChat')).toBe(0)
  })

  it('backs off on transient failures, reports a gone or refused chat and stops; pauses offline', async () => {
    const p = poller()
    p.start()
    p.next('getChat').reject(flaky)
    await p.tick(0)
    expect(p.take()).toEqual(['link.failing', 'poll.failed'])
    await p.tick(1000)
    p.next('getChat').resolve(waiting)
    await p.tick(0)
    expect(p.take(), 'the link is told last').toEqual(['chatState.received', 'link.ok'])

    p.actor.send({ type: 'network.offline' })
    await p.tick(60_000)
    expect(p.pending('getChat'), 'no poll while offline').toBe(0)
    p.actor.send({ type: 'network.online' })
    p.next('getChat').reject(chatError('gws_error', 'GetChat: GWS statusCode 6', { statusCode: 6 }))
    await p.tick(0)
    expect(p.take()).toEqual(['poll.gone'])

    p.actor.send({ type: 'network.offline' })
    p.start()
    expect(p.pending('getChat'), 'started offline: paused').toBe(0)
    p.actor.send({ type: 'network.online' })
    expect(p.pending('getChat'), 'back online right after a request: not before the floor').toBe(0)
    await p.tick(250)
    p.next('getChat').reject(chatError('gws_error', 'GetChat: GWS statusCode 20', { statusCode: 20 }))
    await p.tick(0)
    expect(p.take()).toEqual(['poll.fatal'])
    p.actor.send({ type: 'poller.reset' })
    expect(p.actor.getSnapshot().context.location).toBeNull()
  })

  it('took every state and every transition of the machine', () => {
    expect(missingCoverage(chatStatePollerMachine)).toEqual({ states: [], transitions: [] })
  })
})
