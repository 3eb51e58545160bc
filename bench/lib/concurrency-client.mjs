// One client process of the concurrency ramp (forked by bench/concurrency.mjs with --expose-gc): it adds chats at a
// steady rate against the simulator at SIM_URL until the event loop's p99 delay over a window passes the limit, the
// simulator reports a missed poll, a chat fails, or MAX chats run; holds there, takes a CPU profile of that load, then
// weighs the heap and RSS per chat after a forced GC. Windows and the result go to the parent over IPC; the parent
// relays the simulator's own windows here (`sim` messages).
//   CLIENT_MODE: default (createChat with no `http` option: in Node, the shared node:http adapter) |
//                node (one explicit shared createNodeHttpAdapter) | fetch (one explicit createFetchAdapter) |
//                bare (no engine: fetch + JSON.parse at the Genesys widget's pace, the baseline) |
//                workers (CONCURRENCY_WORKERS worker threads of this one process, default 2, each with its own event
//                loop and node:http adapter; chats handed out in turn: bench/lib/concurrency-worker.mjs)
import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { createFetchAdapter } from '@gws-chat/core'
import { createNodeHttpAdapter } from '@gws-chat/core/node'
import { openEngineChat } from './engine-chat.mjs'
import { summarizeProfile } from './profile.mjs'

const env = (name, fallback) => (process.env[name] === undefined ? fallback : Number(process.env[name]))
const MODE = process.env.CLIENT_MODE ?? 'default'
const SIM_URL = process.env.SIM_URL
const MAX = env('CONCURRENCY_MAX', 10_000)
const RATE = env('CONCURRENCY_RATE', 100) // new chats per second
const WINDOW_MS = env('CONCURRENCY_WINDOW_MS', 5000)
const HOLD_MS = env('CONCURRENCY_HOLD_MS', 15_000) // at MAX (or at the breaking point), before the profile
const PROFILE_MS = env('CONCURRENCY_PROFILE_MS', 10_000)
const CONNECT_LIMIT_MS = 10_000 // a chat not connected this long after its start counts as failed
const LOOP_P99_LIMIT_MS = 50
const LOOP_RESOLUTION_MS = 10 // the histogram's samples include the resolution: subtracted
const TICK_MS = 50
const WARMUP_CHATS = Math.min(MAX, env('CONCURRENCY_WARMUP_CHATS', 50))
const WARMUP_MS = 8000

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc')
const send = (message) => process.send?.(message)
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Nanoseconds the main thread (the event loop) has spent runnable but waiting for a core (Linux schedstat), or null.
 * Other processes on the machine show up here, not in the process's CPU: a loop delay with a high wait is the
 * machine's, not the client's.
 */
function runQueueWaitNs() {
  try {
    return Number(readFileSync(`/proc/${process.pid}/task/${process.pid}/schedstat`, 'utf8').split(' ')[1])
  } catch {
    return null
  }
}
const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0])

// --- worker threads (the `workers` mode) -------------------------------------------------------------------------

const WORKERS = MODE === 'workers' ? env('CONCURRENCY_WORKERS', 2) : 0
const hosts = Array.from({ length: WORKERS }, () => new Worker(new URL('./concurrency-worker.mjs', import.meta.url), { workerData: { simUrl: SIM_URL, loopResolutionMs: LOOP_RESOLUTION_MS } }))
let requestIds = 0
const waiting = new Map()
const ASK_TIMEOUT_MS = 60_000
/** One request to a worker, answered by id; a worker that dies or does not answer fails the run instead of hanging it. */
const ask = (host, request) =>
  new Promise((resolve, reject) => {
    const id = ++requestIds
    const timer = setTimeout(() => settle(new Error(`worker gave no answer to ${request.type} within ${ASK_TIMEOUT_MS} ms`)), ASK_TIMEOUT_MS)
    const settle = (error, value) => {
      clearTimeout(timer)
      waiting.delete(id)
      if (error) reject(error)
      else resolve(value)
    }
    waiting.set(id, { host, settle })
    host.postMessage({ ...request, id })
  })
const askAll = (request) => Promise.all(hosts.map((host) => ask(host, request)))
/** The heaps the workers reported, summed. */
const workersHeap = (answers) => answers.reduce((sum, answer) => sum + answer.heapUsed, 0)

