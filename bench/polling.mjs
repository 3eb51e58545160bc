// Polling efficiency under simulated time: requests per minute and agent-message delivery latency
// for an idle, a busy and a hidden-tab conversation; the real engine against two baseline policies.
//   node bench/polling.mjs           report
//   node bench/polling.mjs --check   the engine's request counts against bench/polling-budgets.json
import FakeTimers from '@sinonjs/fake-timers'
import fs from 'node:fs'
import path from 'node:path'
import { createChat } from '@gws-chat/core'
import { createFakeGws } from './lib/fake-gws.mjs'
import { prng } from './lib/prng.mjs'
import { BENCH_DIR, fmt, header, median, quantile, saveResult, table } from './lib/report.mjs'

const SECOND = 1000
const MINUTE = 60 * SECOND
const WARMUP_MS = 20 * SECOND // request, agent joins at 1 s, the engine settles to its resting interval
const WINDOW_MS = 10 * MINUTE
const TAIL_MS = 30 * SECOND // lets the last line arrive; requests in the tail are not counted
const LATENCY_MS = 50 // simulated round trip of every request
export const SEEDS = 50 // runs per conversation and policy, each with its own seeded script

// ---- Conversation scripts: actions at times relative to the start of the window. ----

/**
 * idle: 10 min, the agent says one line every 2 minutes (at 1, 3, 5, 7 and 9 min, each moved by a seeded
 * 0–10 s so lines do not fall on the same phase of the poll cycle in every run); the visitor is silent.
 */
function idleScript(seed) {
  const random = prng(seed)
  return [0, 1, 2, 3, 4].map((k) => ({ at: MINUTE + k * 2 * MINUTE + Math.round(random() * 10 * SECOND), do: 'agentSays' }))
}

/** hidden: the idle script with the page hidden from the start of the window. */
function hiddenScript(seed) {
  return [{ at: 0, do: 'hide' }, ...idleScript(seed)]
}

/**
 * busy: 10 min, visitor and agent alternate, one line every 10–20 s (uniform, seeded). Each side types
 * for 3 s before its line: the visitor through setTyping(true), the agent as a TypingStarted entry.
 */
function busyScript(seed) {
  const random = prng(seed)
  const actions = []
  let t = 0
  let visitor = true
  for (;;) {
    t += 10 * SECOND + Math.round(random() * 10 * SECOND)
    if (t >= WINDOW_MS) break
    actions.push({ at: t - 3 * SECOND, do: visitor ? 'visitorTypes' : 'agentTypes' })
    actions.push({ at: t, do: visitor ? 'visitorSays' : 'agentSays' })
    visitor = !visitor
  }
  return actions
}

export const SCRIPTS = { idle: idleScript, busy: busyScript, hidden: hiddenScript }

// ---- Clients: the real engine, and the two baselines. ----

function engineClient(gws, polling) {
  const chat = createChat({
    baseUrl: 'https://gws.example.com',
    contactCenterId: 'bench',
    http: gws.http,
    random: prng(1),
    ...(polling ? { polling } : {}),
  })
  const received = new Map()
  chat.subscribe((snapshot) => {
    for (const entry of snapshot.transcript) if (!received.has(entry.index)) received.set(entry.index, Date.now())
  })
  return {
    received,
    start: () => chat.start({ nickname: 'Chris', subject: 'bench' }),
    typing: () => chat.setTyping(true),
    send: (text) => chat.send(text),
    hide: () => chat.setPageVisible(false),
    status: () => chat.getSnapshot().status,
    stop: () => chat.destroy(),
  }
}

/**
 * A baseline client: polls GetMessages and GetChat together, one poll at a time, the next one
 * `delay()` after the previous answer. `fixed`: always 3000 ms. `widget` (the Genesys widget's policy):
 * 3000 ms resting, 500 ms after activity (a send, typing, a new entry from the other side), then ×1.2
 * per poll back to 3000 ms; no error backoff. Neither slows down in a hidden tab.
 */
