import { describe, expect, it } from 'vitest'
import { client, start } from './helpers.js'

const QUIET = { queue: false, agent: null } as const
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('server timeouts', () => {
  it('closes a chat that is not polled for disconnectTimeoutMs (scaled)', async () => {
    // 45 s × 0.001 = 45 ms.
    const sim = await start({ scenario: QUIET, timeScale: 0.001, idleAlertMs: 10_000_000 })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => sim.chat(id)?.ended === true, 2_000)
    const view = sim.chat(id)
    expect(view).toMatchObject({ state: 'Idle', endedBy: 'timeout', capabilities: [] })
    expect(view?.transcript.slice(-2).map((e) => [e.type, e.from.type, e.text])).toEqual([
      ['Notice', 'External', 'Chat closed: the visitor stopped responding'],
      ['ParticipantLeft', 'Customer', undefined],
    ])
  })

  it('keeps a polled chat open, then purges an ended chat after disconnectTimeoutMs (statusCode 6)', async () => {
    const sim = await start({ scenario: QUIET, timeScale: 0.001, disconnectTimeoutMs: 60_000, idleAlertMs: 10_000_000 })
    const c = client(sim)
    const id = await c.requestChat()
    for (let i = 0; i < 6; i++) {
      await sleep(20)
      expect((await c.messages(id)).body.statusCode).toBe(0)
    }
    expect(sim.chat(id)?.ended).toBe(false)
    await c.op(id, 'Complete')
    expect((await c.chat(id)).body.chat.state).toBe('Idle')
    await sim.waitFor(() => sim.chat(id)?.purged === true, 2_000)
    expect((await c.chat(id)).body).toEqual({ statusCode: 6, statusMessage: `Chat not found: ${id}` })
    expect((await c.messages(id)).body.statusCode).toBe(6)
  })

  it('sends an idle alert after idleAlertMs without Text, then closes after idleCloseMs', async () => {
    const sim = await start({ scenario: QUIET, timeScale: 0.001, idleAlertMs: 30_000, idleCloseMs: 30_000, disconnectTimeoutMs: 10_000_000 })
    const c = client(sim)
    const id = await c.requestChat()
    await sim.waitFor(() => sim.chat(id)?.transcript.some((e) => e.type === 'Notice') ?? false, 2_000)
    expect(sim.chat(id)?.ended).toBe(false)
    await sim.waitFor(() => sim.chat(id)?.ended === true, 2_000)
    const view = sim.chat(id)
    expect(view?.endedBy).toBe('idle')
    expect(view?.transcript.map((e) => [e.type, e.text])).toEqual([
      ['ParticipantJoined', undefined],
      ['Notice', 'This chat will close soon due to inactivity.'],
      ['Notice', 'This chat was closed due to inactivity.'],
      ['ParticipantLeft', undefined],
    ])
  })

  it('restarts idle control on every Text', async () => {
    const sim = await start({ scenario: QUIET, timeScale: 0.001, idleAlertMs: 60_000, idleCloseMs: 1_000, disconnectTimeoutMs: 10_000_000 })
    const c = client(sim)
    const id = await c.requestChat()
    for (let i = 0; i < 5; i++) {
      await sleep(25)
      await c.op(id, 'SendMessage', { text: `still here ${i}` })
    }
    expect(sim.chat(id)?.transcript.some((e) => e.type === 'Notice')).toBe(false)
    await sim.waitFor(() => sim.chat(id)?.endedBy === 'idle', 2_000)
  })

  it('clears every timer on close', async () => {
    const sim = await start({ scenario: 'friendly', timeScale: 0.001 })
    const id = await client(sim).requestChat()
    const before = sim.chat(id)?.transcript.length
    await sim.close()
    await sleep(30)
    expect(sim.chat(id)?.transcript.length).toBe(before)
  })
})
