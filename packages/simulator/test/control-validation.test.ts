import { describe, expect, it } from 'vitest'
import { SCENARIO_NAMES } from '../src/index.js'
import { MAX_FAULT_RULES } from '../src/schemas.js'
import type { Simulator } from '../src/index.js'
import { QUIET, client, start } from './helpers.js'

async function control(sim: Simulator, method: string, path: string, body?: unknown, rawBody?: string) {
  const res = await fetch(sim.url + path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(rawBody !== undefined ? { body: rawBody } : body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as any }
}

/** Every bad input gets 400 with a readable `{ error }` naming what is wrong, and the server stays up. */
async function expectRefused(sim: Simulator, method: string, path: string, cases: [unknown, RegExp][]) {
  for (const [body, message] of cases) {
    const res = await control(sim, method, path, body)
    const label = JSON.stringify(body)?.slice(0, 80)
    expect(res.status, label).toBe(400)
    expect(Object.keys(res.body)).toEqual(['error'])
    expect(res.body.error, label).toMatch(message)
  }
  expect((await control(sim, 'GET', '/__sim/health')).status).toBe(200)
}

describe('control API input validation', () => {
  it('PUT /__sim/scenario refuses wrong types, missing fields, bad delays and unknown keys', async () => {
    const sim = await start({ scenario: QUIET, timeScale: 0.01 })
    const agent = (extra: Record<string, unknown>) => ({ agent: { nickname: 'Ava', joinAfterMs: 0, ...extra } })
    await expectRefused(sim, 'PUT', '/__sim/scenario', [
      [{ greeting: 5 }, /greeting/],
      [agent({ greeting: 5 }), /agent\.greeting: Invalid type: Expected string but received 5/],
      [agent({ joinAfterMs: 'soon' }), /agent\.joinAfterMs/],
      [agent({ joinAfterMs: -1 }), /agent\.joinAfterMs/],
      [agent({ joinAfterMs: 1e300 }), /agent\.joinAfterMs: must be at most 2147483647 ms/],
      [agent({ typingBeforeReplyMs: -5 }), /typingBeforeReplyMs/],
      [agent({ reply: 'shout' }), /agent\.reply/],
      [agent({ reply: { canned: 'hi' } }), /agent\.reply/],
      [agent({ leaveAfterMessages: 1.5 }), /leaveAfterMessages/],
      [agent({ nickName: 'typo' }), /nickName/],
      [{ agent: { joinAfterMs: 0 } }, /agent\.nickname/],
      [{ queue: { noticeEveryMs: -1 } }, /queue/],
      [{ queue: true }, /queue/],
      [{ transfer: { afterMessages: 1, joinAfterMs: 0 } }, /transfer\.toNickname/],
      [{ scenario: 5 }, /scenario/],
      [{ scenario: 'nope' }, /scenario/],
      ['nope', /Unknown scenario "nope"|scenario/],
      [[], /scenario/],
      [null, /scenario/],
    ])
    // Nothing was switched: a new chat still follows QUIET, and a valid scenario is still taken.
    const c = client(sim)
    const id = await c.requestChat()
    expect(sim.chat(id)?.participants).toHaveLength(1)
    expect((await control(sim, 'PUT', '/__sim/scenario', agent({ greeting: 'Hi' }))).status).toBe(200)
    const greeted = await c.requestChat()
    await sim.waitFor(() => sim.chat(greeted)?.transcript.some((e) => e.text === 'Hi') === true)
  })

  it('the scenario schema knows every preset', () => {
    expect(SCENARIO_NAMES.length).toBe(7)
    return Promise.all(
      SCENARIO_NAMES.map(async (name) => {
        const sim = await start()
        expect((await control(sim, 'PUT', '/__sim/scenario', { scenario: name })).status, name).toBe(200)
      }),
    )
  })

  it('/__sim/faults refuses bad rules and keeps the rules it had', async () => {
    const sim = await start({ scenario: QUIET })
    expect((await control(sim, 'PUT', '/__sim/faults', { kind: 'latency', latencyMs: 1 })).status).toBe(200)
    const cases: [unknown, RegExp][] = [
      [{ kind: 'explode' }, /Unknown fault kind "explode"/],
      [{}, /kind/],
      [{ kind: 'latency', latencyMs: -1 }, /latencyMs/],
      [{ kind: 'latency', latencyMs: 1e12 }, /latencyMs: must be at most/],
      [{ kind: 'http-error', status: 1000 }, /status/],
      [{ kind: 'http-error', status: 'teapot' }, /status/],
      [{ kind: 'stall', probability: 2 }, /probability/],
      [{ kind: 'stall', times: -1 }, /times/],
      [{ kind: 'stall', times: 1.5 }, /times/],
      [{ kind: 'stall', afterRequests: Number.MAX_SAFE_INTEGER * 4 }, /afterRequests/],
      [{ kind: 'rate-limit', retryAfterSeconds: -1 }, /retryAfterSeconds/],
      [{ kind: 'stall', operation: 'Nope' }, /operation/],
      [{ kind: 'stall', operation: [] }, /operation/],
      [{ kind: 'stall', path: 5 }, /path/],
      [{ kind: 'stall', path: '(a)\\1' }, /path: not a supported path pattern: the escape "\\1" is not supported/],
      [{ kind: 'stall', path: '(?=x)' }, /path: not a supported path pattern/],
      [{ kind: 'stall', path: 'x'.repeat(300) }, /path/],
      [{ kind: 'stall', opertion: 'GetChat' }, /opertion/],
      [[{ kind: 'stall' }, { kind: 'nope' }], /1\.kind|kind/],
      [{ rules: 'all' }, /rules/],
      [{ rules: [{ kind: 'stall' }], extra: 1 }, /extra/],
      [5, /Expected a fault rule/],
      [Array.from({ length: MAX_FAULT_RULES + 1 }, () => ({ kind: 'stall' })), /rules|100/],
    ]
    await expectRefused(sim, 'PUT', '/__sim/faults', cases)
    await expectRefused(sim, 'POST', '/__sim/faults', cases)
    expect(sim.faults()).toEqual([{ kind: 'latency', latencyMs: 1 }])
    const room = Array.from({ length: MAX_FAULT_RULES }, () => ({ kind: 'stall' }))
    expect((await control(sim, 'POST', '/__sim/faults', room)).body.error).toMatch(/At most 100 fault rules/)
    expect(sim.faults()).toHaveLength(1)
    // The requests the rule applies to are still served.
    expect((await client(sim).get('/api/v2/chats/x')).status).toBe(404)
  })

  it('POST /__sim/chats/{id}/agent refuses bad actions', async () => {
    // A larger body limit, so the text cap itself is what refuses the long text.
    const sim = await start({ scenario: QUIET, maxBodyBytes: 200_000 })
    const id = await client(sim).requestChat()
    await expectRefused(sim, 'POST', `/__sim/chats/${id}/agent`, [
      [{ action: 'dance' }, /action one of join, say/],
      [{}, /action/],
      [[], /action/],
      ['join', /action/],
      [{ action: 'say' }, /text/],
      [{ action: 'say', text: 5 }, /text/],
      [{ action: 'say', text: 'x'.repeat(70_000) }, /text/],
      [{ action: 'typing', on: 'yes' }, /on/],
      [{ action: 'join', nickname: '' }, /nickname/],
      [{ action: 'join', nickname: 'x'.repeat(300) }, /nickname/],
      [{ action: 'notice', text: 'x', visibility: 'Nobody' }, /visibility/],
      [{ action: 'pushUrl', url: null }, /url/],
      [{ action: 'leave', now: true }, /now/],
      [{ action: 'transfer', toNickname: 7 }, /toNickname/],
    ])
    expect(sim.chat(id)?.transcript).toHaveLength(1)
    expect((await control(sim, 'POST', `/__sim/chats/${id}/agent`, { action: 'join', nickname: 'Kim' })).status).toBe(200)
  })

  it('answers malformed JSON and undecodable ids without crashing', async () => {
    const sim = await start()
    const broken = await control(sim, 'PUT', '/__sim/faults', undefined, '{"kind":')
    expect(broken).toEqual({ status: 400, body: { error: 'The request body is not valid JSON' } })
    expect((await control(sim, 'GET', '/__sim/chats/%ff')).status).toBe(404)
    expect((await control(sim, 'POST', '/__sim/chats/%ff/agent', { action: 'join' })).status).toBe(404)
    expect((await control(sim, 'GET', '/__sim/health')).status).toBe(200)
  })

  it('checks scenarios and rules given in code the same way', async () => {
    const sim = await start()
    expect(() => sim.setScenario({ agent: { nickname: 'A', joinAfterMs: 0, greeting: 5 } } as never)).toThrow(/agent\.greeting/)
    expect(() => sim.addFault({ kind: 'latency', latencyMs: Number.POSITIVE_INFINITY })).toThrow(/latencyMs/)
    expect(() => sim.setFaults([{ kind: 'stall' }, { kind: 'stall', path: '(' }])).toThrow(/path/)
    expect(sim.faults()).toEqual([])
    await expect(start({ faults: [{ kind: 'stall', bogus: 1 } as never] })).rejects.toThrow(/bogus/)
    await expect(start({ maxBodyBytes: -1 })).rejects.toThrow(/maxBodyBytes/)
  })
})