function baselineClient(gws, policy) {
  const headers = { Accept: 'application/json', ContactCenterId: 'bench' }
  const received = new Map()
  let location = null
  let lastIndex = 0
  let delay = 3000
  let timer = null
  let polling = false
  let stopped = false
  const call = async (method, url, body) => {
    const signal = new AbortController().signal
    const response = await gws.http({ method, url, headers, signal, withCredentials: true, ...(body ? { body: JSON.stringify(body) } : {}) })
    return JSON.parse(response.body)
  }
  const schedule = (ms) => {
    clearTimeout(timer)
    if (!stopped) timer = setTimeout(poll, ms)
  }
  const activity = () => {
    if (policy !== 'widget') return
    delay = 500
    if (!polling) schedule(delay)
  }
  async function poll() {
    polling = true
    const [messages] = await Promise.all([call('GET', `${location}/messages?index=${lastIndex + 1}`), call('GET', location)])
    let fresh = false
    for (const entry of messages.messages) {
      if (entry.index !== lastIndex + 1) continue
      lastIndex = entry.index
      received.set(entry.index, Date.now())
      if (entry.from.type !== 'Customer') fresh = true
    }
    polling = false
    if (policy === 'widget') delay = fresh ? 500 : Math.min(3000, delay * 1.2)
    schedule(delay)
  }
  return {
    received,
    async start() {
      const answer = await call('POST', 'https://gws.example.com/api/v2/chats', { operationName: 'RequestChat', nickname: 'Chris', subject: 'bench' })
      location = `https://gws.example.com${answer.path}`
      poll()
    },
    typing: () => {
      call('POST', location, { operationName: 'SendStartTypingNotification' })
      activity()
    },
    send: (text) => {
      call('POST', location, { operationName: 'SendStopTypingNotification' })
      call('POST', location, { operationName: 'SendMessage', text })
      activity()
    },
    hide: () => {},
    status: () => (location ? 'connected' : 'requesting'),
    stop: () => {
      stopped = true
      clearTimeout(timer)
    },
  }
}

export const POLICIES = {
  engine: { label: 'gws-chat (engine defaults)', create: engineClient },
  widget: { label: 'Genesys widget policy', create: (gws) => baselineClient(gws, 'widget') },
  fixed: { label: 'fixed 3 s', create: (gws) => baselineClient(gws, 'fixed') },
}

/** Runs one script against one client under a fake clock; returns request counts and latencies. */
export async function simulate(scriptName, policyName, seed = 1) {
  const clock = FakeTimers.install({ now: 0, toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] })
  try {
    const gws = createFakeGws({ latencyMs: LATENCY_MS })
    const client = POLICIES[policyName].create(gws)
    const started = client.start()
    await clock.tickAsync(SECOND)
    await started
    gws.agentJoins()
    await clock.tickAsync(WARMUP_MS - SECOND)
    const t0 = Date.now()
    const script = SCRIPTS[scriptName](seed)
    const agentLines = []
    for (const action of script) {
      await clock.tickAsync(t0 + action.at - Date.now())
      if (action.do === 'agentSays') agentLines.push(gws.agentSays(`agent line ${agentLines.length + 1}`))
      else if (action.do === 'agentTypes') gws.agentTypes()
      else if (action.do === 'visitorTypes') client.typing()
      else if (action.do === 'visitorSays') client.send('visitor line')
      else if (action.do === 'hide') client.hide()
    }
    await clock.tickAsync(t0 + WINDOW_MS + TAIL_MS - Date.now())
    const status = client.status()
    client.stop()
    const inWindow = gws.requests.filter((r) => r.time >= t0 && r.time < t0 + WINDOW_MS)
    const count = (ops) => inWindow.filter((r) => ops.includes(r.operation)).length
    const latencies = agentLines.map((index) => (client.received.has(index) ? client.received.get(index) - gws.appendedAt.get(index) : null))
    return {
      status,
      getMessages: count(['GetMessages']),
      getChat: count(['GetChat']),
      total: inWindow.length,
      agentLines: agentLines.length,
      latencies: latencies.filter((x) => x !== null),
    }
  } finally {
    clock.uninstall()
  }
}

/** The runs of one conversation and policy over every seed: counts per 10-minute window (mean), latencies pooled. */
export async function measure(scriptName, policyName, seeds = SEEDS) {
  const runs = []
  for (let seed = 1; seed <= seeds; seed++) runs.push(await simulate(scriptName, policyName, seed))
  const sum = (key) => runs.reduce((total, run) => total + run[key], 0)
  const latencies = runs.flatMap((run) => run.latencies)
  const minutes = (WINDOW_MS / MINUTE) * runs.length
  return {
    script: scriptName,
    policy: policyName,
    runs: runs.length,
    getMessages: sum('getMessages'),
    getChat: sum('getChat'),
    polls: sum('getMessages') + sum('getChat'),
    total: sum('total'),
    pollsPerMinute: (sum('getMessages') + sum('getChat')) / minutes,
    totalPerMinute: sum('total') / minutes,
    agentLines: sum('agentLines'),
    delivered: latencies.length,
    latencyMedian: median(latencies),
    latencyP95: quantile(latencies, 0.95),
    latencyMax: latencies.length ? Math.max(...latencies) : null,
    endStatus: [...new Set(runs.map((run) => run.status))].join(', '),
  }
}

