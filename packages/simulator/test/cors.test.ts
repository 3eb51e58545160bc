import { describe, expect, it } from 'vitest'
import { createOriginMatcher } from '../src/cors.js'
import { QUIET, client, start } from './helpers.js'

const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,contactcenterid' },
  })

describe('CORS', () => {
  it('answers an allowed preflight with 204 and the GWS headers, echoing the origin', async () => {
    const sim = await start()
    const res = await preflight(`${sim.url}/api/v2/chats`, 'http://localhost:5173')
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173')
    expect(res.headers.get('access-control-allow-credentials')).toBe('true')
    expect(res.headers.get('access-control-allow-methods')).toBe('GET,POST,PUT,DELETE,OPTIONS')
    expect(res.headers.get('access-control-allow-headers')).toBe(
      'X-Requested-With,Content-Type,Accept,Origin,Cookie,authorization,ssid,surl,ContactCenterId',
    )
    expect(res.headers.get('access-control-max-age')).toBe('1800')
    expect(res.headers.get('vary')).toBe('Origin')
    expect(sim.requests.at(-1)).toMatchObject({ method: 'OPTIONS', status: 204 })
  })

  it('sends no CORS headers for a disallowed origin', async () => {
    const sim = await start()
    const res = await preflight(`${sim.url}/api/v2/chats`, 'https://evil.example')
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
    const actual = await client(sim).post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'a', subject: 'b' }, { Origin: 'https://evil.example' })
    expect(actual.body.statusCode).toBe(0)
    expect(actual.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('puts Allow-Origin and Allow-Credentials on actual responses, errors included, never *', async () => {
    const sim = await start({ allowedOrigins: ['https://*.example.com'], scenario: QUIET })
    const c = client(sim)
    const ok = await c.post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'a', subject: 'b' }, { Origin: 'https://shop.example.com' })
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example.com')
    expect(ok.headers.get('access-control-allow-credentials')).toBe('true')
    const err = await c.get('/api/v2/chats/nope', { Origin: 'https://shop.example.com' })
    expect(err.status).toBe(404)
    expect(err.headers.get('access-control-allow-origin')).toBe('https://shop.example.com')
    const denied = await preflight(`${sim.url}/api/v2/chats`, 'http://localhost:3000')
    expect(denied.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('serves requests without an Origin header (Node clients) normally', async () => {
    const sim = await start({ allowedOrigins: ['https://only.example'] })
    const r = await client(sim).post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'a', subject: 'b' })
    expect(r.body.statusCode).toBe(0)
    expect(r.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('keeps the control API closed to other origins (see control-security.test.ts)', async () => {
    const sim = await start()
    const pre = await preflight(`${sim.url}/__sim/faults`, 'https://tool.example')
    expect(pre.status).toBe(403)
    expect(pre.headers.get('access-control-allow-origin')).toBeNull()
    const res = await fetch(`${sim.url}/__sim/health`, { headers: { Origin: 'https://tool.example' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('createOriginMatcher', () => {
  it('matches exact origins and wildcards', () => {
    const match = createOriginMatcher(['http://localhost:*', 'https://*.example.com', 'https://app.test'])
    expect(match('http://localhost:5173')).toBe(true)
    expect(match('http://localhost')).toBe(true)
    expect(match('http://localhost.evil.com')).toBe(false)
    expect(match('https://localhost:5173')).toBe(false)
    expect(match('https://a.b.example.com')).toBe(true)
    expect(match('https://example.com')).toBe(false)
    expect(match('https://example.com.evil.net')).toBe(false)
    expect(match('https://app.test')).toBe(true)
    expect(match('https://app.test:8443')).toBe(false)
  })
})
