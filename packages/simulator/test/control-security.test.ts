import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { startSimulator } from '../src/index.js'
import { QUIET, client, start } from './helpers.js'

const EVIL = 'https://evil.example'

/** A raw request, so tests can set Host and Content-Type freely (fetch fills some in). */
function raw(url: string, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  const target = new URL(options.path, url)
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }>((resolve, reject) => {
    const req = request(target, { method: options.method ?? 'GET', headers: options.headers ?? {} }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        let body: unknown = text
        try {
          body = JSON.parse(text)
        } catch {
          // keep the text
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
      })
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

describe('control API: who may call it', () => {
  it('refuses a cross-origin read of the request log: 403, an error, no CORS headers, no log', async () => {
    const sim = await start({ scenario: QUIET })
    await client(sim).requestChat()
    const res = await fetch(`${sim.url}/__sim/requests`, { headers: { Origin: EVIL, Cookie: 'session=1' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    expect(res.headers.get('access-control-allow-credentials')).toBeNull()
    const body = (await res.json()) as { error: string }
    expect(body.error).toMatch(/refuses requests from origin https:\/\/evil\.example/)
    expect(JSON.stringify(body)).not.toContain('RequestChat')
  })

  it('refuses cross-origin preflights and writes, and changes nothing', async () => {
    const sim = await start()
    const pre = await fetch(`${sim.url}/__sim/faults`, {
      method: 'OPTIONS',
      headers: { Origin: EVIL, 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    })
    expect(pre.status).toBe(403)
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    expect(pre.headers.get('access-control-allow-methods')).toBeNull()
    // A "simple" request: what a hostile page can send without a preflight.
    const simple = await fetch(`${sim.url}/__sim/faults`, { method: 'POST', headers: { Origin: EVIL, 'Content-Type': 'text/plain' }, body: '{"kind":"stall"}' })
    expect(simple.status).toBe(403)
    const json = await fetch(`${sim.url}/__sim/scenario`, { method: 'PUT', headers: { Origin: EVIL, 'Content-Type': 'application/json' }, body: '"never"' })
    expect(json.status).toBe(403)
    expect(sim.faults()).toEqual([])
  })

  it('accepts JSON bodies only (415 otherwise), also from tools without Origin', async () => {
    const sim = await start()
    const plain = await raw(sim.url, { method: 'POST', path: '/__sim/faults', headers: { 'Content-Type': 'text/plain' }, body: '{"kind":"stall"}' })
    expect(plain.status).toBe(415)
    expect(plain.body.error).toMatch(/Content-Type: application\/json/)
    const form = await raw(sim.url, { method: 'PUT', path: '/__sim/faults', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'kind=stall' })
    expect(form.status).toBe(415)
    const none = await raw(sim.url, { method: 'POST', path: '/__sim/faults', body: '{"kind":"stall"}' })
    expect(none.status).toBe(415)
    expect(sim.faults()).toEqual([])
    const ok = await raw(sim.url, { method: 'POST', path: '/__sim/faults', headers: { 'Content-Type': 'Application/JSON; charset=utf-8' }, body: '{"kind":"stall"}' })
    expect(ok.status).toBe(200)
    expect(sim.faults()).toEqual([{ kind: 'stall' }])
    // GET and DELETE carry no body and need no Content-Type.
    expect((await raw(sim.url, { method: 'DELETE', path: '/__sim/faults' })).status).toBe(200)
  })

  it("serves requests without Origin and from the simulator's own origin", async () => {
    const sim = await start()
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200)
    for (const own of [sim.url, `http://localhost:${sim.port}`]) {
      const res = await fetch(`${sim.url}/__sim/health`, { headers: { Origin: own } })
      expect(res.status, own).toBe(200)
      expect(res.headers.get('access-control-allow-origin')).toBe(own)
    }
    // Same host, other port: another origin.
    expect((await fetch(`${sim.url}/__sim/health`, { headers: { Origin: `http://127.0.0.1:${sim.port + 1}` } })).status).toBe(403)
    expect((await fetch(`${sim.url}/__sim/health`, { headers: { Origin: 'null' } })).status).toBe(403)
  })

  it('opens the control API to the origins in controlOrigins, preflights included', async () => {
    const sim = await start({ controlOrigins: ['http://localhost:5173', 'https://*.tools.test'] })
    const pre = await fetch(`${sim.url}/__sim/faults`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type' },
    })
    expect(pre.status).toBe(204)
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(pre.headers.get('access-control-allow-headers')).toBe('Content-Type')
    const put = await fetch(`${sim.url}/__sim/faults`, {
      method: 'PUT',
      headers: { Origin: 'https://qa.tools.test', 'Content-Type': 'application/json' },
      body: '[{"kind":"latency","latencyMs":1}]',
    })
    expect(put.status).toBe(200)
    expect(put.headers.get('access-control-allow-origin')).toBe('https://qa.tools.test')
    expect((await fetch(`${sim.url}/__sim/health`, { headers: { Origin: 'http://localhost:3000' } })).status).toBe(403)
    // A plain OPTIONS without Origin is not a preflight and gets nothing.
    expect((await fetch(`${sim.url}/__sim/faults`, { method: 'OPTIONS' })).status).toBe(403)
  })

  it('refuses a Host that is not an address, localhost or a control origin (DNS rebinding)', async () => {
    const sim = await start({ controlOrigins: ['http://sim.dev.test:*'] })
    const rebound = await raw(sim.url, { path: '/__sim/requests', headers: { Host: `evil.example:${sim.port}` } })
    expect(rebound.status).toBe(403)
    expect(rebound.body.error).toMatch(/host evil\.example/)
    // The page of a rebound name is "same origin" for the browser, so Origin matches Host; still refused.
    const sameOrigin = await raw(sim.url, { path: '/__sim/requests', headers: { Host: `evil.example:${sim.port}`, Origin: `http://evil.example:${sim.port}` } })
    expect(sameOrigin.status).toBe(403)
    for (const host of [`127.0.0.1:${sim.port}`, `localhost:${sim.port}`, `[::1]:${sim.port}`, `sim.dev.test:${sim.port}`]) {
      expect((await raw(sim.url, { path: '/__sim/health', headers: { Host: host } })).status, host).toBe(200)
    }
    // The customer API is not affected: it has its own CORS rules.
    expect((await raw(sim.url, { path: '/api/v2/chats/x', headers: { Host: 'evil.example', ContactCenterId: 'demo' } })).status).toBe(404)
  })

  it('binds the loopback interface unless told otherwise', async () => {
    const sim = await startSimulator()
    try {
      expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
    } finally {
      await sim.close()
    }
  })
})
