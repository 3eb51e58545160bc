import { getEventListeners } from 'node:events'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeHttpAdapter } from './http'

let server: Server
let url = ''
const seen: { method: string | undefined; url: string | undefined; headers: Record<string, unknown>; body: string; socket: number }[] = []
const sockets = new Map<unknown, number>()

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size)
      seen.push({ method: req.method, url: req.url, headers: req.headers, body, socket: sockets.get(req.socket)! })
      if (req.url === '/big') return res.end('x'.repeat(2000))
      if (req.url === '/hang') return
      if (req.url === '/slow') return setTimeout(() => res.end('{}'), 100)
      if (req.url === '/chunks') {
        // "é" split between two chunks, and a header list with odd cases and repeats.
        res.writeHead(200, ['Content-Type', 'text/plain', 'RETRY-AFTER', '5', 'retry-after', '9', 'Content-Length', '4'])
        const bytes = Buffer.from('aéb')
        res.write(bytes.subarray(0, 2))
        return setTimeout(() => res.end(bytes.subarray(2)), 20)
      }
      res.writeHead(req.url === '/busy' ? 429 : 200, { 'content-type': 'application/json', 'retry-after': '2', 'x-other': 'dropped' })
      res.end(JSON.stringify({ statusCode: 0 }))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('createNodeHttpAdapter', () => {
  it('sends method, headers and body, answers any status with the headers the engine reads, and keeps the connection alive', async () => {
    const http = createNodeHttpAdapter()
    const signal = new AbortController().signal
    const answer = await http({ method: 'POST', url: `${url}/api/v2/chats`, headers: { ContactCenterId: 'cc', 'Content-Type': 'application/json' }, body: '{"a":"é"}', signal, withCredentials: false })
    expect(answer).toEqual({ status: 200, headers: { 'content-type': 'application/json', 'retry-after': '2' }, body: '{"statusCode":0}' })
    expect((await http({ method: 'GET', url: `${url}/busy`, headers: {}, signal, withCredentials: false })).status).toBe(429)
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{"a":"é"}', headers: { contactcenterid: 'cc' } })
    expect(seen[1]!.socket, 'one socket for both requests').toBe(seen[0]!.socket)
  })

  it('rejects on abort, on an answer over the size limit, and on a refused connection', async () => {
    const http = createNodeHttpAdapter({ maxBodyBytes: 1000 })
    const controller = new AbortController()
    const hanging = http({ method: 'GET', url: `${url}/hang`, headers: {}, signal: controller.signal, withCredentials: false })
    controller.abort()
    await expect(hanging).rejects.toThrow()
    await expect(http({ method: 'GET', url: `${url}/big`, headers: {}, signal: new AbortController().signal, withCredentials: false })).rejects.toThrow('larger than 1000')
    await expect(http({ method: 'GET', url: 'http://127.0.0.1:1/', headers: {}, signal: new AbortController().signal, withCredentials: false })).rejects.toThrow()
  })

  it('sends the path and query as the URL parser reads them, fast path or not', async () => {
    const http = createNodeHttpAdapter()
    const signal = new AbortController().signal
    const port = url.slice(url.lastIndexOf(':') + 1)
    const cases: [string, string][] = [
      [`${url}/api/v2/chats/c1/messages?index=3`, '/api/v2/chats/c1/messages?index=3'],
      [`${url}/a/../b`, '/b'],
      [`${url}/a/%2E%2e/b`, '/b'],
      [`${url}/a/./b/.`, '/a/b/'],
      [`${url}/a b?x='y'`, "/a%20b?x=%27y%27"],
      [`${url}/a?i=1#fragment`, '/a?i=1'],
      [`HTTP://127.0.0.1:${port}/Up/Case`, '/Up/Case'],
      [`${url}`, '/'],
      [`http://127.0.0.1:${port}\\back\\slash`, '/back/slash'],
    ]
    const before = seen.length
    for (const [target] of cases) await http({ method: 'GET', url: target, headers: {}, signal, withCredentials: false })
    expect(seen.slice(before).map((r) => r.url)).toEqual(cases.map(([, path]) => path))
    expect(seen.at(-1)?.headers.host).toBe(`127.0.0.1:${port}`)
  })

  it('sends the credentials of a URL as Basic authorization, and rejects what is not http(s)', async () => {
    const http = createNodeHttpAdapter()
    const signal = new AbortController().signal
    await http({ method: 'GET', url: url.replace('//', '//us%20er:p%40ss@') + '/auth', headers: {}, signal, withCredentials: false })
    expect(seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from('us er:p@ss').toString('base64')}`)
    await expect(http({ method: 'GET', url: 'ftp://127.0.0.1/x', headers: {}, signal, withCredentials: false })).rejects.toThrow('unsupported protocol ftp:')
    await expect(http({ method: 'GET', url: 'not a url', headers: {}, signal, withCredentials: false })).rejects.toThrow()
  })

  it('joins a body read in chunks, keeps the first of repeated headers, and leaves no listener on the signal', async () => {
    const http = createNodeHttpAdapter()
    const signal = new AbortController().signal
    const answer = await http({ method: 'GET', url: `${url}/chunks`, headers: {}, signal, withCredentials: false })
    expect(answer).toEqual({ status: 200, headers: { 'content-type': 'text/plain', 'retry-after': '5' }, body: 'aéb' })
    await expect(http({ method: 'GET', url: `${url}/big`, headers: {}, signal, withCredentials: false })).resolves.toMatchObject({ status: 200 })
    expect(getEventListeners(signal, 'abort')).toHaveLength(0)
  })

  it('sends nothing for a signal already aborted, and rejects with its reason', async () => {
    const http = createNodeHttpAdapter()
    const controller = new AbortController()
    controller.abort(new Error('gone'))
    const before = seen.length
    await expect(http({ method: 'GET', url: `${url}/x`, headers: {}, signal: controller.signal, withCredentials: false })).rejects.toThrow('gone')
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(seen.length).toBe(before)
  })

  it('opens up to 64 sockets per origin by default (a burst is not queued behind a few), or as many as asked', async () => {
    const burst = async (http: ReturnType<typeof createNodeHttpAdapter>, requests: number) => {
      const before = seen.length
      await Promise.all(
        Array.from({ length: requests }, () => http({ method: 'GET', url: `${url}/slow`, headers: {}, signal: new AbortController().signal, withCredentials: false })),
      )
      return new Set(seen.slice(before).map((r) => r.socket)).size
    }
    expect(await burst(createNodeHttpAdapter(), 100)).toBe(64)
    expect(await burst(createNodeHttpAdapter({ maxSockets: 4 }), 12)).toBe(4)
  })
})
