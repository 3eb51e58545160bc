import { describe, expect, it } from 'vitest'
import { FaultEngine } from '../src/faults.js'
import type { FaultRule } from '../src/index.js'
import { client, start } from './helpers.js'

const QUIET = { queue: false, agent: null } as const
const texts = (sim: Awaited<ReturnType<typeof start>>, id: string) =>
  sim.chat(id)?.transcript.filter((e) => e.type === 'Text').map((e) => e.text)

describe('fault kinds over HTTP', () => {
  it('latency delays the answer by the scaled latencyMs', async () => {
    const sim = await start({ scenario: QUIET, timeScale: 0.01, faults: [{ kind: 'latency', operation: 'GetChat', latencyMs: 5_000 }] })
    const c = client(sim)
    const id = await c.requestChat()
    const t0 = Date.now()
    expect((await c.chat(id)).body.statusCode).toBe(0)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45)
    expect(sim.requests.at(-1)).toMatchObject({ operation: 'GetChat', fault: 'latency', status: 200 })
    expect(sim.requests.at(-1)?.durationMs).toBeGreaterThanOrEqual(45)
    expect(sim.requests[0]?.fault).toBeUndefined()
  })

  it('http-error answers 503 with a text body and applies nothing', async () => {
    const sim = await start({ scenario: QUIET, faults: [{ kind: 'http-error', operation: 'SendMessage' }] })
    const c = client(sim)
    const id = await c.requestChat()
    const r = await c.op(id, 'SendMessage', { text: 'lost' })
    expect(r.status).toBe(503)
    expect(r.body).toBe('Service Unavailable\n')
    expect(r.headers.get('content-type')).toMatch(/^text\/plain/)
    expect(texts(sim, id)).toEqual([])
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'http-error', status: 503 })
  })

  it('http-error uses the rule status', async () => {
    const sim = await start({ faults: [{ kind: 'http-error', status: 502 }] })
    expect((await client(sim).get('/api/v2/chats/x')).status).toBe(502)
  })

  it('rate-limit answers 429 with Retry-After and applies nothing', async () => {
    const sim = await start({ scenario: QUIET, faults: [{ kind: 'rate-limit', operation: 'SendMessage', times: 1 }, { kind: 'rate-limit', operation: 'GetChat', retryAfterSeconds: 7 }] })
    const c = client(sim)
    const id = await c.requestChat()
    const r = await c.op(id, 'SendMessage', { text: 'x' })
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBe('1')
    expect(texts(sim, id)).toEqual([])
    expect((await c.op(id, 'SendMessage', { text: 'x' })).status).toBe(200)
    expect((await c.chat(id)).headers.get('retry-after')).toBe('7')
  })

  it('malformed-json answers 200 with truncated JSON after applying the request', async () => {
    const sim = await start({ scenario: QUIET, faults: [{ kind: 'malformed-json', operation: 'GetMessages', times: 1 }] })
    const c = client(sim)
    const id = await c.requestChat()
    await c.op(id, 'SendMessage', { text: 'hi' })
    const r = await c.messages(id)
    expect(r.status).toBe(200)
    expect(typeof r.body).toBe('string')
    expect(() => JSON.parse(r.body)).toThrow()
    expect(r.body.startsWith('{"messages":[')).toBe(true)
    // The poll was applied: the delta cursor moved past the entries the client never got.
    expect((await c.messages(id)).body.messages).toEqual([])
    expect((await c.messages(id, 1)).body.messages).toHaveLength(2)
  })

  it('wrong-body answers valid JSON that breaks the schema', async () => {
    const sim = await start({ scenario: QUIET, faults: [{ kind: 'wrong-body', operation: ['GetMessages', 'SendMessage', 'GetChat'] }] })
    const c = client(sim)
    const id = await c.requestChat()
    const send = await c.op(id, 'SendMessage', { text: 'hi' })
    expect(send.body).toEqual({ status: 0 })
    expect(texts(sim, id)).toEqual(['hi'])
    const poll = await c.messages(id)
    expect(poll.body.statusCode).toBe(0)
    expect(Array.isArray(poll.body.messages)).toBe(false)
    expect(poll.body.messages['1']).toMatchObject({ index: 2, text: 'hi' })
    expect((await c.chat(id)).body).toEqual({ chat: 'Chatting', statusCode: 0 })
  })

  it('drop-after-apply appends the message but the client gets a socket error', async () => {
    const sim = await start({ scenario: QUIET, faults: [{ kind: 'drop-after-apply', operation: 'SendMessage' }] })
    const c = client(sim)
    const id = await c.requestChat()
    await expect(c.op(id, 'SendMessage', { text: 'did it arrive?' })).rejects.toThrow(/fetch failed/)
    expect(texts(sim, id)).toEqual(['did it arrive?'])
    expect(sim.requests.at(-1)).toMatchObject({ operation: 'SendMessage', fault: 'drop-after-apply', status: 0 })
  })

  it('drop-before-apply destroys the socket and applies nothing', async () => {
    const sim = await start({ scenario: QUIET, faults: [{ kind: 'drop-before-apply', operation: 'SendMessage' }] })
    const c = client(sim)
    const id = await c.requestChat()
    await expect(c.op(id, 'SendMessage', { text: 'gone' })).rejects.toThrow(/fetch failed/)
    expect(texts(sim, id)).toEqual([])
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'drop-before-apply', status: 0 })
  })

  it('stall never answers until the client gives up, and close() still returns', async () => {
    const sim = await start({ scenario: QUIET, faults: [{ kind: 'stall', operation: 'SendMessage' }] })
    const c = client(sim)
    const id = await c.requestChat()
    const res = fetch(`${sim.url}/api/v2/chats/${id}`, {
      method: 'POST',
      headers: { ContactCenterId: 'demo', 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'SendMessage', text: 'stuck' }),
      signal: AbortSignal.timeout(80),
    })
    await expect(res).rejects.toThrow(/abort|timeout/i)
    expect(texts(sim, id)).toEqual([])
    expect(sim.requests.at(-1)).toMatchObject({ fault: 'stall', status: 0 })
    // A second stalled request is still open when the simulator closes.
    const pending = c.op(id, 'SendMessage', { text: 'stuck too' })
    await sim.waitFor(() => sim.requests.length === 3)
    const t0 = Date.now()
    await sim.close()
    expect(Date.now() - t0).toBeLessThan(1_000)
    await expect(pending).rejects.toThrow()
  })

  it('never faults preflights or the control API', async () => {
    const sim = await start({ faults: [{ kind: 'http-error' }] })
    const pre = await fetch(`${sim.url}/api/v2/chats`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:1', 'Access-Control-Request-Method': 'POST' } })
    expect(pre.status).toBe(204)
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200)
    expect((await client(sim).get('/api/v2/chats/x')).status).toBe(503)
    expect(sim.requests.map((r) => r.fault)).toEqual([undefined, 'http-error'])
  })
})

