import { describe, expect, it } from 'vitest'
import type { FaultKind, FaultRule, OperationName, Simulator } from './simulator'
import { createFetchAdapter, type Chat, type HttpAdapter } from '../../src'
import {
  chatIdOf,
  clientTexts,
  customerTextCounts,
  engine,
  seenByClient,
  seenOnServer,
  serverTexts,
  serverUntil,
  simulator,
  start,
  until,
} from './harness'

/**
 * Every fault kind of the simulator on SendMessage and on each poll: the
 * visitor's messages reach the server once each and in order, every entry is
 * shown once and in order, and the chat still ends the way the visitor asked.
 */

const MESSAGES = ['one', 'two', 'three']

/** Fault settings that keep a test short: no Retry-After wait, a scaled latency under the request timeout. */
function rule(kind: FaultKind, operation: OperationName | OperationName[], extra: Partial<FaultRule> = {}): FaultRule {
  return {
    kind,
    operation,
    ...(kind === 'rate-limit' ? { retryAfterSeconds: 0 } : {}),
    ...(kind === 'latency' ? { latencyMs: 10_000 } : {}), // × 0.02 = 200 ms, under the 500 ms request timeout
    ...extra,
  }
}

/** Connect, add the faults, send every message at once, see every echo, end. */
async function converse(sim: Simulator, chat: Chat, faults: FaultRule[]) {
  chat.start(start)
  const id = await chatIdOf(chat)
  await until(chat, (s) => s.status === 'connected', 'the agent')
  sim.setFaults(faults)
  for (const text of MESSAGES) chat.send(text)
  await until(chat, () => clientTexts(chat).filter((t) => t.startsWith('Agent:')).length === MESSAGES.length, 'every echo', 10_000)
  sim.clearFaults()
  chat.end()
  const ended = await until(chat, (s) => s.status === 'ended', 'the end', 5_000)
  return { id, ended }
}

function expectDeliveredOnceInOrder(sim: Simulator, chat: Chat, id: string) {
  const view = sim.chat(id)
  // The server got each message once, in the order typed.
  expect(serverTexts(sim, id).filter((t) => t.startsWith('Customer:'))).toEqual(MESSAGES.map((m) => `Customer: ${m}`))
  expect([...customerTextCounts(view).values()].every((n) => n === 1)).toBe(true)
  // The visitor sees the server's transcript: every entry once, in order, no gap.
  const client = seenByClient(chat.getSnapshot().transcript)
  expect(client.map((e) => e.index)).toEqual(client.map((_, i) => i + 1))
  expect(client).toEqual(seenOnServer(view).slice(0, client.length))
  expect(clientTexts(chat)).toEqual(MESSAGES.flatMap((m) => [`Customer: ${m}`, `Agent: ${m}`]))
  expect(chat.getSnapshot().outbox).toEqual([])
}

const KINDS: FaultKind[] = ['http-error', 'rate-limit', 'malformed-json', 'wrong-body', 'drop-after-apply', 'drop-before-apply', 'stall', 'latency']

describe.each(KINDS)('fault %s', (kind) => {
  it('on SendMessage (twice in a row): each message reaches the server once, in order', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { polling: { requestTimeoutMs: 300 } })
    const { id, ended } = await converse(sim, chat, [rule(kind, 'SendMessage', { times: 2 })])
    expect(sim.requests.filter((r) => r.operation === 'SendMessage' && r.fault === kind)).toHaveLength(2)
    expectDeliveredOnceInOrder(sim, chat, id)
    expect(ended.endReason).toBe('customer')
    expect(sim.chat(id)).toMatchObject({ ended: true, endedBy: 'customer' })
  })

  it('on GetMessages and GetChat (half the polls, 8 times): nothing lost, nothing shown twice', async () => {
    const sim = await simulator({ scenario: 'echo', seed: 7 })
    const chat = engine(sim, { polling: { requestTimeoutMs: 300 } })
    const { id, ended } = await converse(sim, chat, [rule(kind, ['GetMessages', 'GetChat'], { probability: 0.5, times: 8 })])
    expect(sim.requests.filter((r) => (r.operation === 'GetMessages' || r.operation === 'GetChat') && r.fault === kind).length).toBeGreaterThan(0)
    expectDeliveredOnceInOrder(sim, chat, id)
    expect(ended.endReason).toBe('customer')
  })
})

