import { describe, expect, it } from 'vitest'
import type { Simulator } from './simulator'
import { createFetchAdapter, type Chat } from '../../src'
import { createMemoryStorage } from '../../src/persistence/storage'
import { flakyNetwork } from './flaky-network'
import {
  chatIdOf,
  clientTexts,
  customerTextCounts,
  destroy,
  engine,
  keepAliveFor,
  seenByClient,
  seenOnServer,
  serverTexts,
  serverUntil,
  simulator,
  sleep,
  start,
  until,
} from './harness'
import { persistChat } from '../../src/persistence'

/** Issue 5 in Node, against the simulator: polling policy, outbox, restore after reload, idempotent start. */

const count = (sim: Simulator, operation: string, since = 0) =>
  sim.requests.filter((r) => r.operation === operation && r.time >= since).length

async function connected(_sim: Simulator, chat: Chat) {
  chat.start(start)
  const id = await chatIdOf(chat)
  await until(chat, (s) => s.status === 'connected', 'the agent')
  return id
}

const echoes = (chat: Chat, texts: string[]) => () => texts.every((t) => clientTexts(chat).includes(`Agent: ${t}`))

describe('polling policy', () => {
  it('a quiet chat is polled at the resting interval, GetChat less often than GetMessages', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { polling: { intervalMs: 200, activeIntervalMs: 40, easeMs: 300, chatStateEvery: 2 } })
    await connected(sim, chat)
    await sleep(500) // past the easing after the agent's join
    const from = Date.now()
    await sleep(1_600)
    const messages = count(sim, 'GetMessages', from)
    const states = count(sim, 'GetChat', from)
    // 1600 ms / 200 ms = 8 transcript polls, 4 chat-state polls, give or take one at each edge.
    expect(messages).toBeGreaterThanOrEqual(6)
    expect(messages).toBeLessThanOrEqual(10)
    expect(states).toBeGreaterThanOrEqual(2)
    expect(states).toBeLessThanOrEqual(6)
    expect(states).toBeLessThan(messages)
  })

  it('polls faster right after the visitor sends: the reply shows up well before the resting interval', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { polling: { intervalMs: 2_000, activeIntervalMs: 40, easeMs: 1_000, keepAliveMs: 9_000 } })
    await connected(sim, chat)
    await sleep(1_200) // back at rest
    const sentAt = Date.now()
    chat.send('quick?')
    await until(chat, echoes(chat, ['quick?']), 'the echo', 1_500)
    expect(Date.now() - sentAt).toBeLessThan(600)
  })

  it('backs off while the server fails, then recovers: requests stay bounded and nothing is lost', async () => {
    const sim = await simulator({ scenario: 'echo', disconnectTimeoutMs: 150_000 }) // 3 s keep-alive
    const chat = engine(sim, {
      polling: { intervalMs: 100, activeIntervalMs: 40, backoffBaseMs: 100, backoffMaxMs: 800, keepAliveMs: keepAliveFor(0.02, 150_000) },
    })
    const id = await connected(sim, chat)
    sim.setFaults([{ kind: 'http-error', status: 503, operation: ['GetMessages', 'GetChat'] }])
    const from = Date.now()
    sim.agent(id).say('during the outage')
    await until(chat, (s) => s.connection === 'reconnecting', 'reconnecting')
    await sleep(2_000 - (Date.now() - from))
    const polls = count(sim, 'GetMessages', from) + count(sim, 'GetChat', from)
    // At the resting interval two pollers would make 2 s / 100 ms × 2 = 40 requests; the backoff
    // (100, 200, 400, 800 ms caps with full jitter, never under 100 ms) makes about 14.
    expect(polls).toBeLessThanOrEqual(20)
    expect(polls).toBeGreaterThanOrEqual(6)
    sim.clearFaults()
    await until(chat, (s) => s.connection === 'online' && clientTexts(chat).includes('Agent: during the outage'), 'recovery', 5_000)
    expect(seenByClient(chat.getSnapshot().transcript)).toEqual(seenOnServer(sim.chat(id)))
  })

  it('honours Retry-After on a 429 of the transcript poll', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { polling: { intervalMs: 100, activeIntervalMs: 40, keepAliveMs: 3_000 } })
    const id = await connected(sim, chat)
    sim.setFaults([{ kind: 'rate-limit', operation: 'GetMessages', retryAfterSeconds: 1, times: 1 }])
    await serverUntil(sim, () => sim.requests.some((r) => r.fault === 'rate-limit'), 'the 429')
    const limited = sim.requests.find((r) => r.fault === 'rate-limit')!
    sim.agent(id).say('after the wait')
    await until(chat, () => clientTexts(chat).includes('Agent: after the wait'), 'the next line', 3_000)
    const next = sim.requests.find((r) => r.operation === 'GetMessages' && r.id > limited.id)!
    expect(next.time - limited.time).toBeGreaterThanOrEqual(950)
  })

  it('honours Retry-After on a 429 of SendMessage, then sends the message once', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { polling: { keepAliveMs: 3_000 } })
    const id = await connected(sim, chat)
    sim.setFaults([{ kind: 'rate-limit', operation: 'SendMessage', retryAfterSeconds: 1, times: 1 }])
    chat.send('patient')
    await until(chat, echoes(chat, ['patient']), 'the echo', 3_000)
    const sends = sim.requests.filter((r) => r.operation === 'SendMessage')
    expect(sends.map((r) => r.status)).toEqual([429, 200])
    expect(sends[1]!.time - sends[0]!.time).toBeGreaterThanOrEqual(950)
    expect(customerTextCounts(sim.chat(id)).get('patient')).toBe(1)
  })
})

