import { createChat, createFetchAdapter, type Chat, type ChatSnapshot, type PathFamily } from '@gws-chat/core'
import { startSimulator, type FaultRule, type RequestLogEntry, type SimulatorOptions } from '@gws-chat/simulator'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createSimulatorHandlers } from '../src/msw'

/**
 * The simulator as msw handlers, against the real engine with its fetch adapter: the same
 * scenario gives the same transcript and the same requests as over the simulator's HTTP server.
 */

const BASE_URL = 'https://gws.example.test'
const GREETING = "Hi, I'm Ava. How can I help?"
const FAST: SimulatorOptions = { timeScale: 0.01, contactCenterIds: ['kit'] }
const POLLING = { intervalMs: 40, activeIntervalMs: 20, easeMs: 60, hiddenIntervalMs: 100, backoffBaseMs: 20, backoffMaxMs: 80 }

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await wait(10)
  }
}

function engine(baseUrl: string, paths: PathFamily = 'chats'): Chat {
  return createChat({ baseUrl, contactCenterId: 'kit', http: createFetchAdapter(), withCredentials: false, paths, polling: POLLING, watchPage: false })
}

const texts = (snapshot: ChatSnapshot) => snapshot.transcript.filter((e) => e.type === 'Text').map((e) => `${e.from.nickname}: ${e.text}`)
const rows = (snapshot: ChatSnapshot) => snapshot.transcript.map((e) => [e.index, e.type, e.from.nickname, e.text ?? e.url ?? null])

/** What a request is, leaving out what differs by transport (timing, ids of the log, headers Node's HTTP stack adds). */
const HEADERS = ['contactcenterid', 'content-type']
const shape = (r: RequestLogEntry) => ({ method: r.method, path: r.path, operation: r.operation, status: r.status, fault: r.fault, body: r.body, headers: Object.fromEntries(HEADERS.map((h) => [h, r.headers[h]])) })
const READS = new Set(['GetChat', 'GetMessages'])

interface Run {
  snapshot: ChatSnapshot
  /** Every request but the polls, in order. */
  writes: ReturnType<typeof shape>[]
  /** The distinct polls. */
  reads: string[]
  /** Header names the engine set on msw requests (only the client's headers there). */
  all: RequestLogEntry[]
}

/** One visit: start, see the greeting, send, see the answer, end. */
async function visit(baseUrl: string, requests: () => RequestLogEntry[], paths: PathFamily): Promise<Run> {
  const chat = engine(baseUrl, paths)
  try {
    chat.start({ nickname: 'Chris', subject: 'Billing' })
    await until(() => chat.getSnapshot().status === 'connected' && texts(chat.getSnapshot()).includes(`Ava: ${GREETING}`), 'the greeting')
    chat.send('Where is my parcel?')
    await until(() => texts(chat.getSnapshot()).includes('Ava: You said: Where is my parcel?'), 'the answer')
    chat.end()
    await until(() => chat.getSnapshot().status === 'ended', 'the end')
    await wait(50)
    const all = requests()
    return {
      snapshot: chat.getSnapshot(),
      writes: all.filter((r) => !READS.has(r.operation ?? '')).map(shape),
      reads: [...new Set(all.filter((r) => READS.has(r.operation ?? '')).map((r) => `${r.method} ${r.path} ${r.status} ${r.headers.contactcenterid}`))].sort(),
      all,
    }
  } finally {
    chat.destroy()
  }
}

async function overMsw(paths: PathFamily, options: SimulatorOptions & { faults?: FaultRule[] } = {}): Promise<Run> {
  const sim = createSimulatorHandlers({ baseUrl: BASE_URL, ...FAST, ...options })
  server.use(...sim.handlers)
  try {
    return await visit(BASE_URL, () => sim.requests, paths)
  } finally {
    await sim.close()
  }
}

async function overHttp(paths: PathFamily, options: SimulatorOptions & { faults?: FaultRule[] } = {}): Promise<Run> {
  const sim = await startSimulator({ ...FAST, ...options })
  try {
    return await visit(sim.url, () => sim.requests, paths)
  } finally {
    await sim.close()
  }
}

