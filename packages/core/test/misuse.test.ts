import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatCommandError, MAX_MESSAGE_LENGTH } from '../src'
import { envelope } from './fake-gws'
import { setup } from './engine'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Misuse' }

describe('commands a product team calls at the wrong time', () => {
  it('every command of a destroyed engine throws ChatCommandError instead of losing what it was given', async () => {
    const { chat, tick, gws } = setup()
    chat.start(start)
    await tick()
    chat.destroy()
    const calls = gws.calls.length
    for (const command of [() => chat.send('lost?'), () => chat.start(start), () => chat.end(), () => chat.retry(), () => chat.setTyping(true), () => chat.retryMessage('m1'), () => chat.setPageVisible(true)]) {
      expect(command).toThrow(ChatCommandError)
      expect(command).toThrow(/the engine was destroyed/)
    }
    await tick(10_000)
    expect(gws.calls.length, 'and makes no request').toBe(calls)
    expect(() => chat.destroy(), 'destroying twice is fine').not.toThrow()
  })

  it('retryMessage is refused once the chat ended, and for a message that is not failed', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    gws.override((call) => (call.operation === 'SendMessage' ? envelope(2, 'Message refused') : undefined))
    const id = chat.send('refused')
    await tick(1000)
    expect(chat.getSnapshot().outbox).toEqual([expect.objectContaining({ id, status: 'failed' })])
    expect(() => chat.retryMessage('nope')).toThrow(/no such message/)
    chat.end()
    await tick(5000)
    expect(chat.getSnapshot().status).toBe('ended')
    expect(() => chat.retryMessage(id)).toThrow(expect.objectContaining({ code: 'invalid_state' }))
    expect(chat.getSnapshot().outbox.map((m) => m.status), 'never left "sending"').toEqual(['failed'])
  })

  it('refuses a message longer than MAX_MESSAGE_LENGTH instead of cutting it', async () => {
    const { chat, tick } = setup()
    chat.start(start)
    await tick()
    expect(() => chat.send('x'.repeat(MAX_MESSAGE_LENGTH + 1))).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(chat.getSnapshot().outbox).toEqual([])
  })

  it('500 typing toggles make two typing requests, not 500', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    gws.agentJoins()
    await tick(3000)
    for (let i = 0; i < 500; i++) chat.setTyping(i % 2 === 0)
    await tick(1000)
    expect(gws.calls.filter((call) => call.operation.includes('Typing')).map((call) => call.operation)).toEqual([
      'SendStartTypingNotification',
      'SendStopTypingNotification',
    ])
  })
})
