// Concurrency: how many chats one Node process drives at the default 3 s resting poll, against the simulator in a
// separate process, while the event loop's p99 delay stays under 50 ms and no poll is missed. Chats are added at a
// steady rate (as a load test ramps, no connect storm) up to CONCURRENCY_MAX (10,000), once per client:
//   bare     no engine, fetch + JSON.parse at the Genesys widget's pace: the baseline of the same run
//   default  createChat with no `http` option: its default adapter (in Node, one shared node:http adapter)
//   node     createChat with one explicit shared createNodeHttpAdapter (@gws-chat/core/node)
//   fetch    createChat with one explicit createFetchAdapter (the platform's fetch, undici in Node)
//   workers  the node client's chats spread over CONCURRENCY_WORKERS (2) worker threads of the one client process,
//            each its own event loop with its own createNodeHttpAdapter; the worst loop's delay counts
// Each client runs in a fresh process (bench/lib/concurrency-client.mjs, --expose-gc) with a fresh simulator
// (bench/lib/sim-server.mjs), which keeps every chat's GetMessages log and counts missed polls. At the breaking point
// (or at the maximum) the client holds the load, takes a CPU profile, then weighs heap and RSS per chat.
//   node bench/concurrency.mjs            (env: CONCURRENCY_MAX, CONCURRENCY_RATE chats/s, CONCURRENCY_MODES,
//                                          CONCURRENCY_HOLD_MS, CONCURRENCY_PROFILE_MS, CONCURRENCY_SLACK_MS)
import { fork } from 'node:child_process'
import path from 'node:path'
import { startChild } from './lib/child.mjs'
import { BENCH_DIR, fmt, header, saveResult, table } from './lib/report.mjs'

const MODES = (process.env.CONCURRENCY_MODES ?? 'bare,default,node,fetch,workers').split(',')
const WORKERS = Number(process.env.CONCURRENCY_WORKERS ?? 2)
const MAX = Number(process.env.CONCURRENCY_MAX ?? 10_000)
const RATE = Number(process.env.CONCURRENCY_RATE ?? 100)
const RESTING_MS = 3000
// A poll is missed when a chat's 3 s resting interval elapsed by more than this without a GetMessages arriving.
const SLACK_MS = Number(process.env.CONCURRENCY_SLACK_MS ?? 500)
const TARGET_CHATS = 10_000
const TARGET_HEAP_BYTES = 30_000

// An agent who joins at once and never writes: every chat eases to the resting interval and stays there. The
// simulator holds more chats than its default cap, and a log large enough for 100 ms of requests.
const SIM_OPTIONS = {
  scenario: { name: 'bench-quiet', queue: false, agent: { nickname: 'Ava', joinAfterMs: 200, reply: 'none' } },
  maxChats: 50_000,
  maxLogEntries: 20_000,
  maxLogBodyBytes: 256,
  idleAlertMs: 3_600_000,
  idleCloseMs: 3_600_000,
}

const LABELS = {
  bare: 'bare fetch loop, widget pace (baseline)',
  default: 'engine, default adapter (no http option)',
  node: 'engine, node:http adapter',
  fetch: 'engine, fetch adapter',
  workers: `engine, node:http adapter, ${WORKERS} worker threads (one process)`,
}

