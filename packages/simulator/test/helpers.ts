import { afterEach } from 'vitest'
import { startSimulator } from '../src/index.js'
import type { Simulator, SimulatorOptions } from '../src/index.js'

const running: Simulator[] = []

afterEach(async () => {
  await Promise.all(running.splice(0).map((sim) => sim.close()))
})

/** Starts a simulator that is closed after the current test. */
export async function start(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator(options)
  running.push(sim)
  return sim
}

export interface Reply {
  status: number
  body: any
  headers: Headers
}

/** A tiny customer client over real HTTP. */
export function client(sim: Simulator, contactCenterId: string | null = 'demo') {
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({
    'Content-Type': 'application/json',
    ...(contactCenterId === null ? {} : { ContactCenterId: contactCenterId }),
    ...extra,
  })
  const send = async (method: string, path: string, body?: unknown, extra?: Record<string, string>): Promise<Reply> => {
    const res = await fetch(sim.url + path, {
      method,
      headers: headers(extra),
      ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    })
    const text = await res.text()
    let parsed: unknown = text
    try {
      parsed = JSON.parse(text)
    } catch {
      // keep the raw text
    }
    return { status: res.status, body: parsed, headers: res.headers }
  }
  return {
    send,
    get: (path: string, extra?: Record<string, string>) => send('GET', path, undefined, extra),
    post: (path: string, body?: unknown, extra?: Record<string, string>) => send('POST', path, body, extra),
    async requestChat(extra: Record<string, unknown> = {}): Promise<string> {
      const r = await send('POST', '/api/v2/chats', { operationName: 'RequestChat', nickname: 'Chris', subject: 'Billing', ...extra })
      if (r.body?.statusCode !== 0) throw new Error(`RequestChat failed: ${JSON.stringify(r.body)}`)
      return r.body.id as string
    },
    op: (id: string, operationName: string, extra: Record<string, unknown> = {}) =>
      send('POST', `/api/v2/chats/${id}`, { operationName, ...extra }),
    messages: (id: string, index?: number) =>
      send('GET', `/api/v2/chats/${id}/messages${index === undefined ? '' : `?index=${index}`}`),
    chat: (id: string) => send('GET', `/api/v2/chats/${id}`),
  }
}

/** Scenario with no queue and no agent: only what the test does shows up in the transcript. */
export const QUIET = { name: 'quiet', queue: false, agent: null } as const