describe('outbox', () => {
  it('messages typed while offline stay queued, make no request, and go out in order once online', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim)
    const id = await connected(sim, chat)
    chat.actor.send({ type: 'network.offline' })
    const from = Date.now()
    chat.send('first offline')
    chat.send('second offline')
    chat.send('third offline')
    await sleep(300)
    expect(chat.getSnapshot().connection).toBe('offline')
    expect(chat.getSnapshot().outbox.map((m) => m.status)).toEqual(['queued', 'queued', 'queued'])
    expect(count(sim, 'SendMessage', from)).toBe(0)

    chat.actor.send({ type: 'network.online' })
    const texts = ['first offline', 'second offline', 'third offline']
    await until(chat, echoes(chat, texts), 'the echoes')
    expect(serverTexts(sim, id).filter((t) => t.startsWith('Customer:'))).toEqual(texts.map((t) => `Customer: ${t}`))
    expect(chat.getSnapshot()).toMatchObject({ connection: 'online', outbox: [] })
  })

  it('sending while offline makes no request at all: polls stay paused', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim)
    await connected(sim, chat)
    await sleep(300) // past the activity after the join: both pollers wait at rest
    chat.actor.send({ type: 'network.offline' })
    await sleep(200) // requests in flight at the switch finish
    const from = Date.now()
    chat.send('typed offline')
    await sleep(400)
    expect(sim.requests.filter((r) => r.time >= from).map((r) => r.operation)).toEqual([])
    expect(chat.getSnapshot().outbox.map((m) => m.status)).toEqual(['queued'])
  })

  it('messages typed during an outage (the link dead, no offline event) are sent in order once it is back', async () => {
    const sim = await simulator({ scenario: 'echo', disconnectTimeoutMs: 150_000 }) // 3 s keep-alive
    const net = flakyNetwork(createFetchAdapter())
    const chat = engine(sim, { http: net.http, polling: { keepAliveMs: keepAliveFor(0.02, 150_000) } })
    const id = await connected(sim, chat)
    chat.send('before')
    await until(chat, echoes(chat, ['before']), 'the first echo')

    net.cut()
    const texts = ['during 1', 'during 2', 'during 3']
    for (const t of texts) chat.send(t)
    await until(chat, (s) => s.connection === 'reconnecting', 'reconnecting')
    await sleep(800)
    expect(customerTextCounts(sim.chat(id)).get('during 1')).toBeUndefined()
    expect(chat.getSnapshot().outbox.map((m) => m.text)).toEqual(texts)
    expect(chat.getSnapshot().outbox.every((m) => m.status !== 'failed')).toBe(true)

    net.restore()
    await until(chat, echoes(chat, texts), 'the echoes', 4_000)
    expect(serverTexts(sim, id).filter((t) => t.startsWith('Customer:'))).toEqual(['before', ...texts].map((t) => `Customer: ${t}`))
    expect([...customerTextCounts(sim.chat(id)).values()].every((n) => n === 1)).toBe(true)
    expect(chat.getSnapshot().outbox).toEqual([])
    expect(net.refused).toBeGreaterThan(0)
  })

  it('an outage that cuts a SendMessage the server already applied does not double it', async () => {
    const sim = await simulator({ scenario: 'echo', disconnectTimeoutMs: 150_000 })
    const net = flakyNetwork(createFetchAdapter())
    const chat = engine(sim, { http: net.http, polling: { keepAliveMs: keepAliveFor(0.02, 150_000) } })
    const id = await connected(sim, chat)
    // The answer is held 100 ms after the server applied the message; the link dies meanwhile.
    sim.setFaults([{ kind: 'latency', operation: 'SendMessage', latencyMs: 5_000, times: 1 }])
    chat.send('cut mid-air')
    await serverUntil(sim, () => sim.requests.some((r) => r.operation === 'SendMessage'), 'the send')
    net.cut()
    await serverUntil(sim, () => customerTextCounts(sim.chat(id)).get('cut mid-air') === 1, 'the late apply')
    await sleep(200)
    net.restore()
    await until(chat, echoes(chat, ['cut mid-air']), 'the echo', 4_000)
    await until(chat, (s) => s.outbox.length === 0, 'an empty outbox')
    expect(customerTextCounts(sim.chat(id)).get('cut mid-air')).toBe(1)
  })
})