async function runClient(mode) {
  const sim = await startChild(path.join(BENCH_DIR, 'lib/sim-server.mjs'), {
    SIM_OPTIONS: JSON.stringify(SIM_OPTIONS),
    SIM_POLL_WATCH: JSON.stringify({ restingMs: RESTING_MS, slackMs: SLACK_MS }),
  })
  const client = fork(path.join(BENCH_DIR, 'lib/concurrency-client.mjs'), [], {
    env: { ...process.env, CLIENT_MODE: mode, SIM_URL: sim.url, CONCURRENCY_MAX: String(MAX), CONCURRENCY_RATE: String(RATE), CONCURRENCY_WORKERS: String(WORKERS) },
    execArgv: ['--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  sim.child.on('message', (message) => {
    if (message?.type === 'window' && client.connected) client.send({ type: 'sim', window: message })
  })
  try {
    return await new Promise((resolve, reject) => {
      let result = null
      client.on('message', (message) => {
        if (message.type === 'window') {
          const w = message.window
          console.error(
            `  ${mode} ${w.phase} ${String(w.chats).padStart(6)} chats: loop p99 ${fmt(w.loopP99Ms, 1)} ms, missed ${w.missed}, ${fmt(w.requestsPerSecond, 0)} req/s, client CPU ${fmt(w.clientCpuPercent, 0)}%, waiting for a core ${fmt(w.loopWaitPercent, 0)}%, load ${fmt(w.loadAverage, 1)}, simulator CPU ${fmt(w.simCpuPercent, 0)}%, heap ${fmt(w.heapUsedBytes / 1e6, 0)} MB`,
          )
        }
        if (message.type === 'result') result = message.result
      })
      client.on('exit', (code) => (result ? resolve(result) : reject(new Error(`${mode} client exited with ${code}`))))
    })
  } finally {
    if (client.exitCode === null) client.kill()
    await sim.stop()
  }
}

/** The window whose figures stand for a client: the last that passed, or the first that failed when none passed. */
function shownWindow(result) {
  return result.best ?? result.windows.find((w) => w.chats >= (result.failedAt ?? Number.POSITIVE_INFINITY)) ?? result.windows[0] ?? {}
}

/** The last ramp or hold window that passed: its chat count is the figure. */
function bestOf(result) {
  const judged = result.windows.filter((w) => w.phase !== 'profile')
  const failing = result.failure === null ? -1 : judged.findIndex((w) => w.chats >= result.failedAt)
  const passing = failing === -1 ? judged : judged.slice(0, failing)
  return passing.length ? passing[passing.length - 1] : null
}

const kBper = (bytes) => fmt(bytes / 1000, 1)

/** The engine alone over an in-memory transport: memory and CPU per chat without any HTTP client. */
function runEngineAlone() {
  const client = fork(path.join(BENCH_DIR, 'lib/concurrency-memory.mjs'), [], { execArgv: ['--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    let result = null
    client.on('message', (message) => message.type === 'result' && (result = message.result))
    client.on('exit', (code) => (result ? resolve(result) : reject(new Error(`engine-alone client exited with ${code}`))))
  })
}

/** The HTTP clients alone at concurrency, against a fresh simulator: CPU per request without the engine. */
async function runHttpAlone() {
  const sim = await startChild(path.join(BENCH_DIR, 'lib/sim-server.mjs'), { SIM_OPTIONS: JSON.stringify(SIM_OPTIONS) })
  try {
    const client = fork(path.join(BENCH_DIR, 'lib/concurrency-http.mjs'), [], { env: { ...process.env, SIM_URL: sim.url }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    return await new Promise((resolve, reject) => {
      let result = null
      client.on('message', (message) => message.type === 'result' && (result = message.result))
      client.on('exit', (code) => (result ? resolve(result) : reject(new Error(`http-alone client exited with ${code}`))))
    })
  } finally {
    await sim.stop()
  }
}

/** Chats one core could poll at rest, from CPU per request and requests per chat per second (no headroom). */
const ceiling = (cpuUsPerRequest, requestsPerChatSecond) => (cpuUsPerRequest && requestsPerChatSecond ? 1e6 / (cpuUsPerRequest * requestsPerChatSecond) : null)

export async function run() {
  console.error('Concurrency: the engine alone (in-memory transport), memory and CPU per chat')
  const alone = await runEngineAlone()
  const perChatRate = alone.requestsPerSecond / alone.connected
  console.error('Concurrency: the HTTP clients alone (500 loops in flight against the simulator)')
  const httpAlone = await runHttpAlone()
  const results = []
  for (const mode of MODES) {
    console.error(`Concurrency: ${LABELS[mode] ?? mode}, ${RATE} new chats/s up to ${MAX}`)
    const result = await runClient(mode)
    result.best = bestOf(result)
    results.push(result)
  }
  const bare = results.find((r) => r.mode === 'bare')
  header(`The engine alone (${alone.chats.toLocaleString('en-US')} chats connected and at rest over an in-memory transport, answers after 1 ms)`)
  console.log(
    table(
      ['connected', 'XState actors per chat', 'heap kB/chat', 'of it before start', 'with persistence: false', 'RSS kB/chat', 'requests/s per chat', 'CPU µs/request', 'one core at 100%'],
      [[alone.connected, alone.actorsPerChat, kBper(alone.heapPerChatBytes), kBper(alone.unstartedHeapPerChatBytes), kBper(alone.withoutPersistenceHeapPerChatBytes), kBper(alone.rssPerChatBytes), fmt(perChatRate, 3), fmt(alone.cpuUsPerRequest, 0), `${fmt(ceiling(alone.cpuUsPerRequest, perChatRate), 0)} chats`]],
    ),
  )
  console.log(
    `\nHeap and RSS per chat after a forced GC, less the process before its first chat; "before start" is the heap per chat of as many chats created and never started (the actor system with empty contexts, no request made); "with persistence: false" is the heap per chat of another batch connected without persistence (in Node, without sessionStorage and without a storage option, the default keeps no record either, so the two match). "One core at 100%" is 1 s of CPU divided by (CPU per request × requests per chat per second): the ceiling of one event loop from the engine's own work alone, before any HTTP client and with no headroom for the 50 ms p99.`,
  )
  header(`The HTTP clients alone (${httpAlone.loops} requests in flight against the simulator, a 100 ms pause each; no engine)`)
  console.log(
    table(
      ['Adapter', 'req/s', 'CPU µs/request', '+ the engine alone', 'one core at 100%, engine on it'],
      [
        ['createNodeHttpAdapter (@gws-chat/core/node)', httpAlone.node],
        ['createOfetchAdapter', httpAlone.ofetch],
        ['createFetchAdapter', httpAlone.fetch],
      ].map(([label, m]) => [label, fmt(m.requestsPerSecond, 0), fmt(m.cpuUsPerRequest, 0), fmt(m.cpuUsPerRequest + alone.cpuUsPerRequest, 0), `${fmt(ceiling(m.cpuUsPerRequest + alone.cpuUsPerRequest, perChatRate), 0)} chats`]),
    ),
  )
  header(`Concurrency ramp (one client process, the simulator in another; ${RATE} new chats/s up to ${MAX.toLocaleString('en-US')}; 3 s resting poll)`)
  console.log(
    table(
      ['Client', 'highest passing', 'stopped by', 'loop p99 ms', 'loop waits for a core', 'client CPU', 'simulator CPU', 'req/s', 'CPU µs/request', 'vs bare', 'one core at 100%', 'heap kB/chat', 'RSS kB/chat'],
      results.map((r) => {
        const top = shownWindow(r)
        const ratio = bare && r !== bare && bare.cpuUsPerRequest ? r.cpuUsPerRequest / bare.cpuUsPerRequest : null
        return [
          LABELS[r.mode] ?? r.mode,
          r.best ? r.best.chats : 0,
          r.failure === null ? `nothing (reached ${r.reached.toLocaleString('en-US')})` : `${r.failure} at ${r.failedAt}`,
          fmt(top.loopP99Ms, 1),
          top.loopWaitPercent === null || top.loopWaitPercent === undefined ? '–' : `${fmt(top.loopWaitPercent, 0)}%`,
          `${fmt(top.clientCpuPercent, 0)}%`,
          `${fmt(top.simCpuPercent, 0)}%`,
          fmt(top.requestsPerSecond, 0),
          fmt(r.cpuUsPerRequest, 0),
          ratio === null ? '–' : `${fmt(ratio, 2)}×`,
          `${fmt(ceiling(r.cpuUsPerRequest, perChatRate), 0)} chats`,
          kBper(r.memory.heapPerChatBytes),
          kBper(r.memory.rssPerChatBytes),
        ]
      }),
    ),
  )
  console.log(
    `\nThe figures are those of the last passing window (of the first failing one where none passed). CPU µs/request is the client's CPU in the last window before the profile (the highest load held) divided by the requests the simulator answered in it; heap and RSS per chat are after a forced GC, over the chats connected then (${results.map((r) => `${r.mode} ${r.memory.chats}`).join(', ')}), less the process before its first chat.`,
  )
  for (const r of results) {
    console.log(`\n### Ramp: ${LABELS[r.mode] ?? r.mode}\n`)
    console.log(
      table(
        ['s', 'phase', 'chats', 'connected', 'loop p50 ms', 'loop p99 ms', 'loop max ms', 'missed', 'poll late p99 ms', 'req/s', 'client CPU', 'loop waits for a core', 'sim CPU', 'sim loop p99 ms', 'load avg', 'heap MB'],
        r.windows.map((w) => [
          fmt(w.atSeconds, 0),
          w.phase,
          w.chats,
          w.connected,
          fmt(w.loopP50Ms, 1),
          fmt(w.loopP99Ms, 1),
          fmt(w.loopMaxMs, 1),
          w.missed,
          fmt(w.pollLateP99Ms, 0),
          fmt(w.requestsPerSecond, 0),
          `${fmt(w.clientCpuPercent, 0)}%`,
          w.loopWaitPercent === null ? '–' : `${fmt(w.loopWaitPercent, 0)}%`,
          `${fmt(w.simCpuPercent, 0)}%`,
          fmt(w.simLoopP99Ms, 1),
          fmt(w.loadAverage, 1),
          fmt(w.heapUsedBytes / 1e6, 0),
        ]),
      ),
    )
    const profiled = r.workers ? `${r.windows.at(-1)?.chats ?? 0} chats (the first of ${r.workers} worker threads, about ${r.profile.chats} chats on its event loop;` : `${r.windows.at(-1)?.chats ?? 0} chats (`
    console.log(`\nWhere the client's time goes at ${profiled} CPU profile, ${r.profile.ms / 1000} s: ${fmt(r.profile.busyMs, 0)} ms busy, ${fmt(r.profile.idleMs, 0)} ms idle; self time, share of the busy time):\n`)
    console.log(table(['Package', 'self ms', 'share'], r.profile.byPackage.slice(0, 8).map((p) => [p.name, fmt(p.ms, 0), `${fmt(p.percent, 1)}%`])))
    console.log('')
    console.log(table(['Function', 'package', 'where', 'self ms', 'share'], r.profile.topFunctions.slice(0, 10).map((f) => [f.name, f.package, f.where, fmt(f.ms, 0), `${fmt(f.percent, 1)}%`])))
  }
  const engine = results.filter((r) => r.mode !== 'bare')
  const best = engine.length ? Math.min(...engine.map((r) => r.best?.chats ?? 0)) : 0
  const verdicts = engine.map((r) => {
    const chats = r.best?.chats ?? 0
    return `${LABELS[r.mode]}: ${chats.toLocaleString('en-US')} chats (target ≥ ${TARGET_CHATS.toLocaleString('en-US')}: ${chats >= TARGET_CHATS ? 'met' : 'missed'}), heap ${kBper(r.memory.heapPerChatBytes)} kB per idle connected chat (target ≤ ${TARGET_HEAP_BYTES / 1000} kB: ${r.memory.heapPerChatBytes <= TARGET_HEAP_BYTES ? 'met' : 'missed'})`
  })
  console.log(`\n${verdicts.join('\n')}`)
  saveResult('concurrency', { alone, httpAlone, modes: MODES, max: MAX, rate: RATE, slackMs: SLACK_MS, restingMs: RESTING_MS, results, best, targetChats: TARGET_CHATS, targetHeapBytes: TARGET_HEAP_BYTES })
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
