// Transcript scale: the time and memory one poll that adds 10 entries costs with a transcript of 100
// and of 10,000 entries (the work per poll should not grow with the transcript), and the heap a
// 10,000-entry chat retains. Needs --expose-gc (re-runs itself with it).
import { spawnSync } from 'node:child_process'
import { createChat } from '@gws-chat/core'
import { createFakeGws } from './lib/fake-gws.mjs'
import { fmt, header, median, quantile, saveResult, table } from './lib/report.mjs'

if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.argv.slice(1)], { stdio: 'inherit' })
  process.exit(child.status ?? 1)
}

const PER_POLL = 10
// Polls only when told to (the page coming back into view polls at once): every interval far beyond the run.
const MANUAL = { intervalMs: 3_600_000, activeIntervalMs: 3_600_000, hiddenIntervalMs: 3_600_000, keepAliveMs: 36_000_000 }

/** A connected chat over the in-memory GWS (no latency, no timers) whose transcript holds `size` entries. */
async function chatWith(size) {
  const gws = createFakeGws({ latencyMs: 0 })
  const chat = createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'bench', http: gws.http, polling: MANUAL })
  let waiter = null
  chat.subscribe((snapshot) => {
    if (waiter && snapshot.transcript.length >= waiter.length) {
      const { resolve } = waiter
      waiter = null
      resolve()
    }
  })
  const until = (length) =>
    chat.getSnapshot().transcript.length >= length ? Promise.resolve() : new Promise((resolve) => (waiter = { length, resolve }))
  // The snapshot shows new entries a step before the poller is back to waiting: let it settle before the next poll.
  const pollNow = () => {
    chat.setPageVisible(false)
    chat.setPageVisible(true)
  }
  const settle = () => new Promise((resolve) => setImmediate(resolve))
  chat.start({ nickname: 'Chris', subject: 'bench' })
  await until(1)
  await settle()
  gws.agentJoins()
  while (gws.state.transcript.length < size) gws.agentSays(`line ${gws.state.transcript.length + 1}`)
  pollNow()
  await until(size)
  await settle()
  pollNow() // the chat-state poll that saw the agent restarted polling: wait for it
  await settle()
  /** One poll bringing PER_POLL new entries: wall time and heap allocated (no GC in between, when lucky). */
  async function poll() {
    for (let i = 0; i < PER_POLL; i++) gws.agentSays('new line')
    const target = gws.state.transcript.length
    globalThis.gc()
    const heap = process.memoryUsage().heapUsed
    const start = performance.now()
    pollNow()
    await until(target)
    const ms = performance.now() - start
    await settle()
    return { ms, bytes: process.memoryUsage().heapUsed - heap }
  }
  return { chat, gws, poll }
}

async function measureSize(size, engines, pollsEach) {
  const samples = []
  for (let e = 0; e < engines; e++) {
    const { chat, poll } = await chatWith(size)
    for (let p = 0; p < pollsEach; p++) samples.push(await poll())
    chat.destroy()
  }
  const ms = samples.map((s) => s.ms)
  const bytes = samples.map((s) => s.bytes).filter((b) => b > 0)
  return { size, samples: samples.length, msMedian: median(ms), msP95: quantile(ms, 0.95), bytesMedian: median(bytes) }
}

function settledHeap() {
  globalThis.gc()
  globalThis.gc()
  return process.memoryUsage().heapUsed
}

async function retained(size) {
  const before = settledHeap()
  const { chat, gws } = await chatWith(size)
  // Drop the fake server's copy of the transcript: what is left is the engine's.
  const entries = gws.state.transcript.splice(0)
  gws.appendedAt.clear()
  gws.requests.length = 0
  const text = JSON.stringify(entries)
  entries.length = 0
  const afterChat = settledHeap()
  const raw = JSON.parse(text)
  const afterRaw = settledHeap()
  const result = { size, chatBytes: afterChat - before - text.length, rawParsedBytes: afterRaw - afterChat, transcript: chat.getSnapshot().transcript.length }
  void raw.length
  chat.destroy()
  return result
}

export async function run() {
  await measureSize(1000, 2, 20) // warm-up, discarded
  const small = await measureSize(100, 20, 10)
  const large = await measureSize(10_000, 5, 10)
  const memory = await retained(10_000)
  header(`Transcript scale (one poll adding ${PER_POLL} entries; in-memory GWS, no network)`)
  console.log(table(
    ['Transcript before the poll', 'polls', 'median ms', 'p95 ms', 'median heap allocated kB'],
    [small, large].map((r) => [`${r.size.toLocaleString('en-US')} entries`, r.samples, fmt(r.msMedian, 3), fmt(r.msP95, 3), fmt(r.bytesMedian / 1000, 1)]),
  ))
  const timeRatio = large.msMedian / small.msMedian
  const memoryRatio = large.bytesMedian / small.bytesMedian
  console.log(`\nTime ratio 10,000 / 100: ${fmt(timeRatio, 2)}× (target ≤ 1.5×: ${timeRatio <= 1.5 ? 'met' : 'missed'})`)
  console.log(`Allocation ratio 10,000 / 100: ${fmt(memoryRatio, 2)}× (target ≤ 1.5×: ${memoryRatio <= 1.5 ? 'met' : 'missed'})`)
  console.log(`\nRetained heap of a chat holding ${memory.transcript.toLocaleString('en-US')} entries: ${fmt(memory.chatBytes / 1e6, 2)} MB` +
    ` (${fmt(memory.chatBytes / memory.transcript, 0)} B/entry); the same entries as bare JSON.parse output: ${fmt(memory.rawParsedBytes / 1e6, 2)} MB` +
    ` (${fmt(memory.chatBytes / memory.rawParsedBytes, 2)}×)`)
  saveResult('transcript', { perPoll: PER_POLL, small, large, timeRatio, memoryRatio, memory })
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