describe('restore after reload', () => {
  it('a reload mid-chat resumes the same chat: transcript rebuilt without duplicates, queued messages sent once', async () => {
    const sim = await simulator({ scenario: 'friendly' })
    const storage = createMemoryStorage()
    const first = engine(sim, { persistence: persistChat({ storage }) })
    const id = await connected(sim, first)
    first.send('before the reload')
    await until(first, () => clientTexts(first).includes('Agent: You said: before the reload'), 'the reply')
    first.actor.send({ type: 'network.offline' })
    first.send('queued 1')
    first.send('queued 2')
    await until(first, (s) => s.outbox.length === 2, 'a queued outbox')
    const before = first.getSnapshot().transcript
    destroy(first)
    sim.agent(id).say('While you were away')

    const second = engine(sim, { persistence: persistChat({ storage }) })
    const announced: string[] = []
    second.on('message.received', ({ entry }) => announced.push(entry.text ?? ''))
    expect(second.getSnapshot()).toMatchObject({ status: 'connected', chatId: id })
    expect(second.getSnapshot().outbox.map((m) => m.text)).toEqual(['queued 1', 'queued 2'])
    await until(second, () => clientTexts(second).includes('Agent: You said: queued 2'), 'the replies')

    const s = second.getSnapshot()
    expect(s.transcript.slice(0, before.length)).toEqual(before)
    expect(s.transcript.map((e) => e.index)).toEqual(s.transcript.map((_, i) => i + 1))
    expect(seenByClient(s.transcript)).toEqual(seenOnServer(sim.chat(id)).slice(0, s.transcript.length))
    expect(serverTexts(sim, id).filter((t) => t.startsWith('Customer:'))).toEqual([
      'Customer: before the reload',
      'Customer: queued 1',
      'Customer: queued 2',
    ])
    expect(announced[0]).toBe('While you were away')
    expect(announced).not.toContain("Hi, I'm Ava. How can I help?")
    expect(sim.requests.filter((r) => r.operation === 'RequestChat')).toHaveLength(1)

    second.end()
    await until(second, (s) => s.status === 'ended', 'the end')
    expect(storage.getItem('gws-chat:cc-integration') ?? '').toBe('')
  })

  it('a send the server applied while the page was reloading is not sent again', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const storage = createMemoryStorage()
    const first = engine(sim, { persistence: persistChat({ storage }) })
    const id = await connected(sim, first)
    // The server applies the message 200 ms after it arrives; the page is gone before that.
    sim.setFaults([{ kind: 'latency', operation: 'SendMessage', latencyMs: 10_000, times: 1 }])
    first.send('in flight at the reload')
    await serverUntil(sim, () => sim.requests.some((r) => r.operation === 'SendMessage'), 'the send')
    expect(first.getSnapshot().outbox[0]?.status).toBe('sending')
    destroy(first)
    await serverUntil(sim, () => customerTextCounts(sim.chat(id)).get('in flight at the reload') === 1, 'the late apply')

    const second = engine(sim, { persistence: persistChat({ storage }) })
    await until(second, echoes(second, ['in flight at the reload']), 'the echo')
    await until(second, (s) => s.outbox.length === 0, 'an empty outbox')
    await sleep(200)
    expect(customerTextCounts(sim.chat(id)).get('in flight at the reload')).toBe(1)
    expect(clientTexts(second)).toEqual(['Customer: in flight at the reload', 'Agent: in flight at the reload'])
  })

  it('a send lost with the page (never reached the server) is sent after the reload, once', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const storage = createMemoryStorage()
    const first = engine(sim, { persistence: persistChat({ storage }) })
    const id = await connected(sim, first)
    sim.setFaults([{ kind: 'stall', operation: 'SendMessage', times: 1 }])
    first.send('lost with the page')
    await serverUntil(sim, () => sim.requests.some((r) => r.operation === 'SendMessage'), 'the send')
    destroy(first)

    const second = engine(sim, { persistence: persistChat({ storage }) })
    await until(second, echoes(second, ['lost with the page']), 'the echo')
    expect(customerTextCounts(sim.chat(id)).get('lost with the page')).toBe(1)
    expect(second.getSnapshot().outbox).toEqual([])
  })
})

describe('idempotent start', () => {
  it('a double start (a double click) creates one chat', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim)
    chat.start(start)
    chat.start(start)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.start(start)
    await sleep(100)
    expect(sim.requests.filter((r) => r.operation === 'RequestChat')).toHaveLength(1)
    expect(sim.chats()).toHaveLength(1)
  })

  it('start() after a reload resumes the chat instead of creating another', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const storage = createMemoryStorage()
    const first = engine(sim, { persistence: persistChat({ storage }) })
    const id = await connected(sim, first)
    destroy(first)
    const second = engine(sim, { persistence: persistChat({ storage }) })
    second.start(start) // the page's own "start chat" on load
    await sleep(150)
    expect(second.getSnapshot()).toMatchObject({ status: 'connected', chatId: id })
    expect(sim.requests.filter((r) => r.operation === 'RequestChat')).toHaveLength(1)
  })
})
