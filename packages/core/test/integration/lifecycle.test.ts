import { describe, expect, it } from 'vitest'
import type { Simulator } from './simulator'
import { createFetchAdapter, type Chat } from '../../src'
import { createOfetchAdapter } from '../../src/ofetch'
import { createMemoryStorage } from '../../src/persistence/storage'
import {
  CONTACT_CENTER,
  chatIdOf,
  clientTexts,
  destroy,
  engine,
  seenByClient,
  seenOnServer,
  serverTexts,
  serverUntil,
  simulator,
  start,
  statusesOf,
  until,
  type EngineOptions,
} from './harness'
import { persistChat } from '../../src/persistence'

/** The client's transcript is exactly what the server holds for the visitor, up to where the client stopped. */
function expectSameTranscript(chat: Chat, sim: Simulator, id: string) {
  const client = seenByClient(chat.getSnapshot().transcript)
  const server = seenOnServer(sim.chat(id))
  expect(client.length).toBeGreaterThan(0)
  expect(client).toEqual(server.slice(0, client.length))
}

const transports: [string, EngineOptions][] = [
  ['the default adapter (fetch)', {}],
  ['createFetchAdapter()', { http: createFetchAdapter() }],
  ['createOfetchAdapter() from @gws-chat/core/ofetch', { http: createOfetchAdapter() }],
]

describe.each(transports)('a whole chat over loopback HTTP with %s', (_name, transport) => {
  it('queued → connected → ended by the visitor, both sides holding the same transcript', async () => {
    const sim = await simulator({ scenario: 'friendly' })
    const chat = engine(sim, transport)
    const statuses = statusesOf(chat)
    chat.start(start)
    const id = await chatIdOf(chat)
    expect(chat.getSnapshot().status).toBe('queued')
    await until(chat, (s) => s.status === 'connected', 'the agent')
    await until(chat, (s) => s.transcript.some((e) => e.text === "Hi, I'm Ava. How can I help?"), 'the greeting')

    chat.send('My bill is wrong')
    await until(chat, (s) => s.transcript.some((e) => e.text === 'You said: My bill is wrong'), 'the first reply')
    chat.send('Order 42')
    await until(chat, (s) => s.transcript.some((e) => e.text === 'You said: Order 42'), 'both replies')
    expect(chat.getSnapshot().outbox).toEqual([])
    expect(clientTexts(chat)).toEqual([
      "Agent: Hi, I'm Ava. How can I help?",
      'Customer: My bill is wrong',
      'Agent: You said: My bill is wrong',
      'Customer: Order 42',
      'Agent: You said: Order 42',
    ])
    expectSameTranscript(chat, sim, id)

    chat.end()
    await until(chat, (s) => s.status === 'ended', 'the end')
    expect(chat.getSnapshot().endReason).toBe('customer')
    expect(sim.chat(id)).toMatchObject({ ended: true, endedBy: 'customer', state: 'Idle' })
    expect(statuses).toEqual(['idle', 'requesting', 'queued', 'connected', 'ended'])

    // Nothing is asked about an ended chat.
    const made = sim.requests.length
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(sim.requests.length).toBe(made)
    expect(sim.requests.at(-1)?.operation).toBe('Complete')
  })

  it('ended by the agent: the final words are shown and the chat ends with endReason "agent"', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, transport)
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.send('ping')
    await until(chat, () => clientTexts(chat).includes('Agent: ping'), 'the echo')

    sim.agent(id).end('Thanks for chatting, bye!')
    const s = await until(chat, (s) => s.status === 'ended', 'the end')
    expect(s.endReason).toBe('agent')
    expect(clientTexts(chat)).toEqual(['Customer: ping', 'Agent: ping', 'Agent: Thanks for chatting, bye!'])
    // The drain fetched everything the server holds, the agent's leave included.
    expect(seenByClient(s.transcript)).toEqual(seenOnServer(sim.chat(id)))
    expect(s.transcript.at(-1)).toMatchObject({ type: 'ParticipantLeft', from: { type: 'Agent' } })
    expect(sim.requests.filter((r) => r.operation === 'Complete')).toHaveLength(0)
  })
})