describe('createSimulatorHandlers with setupServer', () => {
  it('with the default options a chat reaches connected and gets the scripted greeting', async () => {
    const sim = createSimulatorHandlers({ baseUrl: BASE_URL, contactCenterIds: ['kit'], timeScale: 0.01 })
    server.use(...sim.handlers)
    const chat = engine(BASE_URL)
    try {
      chat.start({ nickname: 'Chris', subject: 'Billing' })
      await until(() => texts(chat.getSnapshot()).includes(`Ava: ${GREETING}`), 'the greeting')
      expect(chat.getSnapshot().status).toBe('connected')
      const id = chat.getSnapshot().chatId as string
      expect(sim.chats().map((c) => c.id)).toEqual([id])
      expect(sim.chat(id)?.state).toBe('Chatting')
      expect(sim.requests[0]).toMatchObject({ method: 'POST', path: '/api/v2/chats', operation: 'RequestChat', status: 200, headers: { contactcenterid: 'kit' } })

      // The controller is a started simulator's: the agent speaks, the visitor sees it.
      sim.agent(id).say('One moment, please.')
      await until(() => texts(chat.getSnapshot()).includes('Ava: One moment, please.'), 'the agent line')
      await sim.waitFor((s) => s.requests.some((r) => r.operation === 'GetMessages' && r.status === 200))
    } finally {
      chat.destroy()
      await sim.close()
    }
  })

  for (const paths of ['chats', 'me-chat'] as const) {
    it(`gives the same transcript and the same requests as the HTTP server (${paths} paths)`, async () => {
      const viaMsw = await overMsw(paths)
      const viaHttp = await overHttp(paths)
      expect(texts(viaMsw.snapshot)).toEqual([`Ava: ${GREETING}`, 'Chris: Where is my parcel?', 'Ava: You said: Where is my parcel?'])
      expect(rows(viaMsw.snapshot)).toEqual(rows(viaHttp.snapshot))
      expect(viaMsw.snapshot.endReason).toBe('customer')
      expect(viaHttp.snapshot.endReason).toBe('customer')
      // The same seed gives the same chat id, so the paths are equal too.
      expect(viaMsw.snapshot.chatId).toBe(viaHttp.snapshot.chatId)
      expect(viaMsw.writes.map((w) => w.operation)).toEqual(['RequestChat', 'SendMessage', 'Complete'])
      expect(viaMsw.writes).toEqual(viaHttp.writes)
      expect(viaMsw.reads).toEqual(viaHttp.reads)
      const family = paths === 'chats' ? `/api/v2/chats/${viaMsw.snapshot.chatId}` : `/api/v2/me/chat/${viaMsw.snapshot.chatId}`
      expect(viaMsw.writes.slice(1).map((w) => w.path)).toEqual([family, family])
      // Every header the engine sets arrives the same way over HTTP.
      for (const [i, request] of viaMsw.all.slice(0, 3).entries()) expect(viaHttp.all[i]?.headers).toMatchObject(request.headers)
    })
  }

  it('an answer lost after the server applied SendMessage is recovered the same way over msw and over HTTP', async () => {
    const faults: FaultRule[] = [{ kind: 'drop-after-apply', operation: 'SendMessage', times: 1 }]
    const viaMsw = await overMsw('chats', { faults })
    const viaHttp = await overHttp('chats', { faults })
    expect(viaMsw.all.find((r) => r.operation === 'SendMessage')).toMatchObject({ fault: 'drop-after-apply', status: 0 })
    // Sent once, shown once: the engine saw the message in the transcript instead of sending it again.
    expect(texts(viaMsw.snapshot).filter((t) => t === 'Chris: Where is my parcel?')).toHaveLength(1)
    expect(rows(viaMsw.snapshot)).toEqual(rows(viaHttp.snapshot))
    expect(viaMsw.writes).toEqual(viaHttp.writes)
  })

  it('a fault added through the msw controller surfaces as the same engine error as over HTTP', async () => {
    const fault: FaultRule = { kind: 'wrong-body', operation: 'RequestChat' }
    const failOnce = async (run: () => Promise<{ chat: Chat; close: () => Promise<void> }>) => {
      const { chat, close } = await run()
      try {
        chat.start({ nickname: 'Chris', subject: 'Billing' })
        await until(() => chat.getSnapshot().status === 'error', 'the error')
        return chat.getSnapshot().error
      } finally {
        chat.destroy()
        await close()
      }
    }
    const viaMsw = await failOnce(async () => {
      const sim = createSimulatorHandlers({ baseUrl: BASE_URL, ...FAST })
      sim.addFault(fault)
      server.use(...sim.handlers)
      return { chat: engine(BASE_URL), close: () => sim.close() }
    })
    const viaHttp = await failOnce(async () => {
      const sim = await startSimulator(FAST)
      sim.addFault(fault)
      return { chat: engine(sim.url), close: () => sim.close() }
    })
    expect(viaMsw?.code).toBeTruthy()
    expect(viaMsw?.code).toBe(viaHttp?.code)
  })

  it('a dropped request is a network error to the engine; reset() starts over from the options', async () => {
    const sim = createSimulatorHandlers({ baseUrl: BASE_URL, ...FAST, scenario: 'silent' })
    server.use(...sim.handlers)
    sim.addFault({ kind: 'drop-before-apply', operation: 'RequestChat' })
    const response = await fetch(`${BASE_URL}/api/v2/chats`, { method: 'POST', headers: { ContactCenterId: 'kit', 'Content-Type': 'application/json' }, body: '{}' }).catch((error: unknown) => error)
    expect(response).toBeInstanceOf(TypeError)
    expect(sim.requests).toHaveLength(1)
    sim.reset()
    expect([sim.requests, sim.faults(), sim.chats()]).toEqual([[], [], []])
    const again = await fetch(`${BASE_URL}/api/v2/chats`, {
      method: 'POST',
      headers: { ContactCenterId: 'kit', 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RequestChat', nickname: 'A', subject: 'B' }),
    })
    expect(((await again.json()) as { statusCode: number }).statusCode).toBe(0)
    await sim.close()
  })

  describe('answers only the simulator routes of its origin', () => {
    // The app's own origin, a real server: what msw lets through arrives here.
    let app: Server
    let origin = ''
    const reached: string[] = []
    beforeAll(async () => {
      app = createServer((req, res) => {
        reached.push(`${req.method} ${req.url}`)
        res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Shop</title>')
      })
      await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve))
      origin = `http://127.0.0.1:${(app.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => app.close(() => resolve())))
    afterEach(() => {
      reached.length = 0
    })

    it("a team's own handler on the same origin still answers, and the app's own pages pass through to the network", async () => {
      const sim = createSimulatorHandlers({ baseUrl: origin, ...FAST, scenario: 'silent' })
      // The team's handler comes after the simulator's: it must not be shadowed.
      server.use(...sim.handlers, http.get(`${origin}/config.json`, () => HttpResponse.json({ theme: 'dark' })))
      try {
        expect(await (await fetch(`${origin}/config.json`)).json()).toEqual({ theme: 'dark' })
        const page = await fetch(`${origin}/index.html`)
        expect([page.status, await page.text()]).toEqual([200, '<!doctype html><title>Shop</title>'])
        const script = await fetch(`${origin}/assets/app.js`)
        expect(script.status).toBe(200)
        expect(reached).toEqual(['GET /index.html', 'GET /assets/app.js'])
        // The simulator's own routes are still its: the API and the control API.
        const started = await fetch(`${origin}/api/v2/chats`, {
          method: 'POST',
          headers: { ContactCenterId: 'kit', 'Content-Type': 'application/json' },
          body: JSON.stringify({ operationName: 'RequestChat', nickname: 'A', subject: 'B' }),
        })
        expect(((await started.json()) as { statusCode: number }).statusCode).toBe(0)
        expect(((await (await fetch(`${origin}/__sim/health`)).json()) as { url: string }).url).toBe(origin)
        expect(reached).toHaveLength(2)
        expect(sim.requests.map((r) => r.path)).toEqual(['/api/v2/chats'])
      } finally {
        await sim.close()
      }
    })

    it('with a base path, only the API under that path is the simulator\'s', async () => {
      const sim = createSimulatorHandlers({ baseUrl: `${origin}/genesys`, ...FAST, scenario: 'silent' })
      server.use(...sim.handlers)
      try {
        const request = (url: string) =>
          fetch(url, { method: 'POST', headers: { ContactCenterId: 'kit', 'Content-Type': 'application/json' }, body: JSON.stringify({ operationName: 'RequestChat', nickname: 'A', subject: 'B' }) })
        expect((await request(`${origin}/api/v2/chats`)).headers.get('content-type')).toBe('text/html')
        expect(((await (await request(`${origin}/genesys/api/v2/chats`)).json()) as { statusCode: number }).statusCode).toBe(0)
        expect((await fetch(`${origin}/genesys/`)).status).toBe(200)
        expect(reached).toEqual(['POST /api/v2/chats', 'GET /genesys/'])
        expect(sim.requests.map((r) => r.path)).toEqual(['/api/v2/chats'])
      } finally {
        await sim.close()
      }
    })
  })

  it('reset() answers a request still held by a latency fault with a network error at once', async () => {
    const sim = createSimulatorHandlers({ baseUrl: BASE_URL, contactCenterIds: ['kit'], scenario: 'silent', faults: [{ kind: 'latency', latencyMs: 30_000 }] })
    server.use(...sim.handlers)
    const t0 = Date.now()
    const held = fetch(`${BASE_URL}/api/v2/chats/nope`, { headers: { ContactCenterId: 'kit' } }).catch((error: unknown) => error)
    await wait(30)
    sim.reset()
    expect(await held).toBeInstanceOf(TypeError)
    expect(Date.now() - t0).toBeLessThan(5_000)
    await sim.close()
  })
})
