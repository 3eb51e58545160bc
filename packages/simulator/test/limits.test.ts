import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { QUIET, client, start } from './helpers.js'

/** POSTs `size` bytes, streamed in chunks, with or without a Content-Length; resolves the status and body of the answer. */
function postBytes(url: string, path: string, size: number, options: { chunked?: boolean; headers?: Record<string, string> } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ContactCenterId: 'demo', ...options.headers }
    if (!options.chunked) headers['Content-Length'] = String(size)
    const req = request(new URL(path, url), { method: 'POST', headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    const chunk = Buffer.alloc(16 * 1024, 'a')
    let left = size
    const pump = (): void => {
      while (left > 0) {
        const piece = chunk.subarray(0, Math.min(chunk.length, left))
        left -= piece.length
        if (!req.write(piece)) return void req.once('drain', pump)
      }
      req.end()
    }
    pump()
  })
}

describe('request body limit', () => {
  it('answers a 1 MB /api body with 413 without applying it, and keeps serving', async () => {
    const sim = await start({ scenario: QUIET })
    const res = await postBytes(sim.url, '/api/v2/chats', 1_000_000)
    expect(res.status).toBe(413)
    expect(JSON.parse(res.body)).toEqual({ statusCode: 1, statusMessage: 'The request body is larger than 65536 bytes' })
    expect(sim.chats()).toEqual([])
    expect(sim.requests).toHaveLength(1)
    expect(sim.requests[0]).toMatchObject({ status: 413, body: '', bodyTruncated: true, path: '/api/v2/chats' })
    expect(sim.requests[0]).not.toHaveProperty('operation')
    await client(sim).requestChat()
    expect(sim.chats()).toHaveLength(1)
  })

  it('counts the bytes of a chunked body too (no Content-Length)', async () => {
    const sim = await start({ scenario: QUIET })
    expect((await postBytes(sim.url, '/api/v2/chats', 1_000_000, { chunked: true })).status).toBe(413)
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200)
  })

  it('applies to the control API and to other paths', async () => {
    const sim = await start()
    const control = await postBytes(sim.url, '/__sim/faults', 1_000_000)
    expect(control.status).toBe(413)
    expect(JSON.parse(control.body)).toEqual({ error: 'The request body is larger than 65536 bytes' })
    expect((await postBytes(sim.url, '/__sim/faults', 1_000_000, { chunked: true })).status).toBe(413)
    expect((await postBytes(sim.url, '/elsewhere', 1_000_000)).status).toBe(413)
    expect(sim.faults()).toEqual([])
  })

  it('reads a body of exactly maxBodyBytes and refuses one byte more', async () => {
    const sim = await start({ scenario: QUIET, maxBodyBytes: 120 })
    const body = (n: number) => {
      const base = JSON.stringify({ operationName: 'RequestChat', nickname: 'Chris', subject: '' })
      return JSON.stringify({ operationName: 'RequestChat', nickname: 'Chris', subject: 'x'.repeat(n - base.length) })
    }
    const c = client(sim)
    expect(Buffer.byteLength(body(120))).toBe(120)
    expect((await c.post('/api/v2/chats', body(120))).body.statusCode).toBe(0)
    expect((await c.post('/api/v2/chats', body(121))).status).toBe(413)
  })
})

describe('request log', () => {
  it('is a ring: it keeps the last maxLogEntries requests', async () => {
    const sim = await start({ maxLogEntries: 10 })
    const c = client(sim)
    for (let i = 0; i < 25; i++) await c.get(`/api/v2/chats/nope-${i}`)
    expect(sim.requests).toHaveLength(10)
    expect(sim.requests.map((r) => r.id)).toEqual([16, 17, 18, 19, 20, 21, 22, 23, 24, 25])
    expect(sim.requests.at(-1)?.path).toBe('/api/v2/chats/nope-24')
    sim.clearRequests()
    await c.get('/api/v2/chats/after')
    expect(sim.requests.map((r) => r.id)).toEqual([26])
  })

  it('stays at its default cap of 1,000 entries', async () => {
    const sim = await start()
    const c = client(sim)
    for (let i = 0; i < 1_050; i += 50) await Promise.all(Array.from({ length: 50 }, (_, j) => c.get(`/api/v2/chats/x${i + j}`)))
    expect(sim.requests).toHaveLength(1_000)
  })

  it('keeps long bodies truncated', async () => {
    const sim = await start({ scenario: QUIET, maxLogBodyBytes: 100 })
    const c = client(sim)
    const id = await c.requestChat()
    expect(sim.requests[0]?.body).toEqual({ operationName: 'RequestChat', nickname: 'Chris', subject: 'Billing' })
    expect(sim.requests[0]).not.toHaveProperty('bodyTruncated')
    const text = 'y'.repeat(10_000)
    expect((await c.op(id, 'SendMessage', { text })).body.statusCode).toBe(0)
    const entry = sim.requests.at(-1)
    expect(entry).toMatchObject({ operation: 'SendMessage', bodyTruncated: true })
    expect(entry?.body).toBe(JSON.stringify({ operationName: 'SendMessage', text }).slice(0, 100))
    // The chat itself has the whole message.
    expect(sim.chat(id)?.transcript.at(-1)?.text).toBe(text)
  })
})