describe('lifecycles', () => {
  it('the "leaves" agent answers, leaves, and the chat ends by the agent', async () => {
    const sim = await simulator({ scenario: 'leaves' })
    const chat = engine(sim)
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.send('Can you help?')
    const s = await until(chat, (s) => s.status === 'ended', 'the end')
    expect(s.endReason).toBe('agent')
    expect(clientTexts(chat)).toEqual(["Agent: Hi, I'm Leo. How can I help?", 'Customer: Can you help?', 'Agent: Sorry, I have to go now.'])
    expect(seenByClient(s.transcript)).toEqual(seenOnServer(sim.chat(id)))
    expect(sim.chat(id)).toMatchObject({ ended: true, endedBy: 'agent' })
  })

  it('a transfer requeues the chat: queued → connected → queued → connected, nothing lost on the way', async () => {
    const sim = await simulator({ scenario: 'transfer' })
    const chat = engine(sim)
    const statuses = statusesOf(chat)
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'Ava')
    chat.send('first')
    await until(chat, () => clientTexts(chat).includes('Agent: You said: first'), 'the first reply')
    chat.send('second')
    await until(chat, (s) => s.status === 'queued', 'the requeue')
    await until(chat, (s) => s.status === 'connected' && s.participants.some((p) => p.nickname === 'Ben'), 'Ben')
    chat.send('third')
    await until(chat, () => clientTexts(chat).includes('Agent: You said: third'), 'Ben’s reply')
    expect(statuses).toEqual(['idle', 'requesting', 'queued', 'connected', 'queued', 'connected'])
    expect(clientTexts(chat)).toEqual([
      "Agent: Hi, I'm Ava. How can I help?",
      'Customer: first',
      'Agent: You said: first',
      'Customer: second',
      'Agent: You said: second',
      "Agent: Hi, I'm Ben. How can I help?",
      'Customer: third',
      'Agent: You said: third',
    ])
    expectSameTranscript(chat, sim, id)
    chat.end()
    await until(chat, (s) => s.status === 'ended', 'the end')
    expect(chat.getSnapshot().endReason).toBe('customer')
  })

  it('a chat nobody polls is closed by the server; the reloaded page learns it ended (timeout) from the transcript', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const storage = createMemoryStorage()
    const first = engine(sim, { persistence: persistChat({ storage }) })
    first.start(start)
    const id = await chatIdOf(first)
    await until(first, (s) => s.status === 'connected', 'the agent')
    first.send('are you there?')
    await until(first, () => clientTexts(first).includes('Agent: are you there?'), 'the echo')
    // The tab freezes: no more polls, the server's scaled 900 ms keep-alive runs out.
    destroy(first)
    await serverUntil(sim, () => sim.chat(id)?.ended === true, 'the disconnect timeout', 3_000)
    expect(sim.chat(id)?.endedBy).toBe('timeout')
    // The transcript answers first (the other order is the next test).
    sim.addFault({ kind: 'latency', operation: 'GetChat', latencyMs: 5_000 })

    const second = engine(sim, { persistence: persistChat({ storage }) })
    expect(second.getSnapshot()).toMatchObject({ status: 'connected', chatId: id })
    const s = await until(second, (s) => s.status === 'ended', 'the end')
    expect(s.endReason).toBe('timeout')
    expect(s.transcript.some((e) => e.text === 'Chat closed: the visitor stopped responding')).toBe(true)
    expect(sim.requests.filter((r) => r.operation === 'RequestChat')).toHaveLength(1)
  })

  it('a server-closed chat restored after a reload ends with "timeout" even when GetChat answers before GetMessages', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const storage = createMemoryStorage()
    const first = engine(sim, { persistence: persistChat({ storage }) })
    first.start(start)
    const id = await chatIdOf(first)
    await until(first, (s) => s.status === 'connected', 'the agent')
    destroy(first)
    await serverUntil(sim, () => sim.chat(id)?.ended === true, 'the disconnect timeout', 3_000)
    expect(sim.chat(id)?.endedBy).toBe('timeout')
    // A slow transcript: the chat state (Idle) is known first, the "visitor stopped responding" notice second.
    sim.addFault({ kind: 'latency', operation: 'GetMessages', latencyMs: 5_000 })

    const second = engine(sim, { persistence: persistChat({ storage }) })
    const s = await until(second, (s) => s.status === 'ended', 'the end')
    expect(s.transcript.some((e) => e.text === 'Chat closed: the visitor stopped responding')).toBe(true)
    expect(s.endReason).toBe('timeout')
  })

  it('a purged chat found after a reload ends with endReason "server"', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const storage = createMemoryStorage()
    const first = engine(sim, { persistence: persistChat({ storage }) })
    first.start(start)
    const id = await chatIdOf(first)
    await until(first, (s) => s.status === 'connected', 'the agent')
    destroy(first)
    // Closed after 900 ms without polls, purged 900 ms later: the server then answers statusCode 6.
    await serverUntil(sim, () => sim.chat(id)?.purged === true, 'the purge', 4_000)
    const second = engine(sim, { persistence: persistChat({ storage }) })
    const s = await until(second, (s) => s.status === 'ended', 'the end')
    expect(s.endReason).toBe('server')
    expect(sim.requests.filter((r) => r.operation === 'RequestChat')).toHaveLength(1)
  })

  it('a chat left offline past the keep-alive ends with "timeout" when the network returns', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim)
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.actor.send({ type: 'network.offline' })
    await serverUntil(sim, () => sim.chat(id)?.ended === true, 'the disconnect timeout', 3_000)
    expect(sim.chat(id)?.endedBy).toBe('timeout')
    // Polls resume together; a slow transcript lets the chat state (Idle) arrive first.
    sim.addFault({ kind: 'latency', operation: 'GetMessages', latencyMs: 5_000 })
    chat.actor.send({ type: 'network.online' })
    const s = await until(chat, (s) => s.status === 'ended', 'the end')
    expect(s.transcript.some((e) => e.text === 'Chat closed: the visitor stopped responding')).toBe(true)
    expect(s.endReason).toBe('timeout')
  })

  it('me-chat paths: every in-chat request goes to /api/v2/me/chat/{id}', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { paths: 'me-chat' })
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.setTyping(true)
    chat.send('via me/chat')
    await until(chat, () => clientTexts(chat).includes('Agent: via me/chat'), 'the echo')
    chat.end()
    await until(chat, (s) => s.status === 'ended', 'the end')
    const inChat = sim.requests.filter((r) => r.operation !== 'RequestChat')
    expect(new Set(inChat.map((r) => r.operation))).toEqual(
      new Set(['GetChat', 'GetMessages', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete']),
    )
    for (const r of inChat) expect(r.path.startsWith(`/api/v2/me/chat/${id}`)).toBe(true)
    expect(clientTexts(chat)).toEqual(serverTexts(sim, id).slice(0, clientTexts(chat).length))
  })

  it('the chats family follows the path RequestChat returned', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { paths: 'chats' })
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.end()
    await until(chat, (s) => s.status === 'ended', 'the end')
    const inChat = sim.requests.filter((r) => r.operation !== 'RequestChat')
    expect(inChat.length).toBeGreaterThan(0)
    for (const r of inChat) expect(r.path.startsWith(`/api/v2/chats/${id}`)).toBe(true)
  })

  it('every request carries ContactCenterId and none carries credentials', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { http: createFetchAdapter() })
    chat.start(start)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.setTyping(true)
    chat.send('hello')
    await until(chat, () => clientTexts(chat).includes('Agent: hello'), 'the echo')
    chat.end()
    await until(chat, (s) => s.status === 'ended', 'the end')
    expect(sim.requests.length).toBeGreaterThan(5)
    for (const r of sim.requests) {
      expect(r.headers.contactcenterid).toBe(CONTACT_CENTER)
      expect(r.headers.authorization).toBeUndefined()
      expect(r.headers.cookie).toBeUndefined()
      expect(r.status).toBe(200)
    }
  })
})