const BUDGET_FILE = path.join(BENCH_DIR, 'polling-budgets.json')

export async function run({ check = false } = {}) {
  const results = []
  for (const script of Object.keys(SCRIPTS)) {
    for (const policy of Object.keys(POLICIES)) {
      if (check && policy !== 'engine') continue
      results.push(await measure(script, policy))
    }
  }
  if (check) {
    const budgets = JSON.parse(fs.readFileSync(BUDGET_FILE, 'utf8'))
    const rows = results.map((r) => {
      const budget = budgets[r.script]
      const ok = r.total <= budget.maxRequests && r.delivered === r.agentLines
      return { ...r, budget: budget.maxRequests, ok }
    })
    console.log(table(
      [`Conversation (${SEEDS} runs of 10 min)`, 'Requests', 'Budget', 'Agent lines delivered', 'Status'],
      rows.map((r) => [r.script, r.total, r.budget, `${r.delivered}/${r.agentLines}`, r.ok ? 'ok' : 'OVER BUDGET']),
    ))
    if (rows.some((r) => !r.ok)) {
      console.error('\npolling request budget check failed')
      process.exitCode = 1
    } else console.log('\npolling request budget check passed')
    return results
  }

  header(`Polling efficiency (simulated time: ${SEEDS} seeded runs of ${WINDOW_MS / MINUTE} min per row, ${LATENCY_MS} ms round trip)`)
  const get = (script, policy) => results.find((r) => r.script === script && r.policy === policy)
  console.log(table(
    ['Conversation', 'Policy', 'polls/min', 'GetMessages/min', 'GetChat/min', 'all req/min', 'delivered', 'median ms', 'p95 ms', 'max ms', 'polls vs widget', 'polls vs fixed'],
    results.map((r) => [
      r.script,
      POLICIES[r.policy].label,
      fmt(r.pollsPerMinute, 1),
      fmt(r.getMessages / (r.runs * WINDOW_MS / MINUTE), 1),
      fmt(r.getChat / (r.runs * WINDOW_MS / MINUTE), 1),
      fmt(r.totalPerMinute, 1),
      `${r.delivered}/${r.agentLines}`,
      fmt(r.latencyMedian, 0),
      fmt(r.latencyP95, 0),
      fmt(r.latencyMax, 0),
      `${fmt(r.polls / get(r.script, 'widget').polls, 2)}×`,
      `${fmt(r.polls / get(r.script, 'fixed').polls, 2)}×`,
    ]),
  ))
  const verdicts = Object.keys(SCRIPTS).flatMap((script) => ['engine'].map((policy) => {
    const ours = get(script, policy)
    const widget = get(script, 'widget')
    const ratio = ours.polls / widget.polls
    const transcriptOnly = ours.polls / widget.getMessages
    const p95ok = ours.latencyP95 <= widget.latencyP95
    return { script, policy, ratio, transcriptOnly, p95: ours.latencyP95, widgetP95: widget.latencyP95, met: script === 'hidden' ? null : ratio <= 0.6 && p95ok }
  }))
  console.log('\nTarget (issue 5): at most 0.6× the widget policy\'s requests at an equal or better p95.\n')
  console.log(table(
    ['Conversation', 'Policy', 'polls vs widget', 'vs a widget polling GetMessages only', 'p95 ms', 'p95 widget ms', 'Target'],
    verdicts.map((v) => [v.script, POLICIES[v.policy].label, `${fmt(v.ratio, 2)}×`, `${fmt(v.transcriptOnly, 2)}×`, fmt(v.p95, 0), fmt(v.widgetP95, 0), v.met === null ? 'n/a (issue 5 targets idle and busy)' : v.met ? 'met' : 'missed']),
  ))
  saveResult('polling', { windowMs: WINDOW_MS, latencyMs: LATENCY_MS, results, verdicts })
  return results
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run({ check: process.argv.includes('--check') })
}
