import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSimulatorHandler, type SimulatorHandler, type SimulatorHandlerOptions } from '../src/handler-entry.js'

const QUIET = { queue: false, agent: null } as const
const BASE = 'https://gws.example.test'
const made: SimulatorHandler[] = []

afterEach(async () => {
  await Promise.all(made.splice(0).map((sim) => sim.close()))
})

function sim(options: SimulatorHandlerOptions = {}): SimulatorHandler {
  const handler = createSimulatorHandler({ baseUrl: BASE, ...options })
  made.push(handler)
  return handler
}

/** A tiny customer client over `handle()`: what fetch would see. */
function client(handler: SimulatorHandler, headers: Record<string, string> = { ContactCenterId: 'demo' }) {
  const send = (method: string, path: string, body?: unknown, extra: Record<string, string> = {}, signal?: AbortSignal) =>
    handler.handle(
      new Request(`${handler.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', ...headers, ...extra },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
        ...(signal ? { signal } : {}),
      }),
    )
  return {
    send,
    json: async (method: string, path: string, body?: unknown) => (await send(method, path, body)).json() as Promise<any>,
    async requestChat(): Promise<string> {
      const r = (await (await send('POST', '/api/v2/chats', { operationName: 'RequestChat', nickname: 'Chris', subject: 'Billing' })).json()) as any
      if (r.statusCode !== 0) throw new Error(JSON.stringify(r))
      return r.id as string
    },
  }
}

describe('createSimulatorHandler (in process)', () => {
  it('runs the friendly scenario: the agent joins and greets, a message gets an answer; the log records every request', async () => {
    const s = sim({ timeScale: 0.01 })
    const c = client(s)
    const id = await c.requestChat()
    await s.waitFor((x) => x.chat(id)?.state === 'Chatting')
    expect(s.chat(id)?.transcript.find((e) => e.type === 'Text')?.text).toBe("Hi, I'm Ava. How can I help?")
    expect((await c.json('POST', `/api/v2/chats/${id}`, { operationName: 'SendMessage', text: 'My bill' })).statusCode).toBe(0)
    await s.waitFor((x) => (x.chat(id)?.transcript.filter((e) => e.type === 'Text').length ?? 0) >= 3)
    const messages = await c.json('GET', `/api/v2/chats/${id}/messages`)
    expect(messages.messages.filter((m: any) => m.type === 'Text').map((m: any) => m.from.nickname)).toEqual(['Ava', 'Chris', 'Ava'])
    expect(s.requests.map((r) => [r.method, r.path, r.operation, r.status, r.headers.contactcenterid])).toEqual([
      ['POST', '/api/v2/chats', 'RequestChat', 200, 'demo'],
      ['POST', `/api/v2/chats/${id}`, 'SendMessage', 200, 'demo'],
      ['GET', `/api/v2/chats/${id}/messages`, 'GetMessages', 200, 'demo'],
    ])
  })

  it('serves both path families and takes paths relative to a base URL with a prefix', async () => {
    const s = sim({ baseUrl: 'https://gws.example.test/genesys/', scenario: QUIET })
    expect(s.url).toBe('https://gws.example.test/genesys')
    const c = client(s)
    const id = await c.requestChat()
    expect((await c.json('GET', `/api/v2/me/chat/${id}`)).chat.id).toBe(id)
    expect((await c.json('GET', `/api/v2/chats/${id}`)).chat.state).toBe('WaitingForAgent')
    expect(s.requests.map((r) => r.path)).toEqual(['/api/v2/chats', `/api/v2/me/chat/${id}`, `/api/v2/chats/${id}`])
    // A path that only starts with the same letters is not under the prefix.
    expect((await c.send('GET', `x/api/v2/chats/${id}`)).status).toBe(404)
  })

  it('answers the same error envelopes: missing ContactCenterId, unknown chat, bad JSON', async () => {
    const s = sim({ scenario: QUIET })
    const none = client(s, {})
    const r = await none.send('POST', '/api/v2/chats', { operationName: 'RequestChat', nickname: 'A', subject: 'B' })
    expect(r.status).toBe(400)
    expect(((await r.json()) as any).statusMessage).toMatch(/ContactCenterId/)
    const c = client(s)
    const gone = await c.send('GET', '/api/v2/chats/nope')
    expect([gone.status, ((await gone.json()) as any).statusCode]).toEqual([404, 6])
    const bad = await c.send('POST', '/api/v2/chats', '{"operationName":')
    expect(bad.status).toBe(400)
    expect((await c.send('GET', '/elsewhere')).status).toBe(404)
  })

  it('refuses a body over maxBodyBytes with 413 and applies nothing, by Content-Length or by streamed size', async () => {
    const s = sim({ scenario: QUIET, maxBodyBytes: 100 })
    const c = client(s)
    const big = JSON.stringify({ operationName: 'RequestChat', nickname: 'x'.repeat(500), subject: 'B' })
    const r = await c.send('POST', '/api/v2/chats', big)
    expect(r.status).toBe(413)
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode('x'.repeat(50)))
        controller.close()
      },
    })
    const streamed = await s.handle(new Request(`${BASE}/api/v2/chats`, { method: 'POST', headers: { ContactCenterId: 'demo' }, body: stream, duplex: 'half' } as RequestInit))
    expect(streamed.status).toBe(413)
    expect(s.chats()).toEqual([])
    expect(s.requests.map((e) => [e.status, e.bodyTruncated])).toEqual([
      [413, true],
      [413, true],
    ])
  })

  it('sends CORS headers to an allowed origin and none to another one', async () => {
    const s = sim({ scenario: QUIET, allowedOrigins: ['https://shop.example.test'] })
    const ok = await client(s, { ContactCenterId: 'demo', Origin: 'https://shop.example.test' }).send('GET', '/api/v2/chats/x')
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example.test')
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    const other = await client(s, { ContactCenterId: 'demo', Origin: 'https://evil.example.test' }).send('GET', '/api/v2/chats/x')
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
    const preflight = await s.handle(new Request(`${BASE}/api/v2/chats`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example.test' } }))
    expect([preflight.status, preflight.headers.get('access-control-allow-headers')]).toEqual([204, expect.stringContaining('ContactCenterId')])
  })

  it('injects faults: http-error, rate-limit, malformed JSON, and drops as network errors', async () => {
    const s = sim({ scenario: QUIET })
    const c = client(s)
    const id = await c.requestChat()
    s.addFault({ kind: 'http-error', operation: 'GetChat', times: 1 })
    expect((await c.send('GET', `/api/v2/chats/${id}`)).status).toBe(503)
    s.addFault({ kind: 'rate-limit', operation: 'GetChat', times: 1, retryAfterSeconds: 7 })
    expect((await c.send('GET', `/api/v2/chats/${id}`)).headers.get('retry-after')).toBe('7')
    s.addFault({ kind: 'malformed-json', operation: 'GetChat', times: 1 })
    await expect((await c.send('GET', `/api/v2/chats/${id}`)).json()).rejects.toThrow()
    s.addFault({ kind: 'drop-after-apply', operation: 'SendMessage', times: 1 })
    const dropped = await c.send('POST', `/api/v2/chats/${id}`, { operationName: 'SendMessage', text: 'applied, answer lost' })
    expect(dropped.type).toBe('error')
    expect(s.chat(id)?.transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual(['applied, answer lost'])
    expect(s.requests.slice(1).map((r) => [r.fault, r.status])).toEqual([
      ['http-error', 503],
      ['rate-limit', 429],
      ['malformed-json', 200],
      ['drop-after-apply', 0],
    ])
    expect(s.faults()).toHaveLength(4)
    s.clearFaults()
    expect((await c.send('GET', `/api/v2/chats/${id}`)).status).toBe(200)
  })

  it('holds a stalled request until it is aborted, and answers every stalled one with a network error on close', async () => {
    const s = sim({ scenario: QUIET, faults: [{ kind: 'stall', operation: 'GetChat' }] })
    const c = client(s)
    const id = await c.requestChat()
    const abort = new AbortController()
    let settled = false
    const first = c.send('GET', `/api/v2/chats/${id}`, undefined, {}, abort.signal).then((r) => {
      settled = true
      return r
    })
    await new Promise((resolve) => setTimeout(resolve, 30))
    expect(settled).toBe(false)
    abort.abort()
    expect((await first).type).toBe('error')
    const second = c.send('GET', `/api/v2/chats/${id}`)
    await s.close()
    expect((await second).type).toBe('error')
    expect((await c.send('GET', '/api/v2/chats/x')).type).toBe('error')
  })

  it('applies latency faults scaled by timeScale', async () => {
    const s = sim({ scenario: QUIET, timeScale: 0.01, faults: [{ kind: 'latency', latencyMs: 5_000 }] })
    const t0 = Date.now()
    await client(s).send('GET', '/api/v2/chats/x')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(45)
    expect(s.requests[0]).toMatchObject({ fault: 'latency', status: 404 })
  })

  it('ends a chat nobody polls after disconnectTimeoutMs, as the server does', async () => {
    const s = sim({ scenario: QUIET, timeScale: 0.001 })
    const c = client(s)
    const id = await c.requestChat()
    await s.waitFor((x) => x.chat(id)?.endedBy === 'timeout', 2_000)
    expect((await c.json('GET', `/api/v2/chats/${id}`)).chat.state).toBe('Idle')
  })

  it('serves the control API under /__sim/ and drives the agent through it', async () => {
    const s = sim({ scenario: QUIET })
    const id = await client(s).requestChat()
    const control = (method: string, path: string, body?: unknown) =>
      s.handle(new Request(`${BASE}/__sim${path}`, { method, headers: { 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }))
    expect(((await (await control('GET', '/health')).json()) as any).url).toBe(BASE)
    expect((await control('POST', `/chats/${id}/agent`, { action: 'join', nickname: 'Zoe' })).status).toBe(200)
    s.agent(id).say('Hello from Zoe')
    expect(s.chat(id)?.transcript.at(-1)).toMatchObject({ type: 'Text', text: 'Hello from Zoe', from: { nickname: 'Zoe' } })
    expect(((await (await control('GET', '/requests')).json()) as any[]).map((r) => r.operation)).toEqual(['RequestChat'])
    expect((await control('PUT', '/faults', [{ kind: 'nonsense' }])).status).toBe(400)
  })

  it('answers 404 to another origin and to a path outside the base path, serves nothing there and logs nothing', async () => {
    const s = sim({ baseUrl: 'https://gws.example.test/genesys', scenario: QUIET })
    const request = (url: string) =>
      s.handle(new Request(url, { method: 'POST', headers: { ContactCenterId: 'demo', 'Content-Type': 'application/json' }, body: JSON.stringify({ operationName: 'RequestChat', nickname: 'A', subject: 'B' }) }))
    for (const url of ['https://other.example.test/genesys/api/v2/chats', 'http://gws.example.test/genesys/api/v2/chats', 'https://gws.example.test/api/v2/chats', 'https://gws.example.test/__sim/health']) {
      const response = await request(url)
      expect([url, response.status, await response.text()]).toEqual([url, 404, 'Not found\n'])
    }
    expect([s.chats(), s.requests]).toEqual([[], []])
    expect((await request('https://gws.example.test/genesys/api/v2/chats')).status).toBe(200)
    expect(s.chats()).toHaveLength(1)
  })

  it('close() cancels the timer of a request held by a latency fault and answers it with a network error; nothing fires after', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const s = sim({ faults: [{ kind: 'latency', latencyMs: 60_000, operation: 'GetChat' }] })
      const c = client(s)
      const id = await c.requestChat()
      // The chat's own timers (the friendly agent's join, the server timeouts), and now the held GetChat.
      const chatTimers = vi.getTimerCount()
      const held = c.send('GET', `/api/v2/chats/${id}`)
      await vi.advanceTimersByTimeAsync(0)
      expect(vi.getTimerCount()).toBe(chatTimers + 1)
      await s.close()
      expect(vi.getTimerCount()).toBe(0)
      expect((await held).type).toBe('error')
      expect(s.requests.at(-1)).toMatchObject({ operation: 'GetChat', fault: 'latency', status: 0 })
    } finally {
      vi.useRealTimers()
    }
  })

  it('after close() the controller refuses changes and schedules nothing, even through an agent handle taken before', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const s = sim({ scenario: QUIET })
      const id = await client(s).requestChat()
      const agent = s.agent(id)
      await s.close()
      expect(() => s.agent(id)).toThrow(/closed/)
      expect(() => s.setScenario('friendly')).toThrow(/closed/)
      expect(() => s.addFault({ kind: 'latency', latencyMs: 10 })).toThrow(/closed/)
      expect(() => s.setFaults([])).toThrow(/closed/)
      expect(() => agent.join('Zoe')).toThrow(/closed/)
      expect(() => agent.say('Still there?')).toThrow(/closed/)
      expect(() => agent.end('Bye')).toThrow(/closed/)
      expect(vi.getTimerCount()).toBe(0)
      await vi.advanceTimersByTimeAsync(600_000)
      expect(s.chat(id)?.transcript.filter((e) => e.type === 'Text')).toEqual([])
      expect(s.requests).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses a base URL that is not absolute', () => {
    expect(() => createSimulatorHandler({ baseUrl: '/relative' })).toThrow(/absolute URL/)
  })
})
