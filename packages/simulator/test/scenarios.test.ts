import { describe, expect, it } from 'vitest'
import { SCENARIOS, type ChatView, type Simulator } from '../src/index.js'
import { client, start } from './helpers.js'

// 2 s agent join → 20 ms; 18 s queue notices → 180 ms; server timeouts kept out of the way.
const FAST = { timeScale: 0.01, disconnectTimeoutMs: 600_000, idleAlertMs: 600_000 }

type Row = [string, string, string | undefined]
const rows = (view: ChatView | undefined): Row[] => (view?.transcript ?? []).map((e) => [e.type, e.from.nickname, e.text ?? e.url])
const chat = (sim: Simulator, id: string) => sim.chat(id)
const hasText = (sim: Simulator, id: string, text: string) => rows(chat(sim, id)).some((r) => r[0] === 'Text' && r[2] === text)

describe('scenario presets', () => {
  it('friendly: system queue notice, Ava joins and greets, types, then replies politely', async () => {
    // Slower scale here so the waiting state is still observable over HTTP (join after 100 ms).
    const sim = await start({ ...FAST, timeScale: 0.05, scenario: 'friendly' })
    const c = client(sim)
    const id = await c.requestChat()
    const waiting = (await c.chat(id)).body.chat
    expect(waiting.state).toBe('WaitingForAgent')
    expect(waiting.participants).toEqual([
      { nickname: 'Chris', participantId: '1', type: 'Customer' },
      { nickname: 'system', participantId: '100', type: 'External' },
    ])

    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    expect(rows(chat(sim, id))).toEqual([
      ['ParticipantJoined', 'Chris', undefined],
      ['ParticipantJoined', 'system', undefined],
      ['Notice', 'system', 'An agent will be with you shortly.'],
      ['ParticipantLeft', 'system', undefined],
      ['ParticipantJoined', 'Ava', undefined],
      ['Text', 'Ava', "Hi, I'm Ava. How can I help?"],
    ])
    expect((await c.chat(id)).body.chat.participants).toEqual([
      { nickname: 'Chris', participantId: '1', type: 'Customer' },
      { nickname: 'Ava', participantId: '2', type: 'Agent' },
    ])

    await c.op(id, 'SendMessage', { text: 'My bill is wrong' })
    await sim.waitFor(() => hasText(sim, id, 'You said: My bill is wrong'))
    // Typing first; the Text itself ends the typing (no TypingStopped in between).
    expect(rows(chat(sim, id)).slice(6)).toEqual([
      ['Text', 'Chris', 'My bill is wrong'],
      ['TypingStarted', 'Ava', undefined],
      ['Text', 'Ava', 'You said: My bill is wrong'],
    ])
  })

  it('friendly: repeats the queue notice while nobody joins', async () => {
    const queue = { systemNickname: 'queue', noticeEveryMs: 1_000, noticeText: 'Still waiting.' }
    const sim = await start({ ...FAST, scenario: { ...SCENARIOS.friendly, queue, agent: null } })
    const id = await client(sim).requestChat()
    await sim.waitFor(() => rows(chat(sim, id)).filter((r) => r[0] === 'Notice').length >= 3)
    expect(rows(chat(sim, id)).slice(1, 4)).toEqual([
      ['ParticipantJoined', 'queue', undefined],
      ['Notice', 'queue', 'Still waiting.'],
      ['Notice', 'queue', 'Still waiting.'],
    ])
    expect(chat(sim, id)?.state).toBe('WaitingForAgent')
  })

  it('answers several quick messages in order, one at a time', async () => {
    const sim = await start({ ...FAST, scenario: 'friendly' })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    for (const text of ['one', 'two', 'three']) await c.op(id, 'SendMessage', { text })
    await sim.waitFor(() => hasText(sim, id, 'You said: three'))
    const ava = rows(chat(sim, id)).filter((r) => r[1] === 'Ava' && r[0] === 'Text').map((r) => r[2])
    expect(ava).toEqual(["Hi, I'm Ava. How can I help?", 'You said: one', 'You said: two', 'You said: three'])
  })

  it('echo: replies at once with the exact text and has no queue party', async () => {
    const sim = await start({ ...FAST, scenario: 'echo' })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    await c.op(id, 'SendMessage', { text: 'ping' })
    const messages = (await c.messages(id)).body.messages.map((e: any) => [e.type, e.from.type, e.text])
    expect(messages).toEqual([
      ['ParticipantJoined', 'Customer', undefined],
      ['ParticipantJoined', 'Agent', undefined],
      ['Text', 'Customer', 'ping'],
      ['Text', 'Agent', 'ping'],
    ])
  })

  it('silent: the agent joins and never answers', async () => {
    const sim = await start({ ...FAST, scenario: 'silent' })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    await c.op(id, 'SendMessage', { text: 'hello?' })
    await new Promise((r) => setTimeout(r, 50))
    expect(rows(chat(sim, id)).filter((r) => r[1] === 'Sam' && r[0] !== 'ParticipantJoined')).toEqual([])
  })

  it('never: no agent ever joins', async () => {
    const sim = await start({ ...FAST, scenario: 'never' })
    const id = await client(sim).requestChat()
    await new Promise((r) => setTimeout(r, 60))
    expect(chat(sim, id)?.state).toBe('WaitingForAgent')
    expect(chat(sim, id)?.participants.map((p) => p.type)).toEqual(['Customer', 'External'])
  })

  it('transfer: after two messages Ava hands over to Ben through the queue', async () => {
    const sim = await start({ ...FAST, scenario: 'transfer' })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    await c.op(id, 'SendMessage', { text: 'one' })
    await c.op(id, 'SendMessage', { text: 'two' })
    await sim.waitFor(() => chat(sim, id)?.state === 'WaitingForAgent')
    await sim.waitFor(() => chat(sim, id)?.participants.some((p) => p.nickname === 'Ben') ?? false)
    const after = rows(chat(sim, id))
    const from = after.findIndex((r) => r[0] === 'Text' && r[2] === 'You said: two')
    expect(after.slice(from)).toEqual([
      ['Text', 'Ava', 'You said: two'],
      ['ParticipantLeft', 'Ava', undefined],
      ['ParticipantRejoined', 'system', undefined],
      ['Notice', 'system', 'An agent will be with you shortly.'],
      ['ParticipantLeft', 'system', undefined],
      ['ParticipantJoined', 'Ben', undefined],
      ['Text', 'Ben', "Hi, I'm Ben. How can I help?"],
    ])
    expect(chat(sim, id)?.participants).toContainEqual({ nickname: 'Ben', participantId: '3', type: 'Agent' })
    await c.op(id, 'SendMessage', { text: 'three' })
    await sim.waitFor(() => hasText(sim, id, 'You said: three'))
    expect(chat(sim, id)?.state).toBe('Chatting')
  })

  it('leaves: the agent answers one message, leaves, and the chat ends', async () => {
    const sim = await start({ ...FAST, scenario: 'leaves' })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    await c.op(id, 'SendMessage', { text: 'help' })
    await sim.waitFor(() => chat(sim, id)?.ended === true)
    expect(rows(chat(sim, id)).slice(-2)).toEqual([
      ['Text', 'Leo', 'Sorry, I have to go now.'],
      ['ParticipantLeft', 'Leo', undefined],
    ])
    const state = (await c.chat(id)).body.chat
    expect(state).toMatchObject({ state: 'Idle', capabilities: [], participants: [{ nickname: 'Chris', participantId: '1', type: 'Customer' }] })
    expect(chat(sim, id)?.endedBy).toBe('agent')
  })

  it('push-url: the agent pushes a URL after the first message', async () => {
    const sim = await start({ ...FAST, scenario: 'push-url' })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    await c.op(id, 'SendMessage', { text: 'where?' })
    await sim.waitFor(() => chat(sim, id)?.transcript.some((e) => e.type === 'PushUrl') ?? false)
    const entry = (await c.messages(id, 0)).body.messages.find((e: any) => e.type === 'PushUrl')
    expect(entry).toMatchObject({ type: 'PushUrl', url: 'https://example.com/help', from: { nickname: 'Ava', type: 'Agent' } })
  })

  it('custom data: scripted replies in order, then nothing; setScenario applies to new chats only', async () => {
    const sim = await start({ ...FAST, scenario: 'never' })
    const c = client(sim)
    const before = await c.requestChat()
    sim.setScenario({ queue: false, agent: { nickname: 'Bot', joinAfterMs: 0, reply: { script: ['first', 'second'] } } })
    const id = await c.requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    for (const text of ['a', 'b', 'c']) await c.op(id, 'SendMessage', { text })
    const bot = rows(chat(sim, id)).filter((r) => r[0] === 'Text' && r[1] === 'Bot').map((r) => r[2])
    expect(bot).toEqual(['first', 'second'])
    expect(chat(sim, before)?.state).toBe('WaitingForAgent')
    expect(() => sim.setScenario('nope' as never)).toThrow(/Unknown scenario "nope"/)
    expect(() => sim.setScenario({ agent: { nickname: 'X', joinAfterMs: -1 } })).toThrow(/joinAfterMs/)
  })
})

