import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChatSnapshot } from '../src'
import { replay, type Recording } from '../src/record'
import { startSimulator, type Simulator } from './integration/simulator'

/**
 * The files `pnpm build` writes, run by Node as a consumer loads them: the production build (short implementation
 * names, no state descriptions), the `development` one (the sources as they are) and the CommonJS one, each through
 * a whole chat against the simulator, recorded. It tests the build: build first.
 */
const DIST = path.join(import.meta.dirname, '../dist')
const BUILDS = {
  production: { index: 'index.js', record: 'record.js' },
  development: { index: 'dev/index.js', record: 'dev/record.js' },
  commonjs: { index: 'index.cjs', record: 'record.cjs' },
} as const

/** A whole chat through one build: start, an agent, a message and its answer, the end. Prints what the visitor saw. */
const CHAT = `
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
const load = (file) => (file.endsWith('.cjs') ? createRequire(import.meta.url)(file) : import(pathToFileURL(file).href))
const { createChat } = await load(process.env.INDEX)
const { createRecorder } = await load(process.env.RECORD)
const recorder = createRecorder({ redact: false })
const chat = createChat({ baseUrl: process.env.SIM_URL, contactCenterId: 'demo', persistence: false, polling: { intervalMs: 100 }, inspect: recorder.inspect })
const snapshots = [chat.getSnapshot()]
chat.subscribe((s) => snapshots.push(s))
const until = (predicate, what) =>
  new Promise((resolve, reject) => {
    let stop = () => {}
    const timer = setTimeout(() => (stop(), reject(new Error('timed out waiting for ' + what + '; status ' + chat.getSnapshot().status))), 15000)
    const check = (s) => predicate(s) && (clearTimeout(timer), stop(), resolve(s), true)
    if (!check(chat.getSnapshot())) stop = chat.subscribe(check)
  })
chat.start({ nickname: 'Chris', subject: 'The built package' })
await until((s) => s.status === 'connected', 'the agent')
chat.send('Hello from the build')
await until((s) => s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Agent' && e.text?.includes('Hello from the build')), "the agent's answer")
// A quiet spell: the pollers' own timers fire (polling every 100 ms).
await new Promise((resolve) => setTimeout(resolve, 600))
chat.end()
const last = await until((s) => s.status === 'ended', 'the end')
chat.destroy()
process.stdout.write(JSON.stringify({ snapshots, last, recording: recorder.recording() }))
`

interface Run {
  snapshots: ChatSnapshot[]
  last: ChatSnapshot
  recording: Recording
}

const runChat = async (build: keyof typeof BUILDS, url: string): Promise<Run> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', CHAT], {
    cwd: path.join(import.meta.dirname, '..'),
    env: { ...process.env, SIM_URL: url, INDEX: path.join(DIST, BUILDS[build].index), RECORD: path.join(DIST, BUILDS[build].record) },
    timeout: 40_000,
  })
  return JSON.parse(stdout) as Run
}

describe('the built package', () => {
  let sim: Simulator

  beforeAll(async () => {
    const missing = Object.values(BUILDS)
      .flatMap((build) => Object.values(build))
      .filter((file) => !existsSync(path.join(DIST, file)))
    if (missing.length > 0) throw new Error(`packages/core/dist lacks ${missing.join(', ')}: run pnpm build first`)
    sim = await startSimulator({ port: 0, scenario: 'friendly', timeScale: 0.05 })
  })

  afterAll(async () => {
    await sim?.close()
  })

  it('ships short implementation names in the production builds and the full ones in the development build', () => {
    const text = (dir: string, ext: RegExp) =>
      readdirSync(path.join(DIST, dir))
        .filter((file) => ext.test(file))
        .map((file) => readFileSync(path.join(DIST, dir, file), 'utf8'))
        .join('\n')
    // An action, a guard and an actor, as setup() names them.
    for (const name of ['applyTranscript', 'ownParticipantLeft', 'transcriptPoller']) {
      expect(text('dev', /\.js$/)).toContain(`${name}:`)
      expect(text('.', /\.c?js$/)).not.toContain(`${name}:`)
    }
    // The names read at runtime by name stay: the delays (in recorded timers), the watcher spawned by name.
    expect(text('.', /\.c?js$/)).toContain('transcriptPollDelay:')
    expect(text('.', /\.c?js$/)).toMatch(/spawnChild\("watchEnvironment"/)
    expect(text('.', /\.c?js$/)).not.toMatch(/\bdescription:/)
  })

  it('runs a whole chat with each build, and a production recording replays the same elsewhere', async () => {
    const runs = await Promise.all((Object.keys(BUILDS) as (keyof typeof BUILDS)[]).map(async (build) => [build, await runChat(build, sim.url)] as const))
    for (const [build, run] of runs) {
      const statuses = run.snapshots.map((s) => s.status).filter((status, i, all) => i === 0 || all[i - 1] !== status)
      expect(statuses, build).toEqual(['idle', 'requesting', 'queued', 'connected', 'ended'])
      expect(run.last.endReason, build).toBe('customer')
      expect(run.last.error, build).toBeNull()
      const texts = run.last.transcript.filter((e) => e.type === 'Text').map((e) => `${e.from.type}: ${e.text ?? ''}`)
      expect(texts, build).toContain('Customer: Hello from the build')
      expect(texts.some((text) => text.startsWith('Agent: ') && text.includes('Hello from the build')), build).toBe(true)
      expect(run.last.outbox, build).toEqual([])
      // The recorded timers name their delays as the sources do, in every build .
      expect(run.recording.events.some((e) => /^xstate\.after\.(transcriptPollDelay|chatStatePollDelay|pollSpacing)\./.test(e.event.type)), build).toBe(true)
    }
    // A support ticket's recording, made with the production build, replays with the machines as they are in the sources
    // (and so in the development build) into what the visitor saw.
    const production = runs.find(([build]) => build === 'production')![1]
    const replayed = [...replay(production.recording)].map((step) => step.snapshot)
    // What the visitor saw, step by step (a live run may show a step twice, a field the visitor does not see changing).
    const shown = (list: ChatSnapshot[]) =>
      list.map((s) => `${s.status}: ${s.transcript.map((e) => e.type).join()} | ${s.outbox.map((m) => m.status).join()}`).filter((step, i, all) => i === 0 || all[i - 1] !== step)
    expect(shown(replayed)).toEqual(shown(production.snapshots))
    expect(replayed.at(-1)!.transcript).toEqual(production.last.transcript)
    expect(replayed.at(-1)!.status).toBe('ended')
  }, 60_000)
})