describe('faults on the other operations', () => {
  it('a typing notification answered with 503 does not stop the chat: the message goes out and the agent is heard', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim)
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    sim.setFaults([{ kind: 'http-error', operation: 'SendStartTypingNotification', times: 1 }])
    chat.setTyping(true)
    chat.send('typed')
    await serverUntil(sim, () => customerTextCounts(sim.chat(id)).get('typed') === 1, 'the message')
    sim.agent(id).say('Still here')
    await until(chat, () => clientTexts(chat).includes('Agent: Still here'), 'the agent’s next line', 2_500)
    expect(clientTexts(chat)).toEqual(['Customer: typed', 'Agent: typed', 'Agent: Still here'])
    expect(chat.getSnapshot()).toMatchObject({ status: 'connected', outbox: [] })
    expect(chat.actor.getSnapshot().status).toBe('active')
  })

  it('a typing notification whose connection drops does not stop the chat', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim)
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    sim.setFaults([{ kind: 'drop-before-apply', operation: ['SendStartTypingNotification', 'SendStopTypingNotification'], times: 2 }])
    chat.setTyping(true)
    chat.setTyping(false)
    chat.send('after typing')
    await until(chat, () => clientTexts(chat).includes('Agent: after typing'), 'the echo', 2_500)
    chat.end()
    const s = await until(chat, (s) => s.status === 'ended', 'the end')
    expect(s.endReason).toBe('customer')
    expect(sim.chat(id)?.endedBy).toBe('customer')
  })

  it.each(['drop-after-apply', 'http-error', 'malformed-json', 'stall'] as const)(
    'Complete failing once (%s) is retried and the chat ends by the visitor',
    async (kind) => {
      const sim = await simulator({ scenario: 'echo' })
      const chat = engine(sim, { polling: { requestTimeoutMs: 300 } })
      chat.start(start)
      const id = await chatIdOf(chat)
      await until(chat, (s) => s.status === 'connected', 'the agent')
      sim.setFaults([{ kind, operation: 'Complete', times: 1 }])
      chat.end()
      const s = await until(chat, (s) => s.status === 'ended', 'the end')
      expect(s.endReason).toBe('customer')
      expect(sim.chat(id)).toMatchObject({ ended: true, endedBy: 'customer' })
      expect(sim.requests.filter((r) => r.operation === 'Complete').length).toBeGreaterThanOrEqual(1)
    },
  )

  it('a Complete the server applied but whose answers were lost (garbled, then dropped twice) still ends the chat', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim)
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    sim.setFaults([
      { kind: 'wrong-body', operation: 'Complete', times: 1 },
      { kind: 'drop-after-apply', operation: 'Complete', times: 2 },
    ])
    chat.end()
    const s = await until(chat, (s) => s.status === 'ended' || s.status === 'error', 'the end')
    // The first Complete ended the chat on the server; the visitor pressed End once.
    expect(sim.chat(id)).toMatchObject({ ended: true, endedBy: 'customer' })
    expect({ status: s.status, endReason: s.endReason }).toEqual({ status: 'ended', endReason: 'customer' })
  })

  it('the agent’s last words are shown even when the final transcript fetch fails once', async () => {
    const sim = await simulator({ scenario: 'echo' })
    // Transcript requests fail from the agent's end until one has failed after GetChat reported Idle.
    const inner = createFetchAdapter()
    let failing = false
    let idleSeen = false
    const http: HttpAdapter = async (request) => {
      const transcript = request.url.includes('/messages')
      if (failing && transcript) {
        if (idleSeen) failing = false
        return { status: 503, headers: { 'content-type': 'text/plain' }, body: 'Service Unavailable\n' }
      }
      const response = await inner(request)
      if (failing && !transcript && request.method === 'GET' && response.body.includes('"state":"Idle"')) idleSeen = true
      return response
    }
    const chat = engine(sim, { http })
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.send('ping')
    await until(chat, () => clientTexts(chat).includes('Agent: ping'), 'the echo')
    failing = true
    sim.agent(id).end('Goodbye, and thanks!')
    const s = await until(chat, (s) => s.status === 'ended', 'the end')
    expect(idleSeen).toBe(true)
    expect(s.endReason).toBe('agent')
    expect(clientTexts(chat)).toEqual(['Customer: ping', 'Agent: ping', 'Agent: Goodbye, and thanks!'])
  })

  it('a 503 on RequestChat creates no chat; retry() then creates exactly one', async () => {
    const sim = await simulator({ scenario: 'echo' })
    sim.setFaults([{ kind: 'http-error', operation: 'RequestChat', times: 1 }])
    const chat = engine(sim)
    chat.start(start)
    const failed = await until(chat, (s) => s.status === 'error', 'the error')
    expect(failed.error).toMatchObject({ code: 'http_error', httpStatus: 503, operation: 'RequestChat' })
    expect(sim.chats()).toHaveLength(0)
    chat.retry()
    await until(chat, (s) => s.status === 'connected', 'the agent')
    expect(sim.chats()).toHaveLength(1)
  })

  it('SendMessage answered after the request timeout (a slow server) is not sent twice', async () => {
    const sim = await simulator({ scenario: 'echo' })
    const chat = engine(sim, { polling: { requestTimeoutMs: 300 } })
    chat.start(start)
    const id = await chatIdOf(chat)
    await until(chat, (s) => s.status === 'connected', 'the agent')
    // The server applies the message 400 ms after it arrived; the client gave up at 300 ms.
    sim.setFaults([{ kind: 'latency', operation: 'SendMessage', latencyMs: 20_000, times: 1 }])
    chat.send('slow one')
    await until(chat, () => clientTexts(chat).includes('Agent: slow one'), 'the echo')
    // Give a second copy, if one was sent, time to show up.
    await until(chat, (s) => s.outbox.length === 0, 'an empty outbox')
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(customerTextCounts(sim.chat(id)).get('slow one')).toBe(1)
    expect(clientTexts(chat).filter((t) => t === 'Customer: slow one')).toHaveLength(1)
  })
})