describe('fault rules', () => {
  it('match by path substring or RegExp source, skip afterRequests, stop after times', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    sim.setFaults([{ kind: 'http-error', path: '/messages', afterRequests: 1, times: 2 }])
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await c.messages(id)).status)
    expect(statuses).toEqual([200, 503, 503, 200, 200])
    expect((await c.chat(id)).status).toBe(200)
    sim.setFaults([{ kind: 'http-error', path: '^/api/v2/me/chat/[^/]+$' }])
    expect((await c.get(`/api/v2/me/chat/${id}`)).status).toBe(503)
    expect((await c.chat(id)).status).toBe(200)
    sim.clearFaults()
    expect(sim.faults()).toEqual([])
    expect((await c.get(`/api/v2/me/chat/${id}`)).status).toBe(200)
  })

  it('rejects unknown kinds and out-of-range probabilities', async () => {
    const sim = await start()
    expect(() => sim.addFault({ kind: 'explode' } as unknown as FaultRule)).toThrow(/Unknown fault kind/)
    expect(() => sim.addFault({ kind: 'stall', probability: 2 })).toThrow(/probability/)
  })

  it('faults the same requests for the same seed', async () => {
    const faulted = async (seed: number): Promise<number[]> => {
      const sim = await start({ seed, scenario: QUIET, faults: [{ kind: 'http-error', operation: 'GetMessages', probability: 0.5 }] })
      const c = client(sim)
      const id = await c.requestChat()
      for (let i = 0; i < 20; i++) await c.messages(id)
      return sim.requests.filter((r) => r.fault === 'http-error').map((r) => r.id)
    }
    const a = await faulted(42)
    expect(a.length).toBeGreaterThan(2)
    expect(a.length).toBeLessThan(19)
    expect(await faulted(42)).toEqual(a)
    expect(await faulted(43)).not.toEqual(a)
  })

  it('engine: latency adds up with another fault, the first other fault wins', () => {
    const engine = new FaultEngine(1)
    engine.set([
      { kind: 'latency', latencyMs: 10 },
      { kind: 'rate-limit', operation: 'GetChat' },
      { kind: 'latency', latencyMs: 5 },
      { kind: 'http-error' },
    ])
    expect(engine.decide({ operation: 'GetChat', path: '/api/v2/chats/a' })).toMatchObject({ latencyMs: 15, kind: 'rate-limit' })
    expect(engine.decide({ operation: 'GetMessages', path: '/x' })).toMatchObject({ latencyMs: 15, kind: 'http-error' })
    engine.set([{ kind: 'latency', latencyMs: 10, operation: 'SendMessage' }])
    expect(engine.decide({ operation: undefined, path: '/x' })).toEqual({ latencyMs: 0 })
  })
})