describe('chat limits', () => {
  it('refuses RequestChat beyond maxChats, and has room again once ended chats are purged', async () => {
    const sim = await start({ scenario: QUIET, maxChats: 2, timeScale: 0.001, disconnectTimeoutMs: 20_000 })
    const c = client(sim)
    const first = await c.requestChat()
    await c.requestChat()
    const refused = await c.post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'Chris', subject: 'Billing' })
    expect(refused.status).toBe(503)
    expect(refused.body).toEqual({ statusCode: 3, statusMessage: 'The simulator holds its maximum of 2 chats; end some or raise maxChats' })
    await c.op(first, 'Complete')
    await sim.waitFor(() => sim.chat(first)?.purged === true, 2_000)
    expect(typeof (await c.requestChat())).toBe('string')
  })

  it('releases the transcript of a purged chat and forgets the oldest purged chats', async () => {
    const sim = await start({ scenario: QUIET, maxChats: 2, timeScale: 0.001, disconnectTimeoutMs: 20_000 })
    const c = client(sim)
    const ids: string[] = []
    for (let i = 0; i < 4; i++) {
      const id = await c.requestChat({ userData: { order: i, blob: 'z'.repeat(1_000) } })
      await c.op(id, 'SendMessage', { text: `message ${i}` })
      await c.op(id, 'Complete')
      await sim.waitFor(() => sim.chat(id)?.purged === true, 2_000)
      ids.push(id)
    }
    const last = sim.chat(ids[3] as string)
    expect(last).toMatchObject({ purged: true, ended: true, endedBy: 'customer', transcript: [], participants: [], userData: {} })
    // Only the two most recent tombstones are kept.
    expect(sim.chats().map((chat) => chat.id)).toEqual(ids.slice(2))
    expect(sim.chat(ids[0] as string)).toBeUndefined()
    expect((await c.chat(ids[0] as string)).body.statusCode).toBe(6)
  })

  it('refuses customer entries beyond maxEntriesPerChat, but lets the chat end', async () => {
    const sim = await start({ scenario: QUIET, maxEntriesPerChat: 4 })
    const c = client(sim)
    const id = await c.requestChat()
    const codes: number[] = []
    for (let i = 0; i < 5; i++) codes.push((await c.op(id, 'SendMessage', { text: `m${i}` })).body.statusCode)
    expect(codes).toEqual([0, 0, 0, 2, 2])
    expect((await c.op(id, 'SendStartTypingNotification')).body).toEqual({ statusCode: 2, statusMessage: `Chat ${id} holds the maximum of 4 transcript entries` })
    expect(sim.chat(id)?.transcript).toHaveLength(4)
    expect((await c.op(id, 'Complete')).body.statusCode).toBe(0)
    expect(sim.chat(id)).toMatchObject({ ended: true, endedBy: 'customer' })
    expect(sim.chat(id)?.transcript.at(-1)?.type).toBe('ParticipantLeft')
  })

  it('caps the server’s own entries a little past the limit', async () => {
    const sim = await start({ scenario: { queue: { noticeEveryMs: 1 }, agent: null }, maxEntriesPerChat: 10, idleAlertMs: 10_000_000, disconnectTimeoutMs: 10_000_000 })
    const id = await client(sim).requestChat()
    await new Promise((resolve) => setTimeout(resolve, 200))
    const length = sim.chat(id)?.transcript.length ?? 0
    expect(length).toBeGreaterThan(10)
    expect(length).toBeLessThanOrEqual(10 + 32)
  })

  it('refuses userData nested so deep that copying it would overflow the stack', async () => {
    const sim = await start({ scenario: QUIET })
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`
    const body = `{"operationName":"RequestChat","nickname":"a","subject":"b","userData":{"x":${deep}}}`
    const res = await client(sim).post('/api/v2/chats', body)
    expect(res.body).toEqual({ statusCode: 1, statusMessage: 'userData must not be nested more than 32 levels deep' })
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200)
    expect((await fetch(`${sim.url}/__sim/requests`)).status).toBe(200)
  })

  it('checks the limit options', async () => {
    await expect(start({ maxChats: 0 })).rejects.toThrow(/maxChats must be an integer >= 1/)
    await expect(start({ maxLogEntries: 1.5 })).rejects.toThrow(/maxLogEntries/)
    await expect(start({ controlOrigins: 'http://x' as never })).rejects.toThrow(/controlOrigins/)
  })
})
