import { describe, expect, it } from 'vitest'
import { QUIET, client, start } from './helpers.js'

const indices = (body: any): number[] => body.messages.map((e: any) => e.index)

describe('GetMessages cursor and index', () => {
  it('returns only undelivered entries by default and moves the cursor', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    await c.op(id, 'SendMessage', { text: 'Hello?' })
    const first = await c.messages(id)
    expect(first.body).toEqual({
      messages: [
        { from: { nickname: 'Chris', participantId: '1', type: 'Customer' }, index: 1, type: 'ParticipantJoined' },
        { from: { nickname: 'Chris', participantId: '1', type: 'Customer' }, index: 2, text: 'Hello?', type: 'Text' },
      ],
      statusCode: 0,
    })
    expect(sim.chat(id)?.cursor).toBe(2)
    expect((await c.messages(id)).body).toEqual({ messages: [], statusCode: 0 })
    await c.op(id, 'SendMessage', { text: 'Anyone?' })
    expect(indices((await c.messages(id)).body)).toEqual([3])
  })

  it('treats index=N as an inclusive start, index=0 as everything, and moves the cursor to the end', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    for (const text of ['a', 'b', 'c']) await c.op(id, 'SendMessage', { text })
    expect(indices((await c.messages(id, 3)).body)).toEqual([3, 4])
    expect(sim.chat(id)?.cursor).toBe(4)
    expect(indices((await c.messages(id)).body)).toEqual([])
    expect(indices((await c.messages(id, 0)).body)).toEqual([1, 2, 3, 4])
    expect(indices((await c.messages(id, 1)).body)).toEqual([1, 2, 3, 4])
    expect(indices((await c.messages(id, 9)).body)).toEqual([])
    expect(sim.chat(id)?.cursor).toBe(4)
  })

  it('rejects an index that is not a non-negative integer', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    const r = await c.get(`/api/v2/chats/${id}/messages?index=-1`)
    expect(r.body).toEqual({ statusCode: 1, statusMessage: 'index must be a non-negative integer, got -1' })
  })

  it('shares one cursor per chat between two pollers (two tabs)', async () => {
    const sim = await start({ scenario: QUIET })
    const tab1 = client(sim)
    const tab2 = client(sim)
    const id = await tab1.requestChat()
    await tab1.op(id, 'SendMessage', { text: 'x' })
    expect(indices((await tab2.messages(id)).body)).toEqual([1, 2])
    expect(indices((await tab1.messages(id)).body)).toEqual([])
  })

  it('echoes customer typing with an optional preview text', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    await c.op(id, 'SendStartTypingNotification', { text: 'user is typing' })
    await c.op(id, 'SendStopTypingNotification')
    const [, started, stopped] = (await c.messages(id)).body.messages
    expect(started).toEqual({ from: { nickname: 'Chris', participantId: '1', type: 'Customer' }, index: 2, text: 'user is typing', type: 'TypingStarted' })
    expect(stopped).toEqual({ from: { nickname: 'Chris', participantId: '1', type: 'Customer' }, index: 3, type: 'TypingStopped' })
  })

  it('never shows agent-only entries to the customer and keeps indices contiguous', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    const agent = sim.agent(id)
    agent.join('Kim')
    agent.notice('REMOVE_PARTICIPANT_FROM_CONFERENCE 2', { visibility: 'Agents' })
    agent.say('Hello Chris')
    agent.notice('Supervisor is monitoring', { visibility: 'Agents' })
    agent.notice('We record chats for quality.')
    const all = (await c.messages(id, 0)).body.messages
    expect(all.map((e: any) => [e.index, e.type, e.text])).toEqual([
      [1, 'ParticipantJoined', undefined],
      [2, 'ParticipantJoined', undefined],
      [3, 'Text', 'Hello Chris'],
      [4, 'Notice', 'We record chats for quality.'],
    ])
    const view = sim.chat(id)
    expect(view?.transcript.map((e) => [e.seq, e.index, e.visibility])).toEqual([
      [1, 1, 'All'],
      [2, 2, 'All'],
      [3, undefined, 'Agents'],
      [4, 3, 'All'],
      [5, undefined, 'Agents'],
      [6, 4, 'All'],
    ])
  })

  it('adds utcTime to entries only with the timestamps option', async () => {
    const withTs = await start({ scenario: QUIET, timestamps: true })
    const a = client(withTs)
    const idA = await a.requestChat()
    const [entry] = (await a.messages(idA)).body.messages
    expect(typeof entry.utcTime).toBe('number')
    expect(Math.abs(entry.utcTime - Date.now())).toBeLessThan(5_000)

    const without = await start({ scenario: QUIET })
    const b = client(without)
    const idB = await b.requestChat()
    expect((await b.messages(idB)).body.messages[0]).not.toHaveProperty('utcTime')
  })

  it('keeps concurrent chats independent', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const one = await c.requestChat({ nickname: 'One' })
    const two = await c.requestChat({ nickname: 'Two' })
    await c.op(one, 'SendMessage', { text: 'only in one' })
    await c.op(two, 'Complete')
    expect(indices((await c.messages(one)).body)).toEqual([1, 2])
    expect((await c.messages(two)).body.messages.map((e: any) => [e.type, e.from.nickname])).toEqual([
      ['ParticipantJoined', 'Two'],
      ['ParticipantLeft', 'Two'],
    ])
    expect((await c.chat(one)).body.chat.state).toBe('WaitingForAgent')
  })
})
