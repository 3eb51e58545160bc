import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createNodeHttpAdapter } from './http'

let server: Server
let url = ''
const seen: { method: string | undefined; headers: Record<string, unknown>; body: string; socket: number }[] = []
const sockets = new Map<unknown, number>()

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (c) => (body += c))
    req.on('end', () => {
      if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size)
      seen.push({ method: req.method, headers: req.headers, body, socket: sockets.get(req.socket)! })
      if (req.url === '/big') return res.end('x'.repeat(2000))
      if (req.url === '/hang') return
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
})
