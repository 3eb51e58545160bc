import { describe, expect, it } from 'vitest'
import { client, start } from './helpers.js'

const QUIET = { queue: false, agent: null } as const

async function control(url: string, method: string, path: string, body?: unknown) {
  const res = await fetch(url + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as any }
}

describe('control API', () => {
  it('reports health and lists chats without a ContactCenterId', async () => {
    const sim = await start({ scenario: QUIET })
    const id = await client(sim).requestChat()
    expect((await control(sim.url, 'GET', '/__sim/health')).body).toEqual({ ok: true, url: sim.url, chats: 1 })
    const list = await control(sim.url, 'GET', '/__sim/chats')
    expect(list.body.map((c: any) => c.id)).toEqual([id])
    const one = await control(sim.url, 'GET', `/__sim/chats/${id}`)
    expect(one.body).toMatchObject({ id, state: 'WaitingForAgent', nickname: 'Chris', subject: 'Billing', cursor: 0, ended: false, purged: false })
    expect((await control(sim.url, 'GET', '/__sim/chats/nope')).status).toBe(404)
    expect((await control(sim.url, 'GET', '/__sim/nothing')).status).toBe(404)
  })

  it('drives the agent with every action', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    const act = (body: unknown) => control(sim.url, 'POST', `/__sim/chats/${id}/agent`, body)
    expect((await act({ action: 'say', text: 'no agent yet' })).status).toBe(409)
    expect((await act({ action: 'join', nickname: 'Kim' })).body.chat.state).toBe('Chatting')
    await act({ action: 'typing' })
    await act({ action: 'typing', on: false })
    await act({ action: 'say', text: 'Hello' })
    await act({ action: 'pushUrl', url: 'https://example.com' })
    await act({ action: 'notice', text: 'internal', visibility: 'Agents' })
    expect((await act({ action: 'notice', text: 'x', visibility: 'Nobody' })).status).toBe(400)
    expect((await act({ action: 'dance' })).status).toBe(400)
    expect((await act({ action: 'say' })).status).toBe(400)
    expect((await act({ action: 'transfer', toNickname: 'Ben' })).body.chat.state).toBe('WaitingForAgent')
    await sim.waitFor(() => sim.chat(id)?.state === 'Chatting')
    const ended = await act({ action: 'end', finalText: 'Bye' })
    expect(ended.body.chat).toMatchObject({ state: 'Idle', ended: true, endedBy: 'agent' })
    const seen = (await c.messages(id)).body.messages.map((e: any) => [e.type, e.from.nickname, e.text ?? e.url])
    expect(seen).toEqual([
      ['ParticipantJoined', 'Chris', undefined],
      ['ParticipantJoined', 'Kim', undefined],
      ['TypingStarted', 'Kim', undefined],
      ['TypingStopped', 'Kim', undefined],
      ['Text', 'Kim', 'Hello'],
      ['PushUrl', 'Kim', 'https://example.com'],
      ['ParticipantLeft', 'Kim', undefined],
      ['ParticipantJoined', 'Ben', undefined],
      ['Text', 'Ben', 'Bye'],
      ['ParticipantLeft', 'Ben', undefined],
    ])
    expect((await act({ action: 'say', text: 'late' })).status).toBe(409)
    expect((await control(sim.url, 'POST', '/__sim/chats/nope/agent', { action: 'join' })).status).toBe(404)
  })

  it('reads and clears the request log', async () => {
    const sim = await start({ scenario: QUIET })
    await client(sim).requestChat()
    const log = await control(sim.url, 'GET', '/__sim/requests')
    expect(log.body).toHaveLength(1)
    expect(log.body[0]).toMatchObject({ method: 'POST', path: '/api/v2/chats', operation: 'RequestChat', status: 200 })
    expect((await control(sim.url, 'DELETE', '/__sim/requests')).body).toEqual({ ok: true })
    expect(sim.requests).toEqual([])
  })

  it('manages faults at run time', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    expect((await control(sim.url, 'PUT', '/__sim/faults', [{ kind: 'http-error', operation: 'GetChat' }])).body).toEqual([
      { kind: 'http-error', operation: 'GetChat' },
    ])
    expect((await c.chat(id)).status).toBe(503)
    await control(sim.url, 'POST', '/__sim/faults', { kind: 'rate-limit', operation: 'GetMessages' })
    expect((await control(sim.url, 'GET', '/__sim/faults')).body).toHaveLength(2)
    expect((await c.messages(id)).status).toBe(429)
    expect((await control(sim.url, 'POST', '/__sim/faults', { kind: 'nope' })).status).toBe(400)
    expect((await control(sim.url, 'DELETE', '/__sim/faults')).body).toEqual([])
    expect((await c.chat(id)).status).toBe(200)
  })

  it('switches the scenario for new chats', async () => {
    const sim = await start({ scenario: QUIET, timeScale: 0.01 })
    expect((await control(sim.url, 'PUT', '/__sim/scenario', { scenario: 'echo' })).body).toEqual({ ok: true })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => sim.chat(id)?.state === 'Chatting')
    await control(sim.url, 'PUT', '/__sim/scenario', { queue: false, agent: null })
    const quiet = await c.requestChat()
    expect((await control(sim.url, 'PUT', '/__sim/scenario', 'nope')).status).toBe(400)
    await new Promise((r) => setTimeout(r, 20))
    expect(sim.chat(quiet)?.state).toBe('WaitingForAgent')
  })

  it('does not log control requests', async () => {
    const sim = await start()
    await control(sim.url, 'GET', '/__sim/chats')
    expect(sim.requests).toEqual([])
  })
})
