// The concurrency bench's own instruments: the simulator process that counts missed polls, and the CPU-profile
// summary by package. The bench itself (minutes of load) is never run by CI; these check that what it reports is right.
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs module of the bench, without types
import { packageOf, summarizeProfile } from '../bench/lib/profile.mjs'

const SIM_SERVER = fileURLToPath(new URL('../bench/lib/sim-server.mjs', import.meta.url))
const RESTING_MS = 400
const SLACK_MS = 300
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface SimWindow {
  type: 'window'
  polls: number
  missed: number
  totalMissed: number
}

let child: ChildProcess | null = null
afterEach(() => {
  child?.kill()
  child = null
})

async function startWatchedSimulator(): Promise<{ url: string; windows: SimWindow[] }> {
  const scenario = { name: 'bench-quiet', queue: false, agent: { nickname: 'Ava', joinAfterMs: 0, reply: 'none' } }
  child = fork(SIM_SERVER, [], {
    env: { ...process.env, SIM_OPTIONS: JSON.stringify({ scenario }), SIM_POLL_WATCH: JSON.stringify({ restingMs: RESTING_MS, slackMs: SLACK_MS }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const windows: SimWindow[] = []
  const url = await new Promise<string>((resolve) => {
    child!.on('message', (message: { url?: string; type?: string }) => {
      if (message.url) resolve(message.url)
      if (message.type === 'window') windows.push(message as SimWindow)
    })
  })
  return { url, windows }
}

const headers = { Accept: 'application/json', ContactCenterId: 'demo' }

async function requestChat(url: string): Promise<string> {
  const answer = await fetch(`${url}/api/v2/chats`, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ operationName: 'RequestChat', nickname: 'visitor', subject: 'bench' }),
  })
  return ((await answer.json()) as { id: string }).id
}

const poll = (url: string, id: string) => fetch(`${url}/api/v2/chats/${id}/messages?index=1`, { headers }).then((answer) => answer.text())

describe('bench: the simulator counts missed polls', () => {
  it('counts a gap over the resting interval plus the slack once, and none for a chat that polls on time', async () => {
    const { url, windows } = await startWatchedSimulator()
    const punctual = await requestChat(url)
    const late = await requestChat(url)
    const silent = await requestChat(url)
    await Promise.all([poll(url, punctual), poll(url, late), poll(url, silent)])
    // The punctual chat polls at half the resting interval (room for a busy machine); the late one skips about 1.6 s
    // once, well over the 0.7 s limit; the silent one stops after its first poll.
    for (let i = 0; i < 8; i++) {
      await sleep(RESTING_MS / 2)
      await poll(url, punctual)
      if (i === 0) await poll(url, late)
    }
    await poll(url, late)
    await poll(url, punctual)
    // Stop watching before these last answers age past the limit too, then wait for the next report.
    child!.send({ type: 'unwatch' })
    await sleep(1200)
    const total = windows.at(-1)?.totalMissed
    // The late chat's one long gap, the silent chat once (not once per sweep), nothing for the punctual one.
    expect(total).toBe(2)
    expect(windows.reduce((sum, w) => sum + w.missed, 0)).toBe(2)
    expect(windows.reduce((sum, w) => sum + w.polls, 0)).toBe(3 + 8 + 1 + 1 + 1)
  }, 15_000)
})

describe('bench: CPU profile summary', () => {
  it('sums self time per package and names our packages, npm packages, Node and V8', () => {
    const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0, columnNumber: 0, scriptId: '0' })
    const profile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', '') },
        { id: 2, callFrame: frame('microstep', 'file:///repo/node_modules/.pnpm/xstate@5.0.0/node_modules/xstate/dist/raise.cjs.js') },
        { id: 3, callFrame: frame('call', 'file:///repo/packages/core/dist/chunk.js') },
        { id: 4, callFrame: frame('(garbage collector)', '') },
        { id: 5, callFrame: frame('parse', 'file:///repo/node_modules/@xstate/store/dist/store.js') },
        { id: 6, callFrame: frame('emit', 'node:events') },
      ],
      // Each sample lasts until the next one: 2 has 300 µs, 3 has 100, 4 has 50, 5 has 25, 6 has none (the last).
      samples: [2, 2, 3, 4, 5, 6],
      timeDeltas: [0, 100, 200, 100, 50, 25],
    }
    const summary = summarizeProfile(profile, 3)
    expect(summary.busyMs).toBeCloseTo(0.475)
    expect(summary.idleMs).toBe(0)
    expect(summary.byPackage.map((p: { name: string }) => p.name)).toEqual(['xstate', '@gws-chat/core', '(garbage collector)', '@xstate/store', 'node (core modules)'])
    expect(summary.byPackage[0].ms).toBeCloseTo(0.3)
    expect(summary.topFunctions).toHaveLength(3)
    expect(summary.topFunctions[0]).toMatchObject({ name: 'microstep', package: 'xstate' })
    expect(packageOf(frame('fetch', 'node:internal/deps/undici/undici'))).toBe('undici (Node’s fetch)')
    expect(packageOf(frame('run', 'file:///repo/packages/adapters/dom/dist/index.js'))).toBe('@gws-chat/dom')
    expect(packageOf(frame('writeLatin1String', ''))).toBe('(V8 builtins and native)')
  })
})