/** Heap of every isolate of the process (the main thread's and each worker's) after forced GCs, and the process's RSS. */
async function weigh() {
  globalThis.gc()
  globalThis.gc()
  const workers = await askAll({ type: 'weigh' })
  const memory = process.memoryUsage()
  return { heapUsed: memory.heapUsed + workersHeap(workers), rss: memory.rss }
}

// --- the chats -------------------------------------------------------------------------------------------------

const stats = { errors: 0, firstError: null }
const http = MODE === 'node' ? createNodeHttpAdapter() : MODE === 'fetch' ? createFetchAdapter() : null

function recordError(message) {
  stats.errors++
  stats.firstError ??= message
}

/** An engine chat in this thread (bench/lib/engine-chat.mjs). */
function engineChat(i) {
  const record = { startedAt: performance.now(), connectedAt: null, destroy: null }
  record.destroy = openEngineChat({ baseUrl: SIM_URL, http, i, onConnected: () => (record.connectedAt = performance.now()), onError: recordError })
  return record
}

const HEADERS = { Accept: 'application/json', ContactCenterId: 'demo' }

/** The baseline: no engine, the widget's pace (500 ms after news, then ×1.2 up to 3 s), fetch + JSON.parse. */
function bareChat(i) {
  const record = { startedAt: performance.now(), connectedAt: null, stopped: false, destroy: () => (record.stopped = true) }
  const fail = (error) => recordError(error.message)
  ;(async () => {
    const answer = await fetch(`${SIM_URL}/api/v2/chats`, {
      method: 'POST',
      headers: { ...HEADERS, 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RequestChat', nickname: `visitor ${i}`, subject: 'bench' }),
    })
    const created = JSON.parse(await answer.text())
    const messages = `${SIM_URL}/api/v2/chats/${created.chatId ?? created.id}/messages`
    let index = 1
    let delay = 500
    while (!record.stopped) {
      const poll = JSON.parse(await (await fetch(`${messages}?index=${index}`, { headers: HEADERS })).text())
      const fresh = Array.isArray(poll.messages) && poll.messages.length > 0
      if (fresh) index = Math.max(...poll.messages.map((m) => m.index)) + 1
      if (record.connectedAt === null && poll.messages?.some((m) => m.type === 'ParticipantJoined' && m.from?.type === 'Agent')) record.connectedAt = performance.now()
      delay = fresh ? 500 : Math.min(3000, delay * 1.2)
      await sleep(delay)
    }
  })().catch(fail)
  return record
}

/** A chat hosted by a worker thread, in turn; the worker tells when it is connected. */
function workerChat(i) {
  const record = { startedAt: performance.now(), connectedAt: null, destroy: () => {} }
  hosts[i % hosts.length].postMessage({ type: 'open', i })
  return record
}

const chats = []
const open = MODE === 'bare' ? bareChat : MODE === 'workers' ? workerChat : engineChat
for (const host of hosts) {
  host.on('message', (message) => {
    if (message.type === 'connected') {
      const record = chats[message.i]
      if (record && record.connectedAt === null) record.connectedAt = message.at - performance.timeOrigin
    } else if (message.type === 'error') {
      recordError(message.message)
    } else if (message.type === 'answer') {
      waiting.get(message.id)?.settle(message.error ? new Error(`worker: ${message.error}`) : null, message.value)
    }
  })
  host.on('error', (error) => recordError(`worker: ${error.message}`))
  host.on('exit', (code) => {
    for (const pending of [...waiting.values()].filter((p) => p.host === host)) pending.settle(new Error(`worker exited with ${code}`))
  })
}

// --- the ramp --------------------------------------------------------------------------------------------------

const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
let sim = { missed: 0, requests: 0, polls: 0, loopP99Ms: 0, cpu: [], lateP99Ms: null, rss: 0 }
process.on('message', (message) => {
  if (message?.type !== 'sim') return
  const w = message.window
  sim.missed += w.missed
  sim.requests += w.requests
  sim.polls += w.polls
  sim.loopP99Ms = Math.max(sim.loopP99Ms, w.loopP99Ms)
  sim.cpu.push(w.cpuPercent)
  if (w.pollLateP99Ms !== null) sim.lateP99Ms = Math.max(sim.lateP99Ms ?? -Infinity, w.pollLateP99Ms)
  sim.rss = w.rssBytes
})

const base = await weigh()
const windows = []
let failure = null

let waitAt = runQueueWaitNs()

/**
 * The window's event-loop delay: this thread's, or with worker threads the worst of theirs (each its own event loop,
 * each reset per window), and the heap of every isolate.
 */
async function loopStats(windowMs) {
  const heapUsed = process.memoryUsage().heapUsed
  if (hosts.length === 0) {
    const empty = loop.count === 0
    return { p50: empty ? windowMs : loop.percentile(50) / 1e6, p99: empty ? windowMs : loop.percentile(99) / 1e6, max: empty ? windowMs : loop.max / 1e6, heapUsed }
  }
  const workers = await askAll({ type: 'loop' })
  const worst = (key) => Math.max(...workers.map((w) => (w.count === 0 ? windowMs : w[key])))
  return { p50: worst('p50'), p99: worst('p99'), max: worst('max'), heapUsed: heapUsed + workersHeap(workers) }
}

async function closeWindow(phase, startedAt, cpuAt) {
  const delay = await loopStats(performance.now() - startedAt)
  // Read after the workers answered: the window's length, its CPU and the simulator's counts cover the same span.
  const now = performance.now()
  // With worker threads the chats' event loops are not this thread: its run-queue wait says nothing of them.
  const wait = hosts.length === 0 ? runQueueWaitNs() : null
  const waitPercent = wait === null || waitAt === null ? null : (100 * (wait - waitAt)) / 1e6 / (now - startedAt)
  waitAt = wait
  const cpu = process.cpuUsage(cpuAt)
  const connected = chats.filter((c) => c.connectedAt !== null).length
  const stuck = chats.filter((c) => c.connectedAt === null && now - c.startedAt > CONNECT_LIMIT_MS).length
  const connectMs = chats.filter((c) => c.connectedAt !== null && c.connectedAt >= startedAt - 60_000).map((c) => c.connectedAt - c.startedAt)
  connectMs.sort((a, b) => a - b)
  const seconds = (now - startedAt) / 1000
  const window = {
    phase,
    atSeconds: Math.round((now - rampStart) / 100) / 10,
    chats: chats.length,
    connected,
    stuck,
    errors: stats.errors,
    // No sample at all: the loop never turned during the window; its delay is at least the window.
    loopP50Ms: delay.p50 - LOOP_RESOLUTION_MS,
    loopP99Ms: delay.p99 - LOOP_RESOLUTION_MS,
    loopMaxMs: delay.max - LOOP_RESOLUTION_MS,
    clientCpuPercent: (100 * (cpu.user + cpu.system)) / 1000 / (now - startedAt),
    clientCpuUs: cpu.user + cpu.system,
    loopWaitPercent: waitPercent,
    loadAverage: (() => {
      try {
        return loadAverage()
      } catch {
        return null
      }
    })(),
    requestsPerSecond: sim.requests / seconds,
    pollsPerSecond: sim.polls / seconds,
    requests: sim.requests,
    missed: sim.missed,
    pollLateP99Ms: sim.lateP99Ms,
    simLoopP99Ms: sim.loopP99Ms,
    simCpuPercent: sim.cpu.length ? sim.cpu.reduce((a, b) => a + b, 0) / sim.cpu.length : null,
    simRssBytes: sim.rss,
    connectP99Ms: connectMs.length ? connectMs[Math.floor((connectMs.length - 1) * 0.99)] : null,
    heapUsedBytes: delay.heapUsed,
    rssBytes: process.memoryUsage.rss(),
  }
  loop.reset()
  sim = { missed: 0, requests: 0, polls: 0, loopP99Ms: 0, cpu: [], lateP99Ms: null, rss: sim.rss }
  windows.push(window)
  send({ type: 'window', window })
  return window
}

function judge(window) {
  if (window.loopP99Ms > LOOP_P99_LIMIT_MS) return `event-loop p99 ${window.loopP99Ms.toFixed(1)} ms`
  if (window.missed > 0) return `${window.missed} missed poll${window.missed === 1 ? '' : 's'}`
  if (window.errors > 0) return `${window.errors} chat error${window.errors === 1 ? '' : 's'} (${stats.firstError})`
  if (window.stuck > 0) return `${window.stuck} chat${window.stuck === 1 ? '' : 's'} not connected within ${CONNECT_LIMIT_MS / 1000} s`
  return null
}

// Warm-up: a few chats run through connect and easing first, so the first window does not time the JIT compiling
// the engine. They count among the chats; a poll they miss meanwhile still fails the first window.
for (let i = 0; i < WARMUP_CHATS; i++) {
  chats.push(open(chats.length))
  await sleep(1000 / WARMUP_CHATS)
}
await sleep(WARMUP_MS)
sim = { ...sim, requests: 0, polls: 0, loopP99Ms: 0, cpu: [], lateP99Ms: null }
const rampStart = performance.now()
waitAt = runQueueWaitNs()
loop.enable()
if (hosts.length > 0) await askAll({ type: 'loop' })
let windowStart = performance.now()
let windowCpu = process.cpuUsage()
let holdUntil = null
let failedAt = null
while (true) {
  await sleep(TICK_MS)
  const now = performance.now()
  if (failure === null && holdUntil === null) {
    const due = Math.min(MAX, WARMUP_CHATS + Math.floor(((now - rampStart) * RATE) / 1000))
    while (chats.length < due) chats.push(open(chats.length))
    if (chats.length >= MAX) holdUntil = now + HOLD_MS
  }
  if (now - windowStart >= WINDOW_MS) {
    const window = await closeWindow(holdUntil === null && failure === null ? 'ramp' : 'hold', windowStart, windowCpu)
    windowStart = performance.now()
    windowCpu = process.cpuUsage()
    const reason = failure === null ? judge(window) : null
    if (reason !== null) {
      // The breaking point: stop adding chats, and profile the load that broke it (held for one window first).
      failure = reason
      failedAt = window.chats
      holdUntil = performance.now() + WINDOW_MS
    }
    if (holdUntil !== null && performance.now() >= holdUntil) break
  }
}

// --- where the time goes, then memory ---------------------------------------------------------------------------

// With worker threads, the first worker profiles itself (its share of the chats, on its own event loop).
async function takeProfile() {
  if (hosts.length > 0) return ask(hosts[0], { type: 'profile', ms: PROFILE_MS, intervalUs: 500 })
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  await session.post('Profiler.start')
  await sleep(PROFILE_MS)
  const { profile } = await session.post('Profiler.stop')
  session.disconnect()
  return profile
}
const profileCpu = process.cpuUsage()
const profileStart = performance.now()
loop.reset()
if (hosts.length > 0) await askAll({ type: 'loop' })
const profile = await takeProfile()
const profileWindow = await closeWindow('profile', profileStart, profileCpu)

const held = windows.filter((w) => w.phase !== 'profile').at(-1)
const connected = chats.filter((c) => c.connectedAt !== null).length
const after = await weigh()
const result = {
  mode: MODE,
  max: MAX,
  rate: RATE,
  windowMs: WINDOW_MS,
  windows,
  failure,
  failedAt,
  reached: chats.length,
  connected,
  memory: {
    chats: connected,
    heapPerChatBytes: (after.heapUsed - base.heapUsed) / Math.max(1, connected),
    rssPerChatBytes: (after.rss - base.rss) / Math.max(1, connected),
    heapUsedBytes: after.heapUsed,
    rssBytes: after.rss,
    baseHeapBytes: base.heapUsed,
    baseRssBytes: base.rss,
  },
  // CPU per request from the last window before the profile (the profiler's own sampling is not counted).
  cpuUsPerRequest: held.requests ? held.clientCpuUs / held.requests : null,
  workers: WORKERS,
  profile: { ms: PROFILE_MS, chats: hosts.length > 0 ? Math.ceil(profileWindow.chats / hosts.length) : profileWindow.chats, ...summarizeProfile(profile) },
}
send({ type: 'result', result })
chats.forEach((chat) => chat.destroy())
await askAll({ type: 'close' })
await Promise.all(hosts.map((host) => host.terminate()))
process.disconnect?.()