describe('AgentControl', () => {
  it('drives a chat by hand: join, typing, say, pushUrl, notice, leave', async () => {
    const sim = await start({ scenario: { queue: false, agent: null } })
    const c = client(sim)
    const id = await c.requestChat()
    const agent = sim.agent(id)
    expect(() => agent.say('too early')).toThrow(/No agent/)
    agent.join('Kim')
    agent.typing()
    agent.typing(false)
    agent.say('Hello')
    agent.pushUrl('https://example.com')
    agent.notice('Heads up')
    expect((await c.chat(id)).body.chat.state).toBe('Chatting')
    agent.leave()
    expect(rows(chat(sim, id)).slice(1)).toEqual([
      ['ParticipantJoined', 'Kim', undefined],
      ['TypingStarted', 'Kim', undefined],
      ['TypingStopped', 'Kim', undefined],
      ['Text', 'Kim', 'Hello'],
      ['PushUrl', 'Kim', 'https://example.com'],
      ['Notice', 'Kim', 'Heads up'],
      ['ParticipantLeft', 'Kim', undefined],
    ])
    expect(chat(sim, id)).toMatchObject({ ended: true, endedBy: 'agent', state: 'Idle' })
    expect(() => agent.say('late')).toThrow(/has ended/)
    expect(() => sim.agent('nope')).toThrow(/Unknown chat/)
  })

  it('join cancels the pending scripted join and the agent follows the script', async () => {
    const sim = await start({ ...FAST, scenario: { queue: false, agent: { nickname: 'Later', joinAfterMs: 5_000, reply: 'echo' } } })
    const c = client(sim)
    const id = await c.requestChat()
    sim.agent(id).join('Now')
    await c.op(id, 'SendMessage', { text: 'x' })
    await new Promise((r) => setTimeout(r, 80))
    expect(chat(sim, id)?.participants.map((p) => p.nickname)).toEqual(['Chris', 'Now'])
    expect(rows(chat(sim, id)).at(-1)).toEqual(['Text', 'Now', 'x'])
  })

  it('transfer by hand requeues, then the new agent joins after the join delay', async () => {
    const sim = await start({ ...FAST, scenario: { queue: false, agent: { nickname: 'Ava', joinAfterMs: 1_000 } } })
    const id = await client(sim).requestChat()
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    sim.agent(id).transfer('Zoe')
    expect(chat(sim, id)?.state).toBe('WaitingForAgent')
    await sim.waitFor(() => chat(sim, id)?.state === 'Chatting')
    expect(chat(sim, id)?.participants.map((p) => [p.nickname, p.participantId])).toEqual([
      ['Chris', '1'],
      ['Zoe', '3'],
    ])
  })
})
