import { afterEach, describe, expect, it, vi } from 'vitest'
import { driveMachine, missingCoverage, machineConfig } from '../../test/machine-support'
import { typingMachine } from './typing.machine'

afterEach(() => {
  vi.useRealTimers()
})

const location = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }

describe('typing machine', () => {
  it('sends Start once, Stop on false, on a stop, after the idle timeout; nothing while closed; no Stop when the chat closes', async () => {
    const { config, calls, tick } = machineConfig({ typingIdleMs: 5000 })
    const { actor } = driveMachine(typingMachine, { config })
    const notices = () => calls.splice(0).map((call) => (call.args[1] ? 'Start' : 'Stop'))

    actor.send({ type: 'chat.typing', typing: true })
    expect(notices(), 'no live chat, nothing told').toEqual([])

    actor.send({ type: 'typing.open', location })
    actor.send({ type: 'chat.typing', typing: true })
    actor.send({ type: 'chat.typing', typing: true })
    await tick(4900)
    actor.send({ type: 'chat.typing', typing: true })
    await tick(4900)
    expect(notices(), 'each keystroke restarts the timeout; Start once').toEqual(['Start'])
    await tick(200)
    expect(notices()).toEqual(['Stop'])

    actor.send({ type: 'chat.typing', typing: true })
    actor.send({ type: 'chat.typing', typing: false })
    expect(notices()).toEqual(['Start', 'Stop'])

    await tick(5000)
    actor.send({ type: 'chat.typing', typing: true })
    actor.send({ type: 'typing.stop' })
    expect(notices(), 'a send (or an error) stops typing').toEqual(['Start', 'Stop'])

    await tick(5000)
    actor.send({ type: 'chat.typing', typing: true })
    actor.send({ type: 'typing.close' })
    await tick(10_000)
    expect(notices(), 'an ended chat is not told that typing stopped').toEqual(['Start'])
    expect(actor.getSnapshot().value).toBe('closed')
  })

  it('flipping typing on and off sends at most one Start per idle period', async () => {
    const { config, calls, tick } = machineConfig({ typingIdleMs: 5000 })
    const { actor } = driveMachine(typingMachine, { config })
    const notices = () => calls.splice(0).map((call) => (call.args[1] ? 'Start' : 'Stop'))
    actor.send({ type: 'typing.open', location })
    for (let i = 0; i < 500; i++) actor.send({ type: 'chat.typing', typing: i % 2 === 0 })
    expect(notices(), '500 flips in a burst').toEqual(['Start', 'Stop'])
    actor.send({ type: 'chat.typing', typing: true })
    await tick(4000)
    expect(notices(), 'typing again within the period: the Start waits').toEqual([])
    await tick(1000)
    expect(notices(), 'and goes out when the period ends').toEqual(['Start'])
    actor.send({ type: 'chat.typing', typing: false })
    actor.send({ type: 'chat.typing', typing: true })
    actor.send({ type: 'typing.stop' })
    await tick(10_000)
    expect(notices(), 'a send while the Start waits: nothing more is told').toEqual(['Stop'])
  })

  it('a failed notice changes nothing', async () => {
    const { config, next, tick } = machineConfig()
    const { actor } = driveMachine(typingMachine, { config })
    actor.send({ type: 'typing.open', location })
    actor.send({ type: 'chat.typing', typing: true })
    next('sendTyping').reject(new Error('offline'))
    await tick(0)
    expect(actor.getSnapshot().status).toBe('active')
    expect(actor.getSnapshot().matches({ open: 'typing' })).toBe(true)
  })

  it('took every state and every transition of the machine', () => {
    expect(missingCoverage(typingMachine)).toEqual({ states: [], transitions: [] })
  })
})
