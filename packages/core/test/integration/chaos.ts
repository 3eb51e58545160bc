import { startSimulator, type ChatView, type FaultKind, type FaultRule, type Scenario, type Simulator } from './simulator'
import { createChat, createFetchAdapter, createOfetchAdapter, isPlaceholder, type Chat, type ChatSnapshot, type HttpAdapter, type TranscriptEntry } from '../../src'
import { resolvePolling } from '../../src/machine/polling-policy'
import { flakyNetwork, type FlakyNetwork } from './flaky-network'
import { HOSTILE_ACTS, hostileServer, serverNormalise, type HostileAct, type HostileServer } from './hostile-server'
import { mulberry32, sleep } from './harness'

/**
 * The chaos runner: many simulated chats, each against its own simulator with
 * seeded faults, driven by a seeded visitor that types, goes offline, loses
 * the network and ends; afterwards each chat's server transcript is compared
 * with what the visitor was shown.
 *
 * Two seeds per chat derive from the run's seed: one for the simulator's fault
 * draws, one for the script (messages, timings, offline windows, who ends).
 * Requests race over real sockets, so a replay repeats the script and the
 * fault rules exactly and the faulted requests nearly so.
 *
 * Hostile mode (`hostile`) puts `hostile-server.ts` between the engine and the
 * simulator (odd entries, gaps, normalised texts, absurd Retry-After; its own
 * seed per chat) and has the visitor type texts a normalising server changes.
 */

export interface ChaosConfig {
  seed: number
  chats: number
  /** Chats run at once. */
  concurrency: number
  /** Include typing notifications in the visitor's script. */
  typing: boolean
  /** Run only these chat numbers (replay). */
  only?: number[]
  /** Multiplies every fault probability. */
  faultRate: number
  /** A hostile server between the engine and the simulator (see `hostile-server.ts`). */
  hostile: boolean
  /** Hostile mode: gaps may stand over and in front of the visitor's own messages (the default; GWS_CHAOS_GAPS_BEFORE_ECHOES=0 keeps them clear). */
  gapsBeforeEchoes: boolean
}

export const CONTACT_CENTER = 'cc-chaos'
/** Simulator durations × 0.05: the 45 s keep-alive becomes 2.25 s, an agent's 2 s join 100 ms. */
export const TIME_SCALE = 0.05
const KEEP_ALIVE_MS = 45_000 * TIME_SCALE

/** Short, but inside the scaled keep-alive even when a stall and a backoff follow each other. */
export const CHAOS_POLLING = {
  intervalMs: 100,
  activeIntervalMs: 25,
  easeMs: 300,
  keepAliveMs: KEEP_ALIVE_MS,
  backoffBaseMs: 25,
  backoffMaxMs: 300,
  requestTimeoutMs: 800,
  /** Retry-After is obeyed up to 300 ms (the backoff ceiling): an absurd one (the hostile server's 3,000,000 s or year 9999) costs no more. */
  maxRetryAfterMs: 300,
}

/** Chance of each fault per request (before `faultRate`), on every operation but RequestChat. */
export const FAULT_MIX: Record<FaultKind, number> = {
  'http-error': 0.04,
  'rate-limit': 0.03,
  'malformed-json': 0.03,
  'wrong-body': 0.03,
  'drop-after-apply': 0.04,
  'drop-before-apply': 0.03,
  stall: 0.015,
  latency: 0.1,
}

/** RequestChat is left alone: the engine does not retry it by design (an applied one cannot be told from a lost one). */
const FAULTED_OPERATIONS = ['GetChat', 'GetMessages', 'SendMessage', 'Complete', 'SendStartTypingNotification', 'SendStopTypingNotification'] as const

function envNumber(name: string): number | undefined {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return undefined
  const value = Number(raw)
  if (!Number.isFinite(value)) throw new TypeError(`${name} must be a number (got ${JSON.stringify(raw)})`)
  return value
}

export function chaosConfigFromEnv(defaults: Partial<ChaosConfig> = {}): ChaosConfig {
  const seedRaw = process.env.GWS_CHAOS_SEED
  const seed = seedRaw === 'random' ? Math.floor(Math.random() * 2 ** 31) : (envNumber('GWS_CHAOS_SEED') ?? defaults.seed ?? 1)
  const only = process.env.GWS_CHAOS_ONLY?.split(',').filter(Boolean).map(Number)
  return {
    seed,
    chats: envNumber('GWS_CHAOS_CHATS') ?? defaults.chats ?? 100,
    concurrency: envNumber('GWS_CHAOS_CONCURRENCY') ?? defaults.concurrency ?? 16,
    typing: process.env.GWS_CHAOS_TYPING === '1' || (defaults.typing ?? false),
    faultRate: envNumber('GWS_CHAOS_FAULT_RATE') ?? defaults.faultRate ?? 1,
    hostile: process.env.GWS_CHAOS_HOSTILE === '1' ? true : process.env.GWS_CHAOS_HOSTILE === '0' ? false : (defaults.hostile ?? false),
    gapsBeforeEchoes: process.env.GWS_CHAOS_GAPS_BEFORE_ECHOES !== '0' && (defaults.gapsBeforeEchoes ?? true),
    ...(only && only.length > 0 ? { only } : {}),
  }
}

/** A 32-bit hash of the run seed, the chat number and a purpose, so every stream is independent. */
function derive(seed: number, chat: number, purpose: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(chat + 1, 0xc2b2ae35) ^ Math.imul(purpose + 7, 0x27d4eb2f)
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/** What one chat will do; all of it drawn from the chat's script seed. */
export interface ChatPlan {
  n: number
  texts: string[]
  /** Milliseconds to wait before each message. */
  gaps: number[]
  sendWhileQueued: boolean
  endBy: 'customer' | 'agent'
  offline?: { atMs: number; forMs: number }
  outage?: { atMs: number; forMs: number }
  /** Lines the agent adds on its own, after the reply to message k. */
  agentLines: number[]
  adapter: 'fetch' | 'ofetch'
  scenario: Scenario
  faults: FaultRule[]
}

const WORDS = ['hello', 'ok', 'my order', 'refund please', 'thanks', 'what about shipping?', 'ok', 'é ü ß 😀', '  spaced  ', 'yes']
/** Hostile mode: texts a normalising server changes (decomposed accents, CRLF, a bell, a zero-width space), around a plain core. */
const HOSTILE_WORDS = ['cafe\u0301 au lait', 'line one\r\nline two', 'ring\u0007 the bell', 'ok', 'A\u030angstro\u0308m', 'tab\there', 'zero\u200bwidth', 'thanks']
const HOSTILE_EDGES = ['', '', ' ', '  ', '\t', '\r\n', '\u0007', ' \u0000']

export function planChat(config: ChaosConfig, n: number): ChatPlan {
  const random = mulberry32(derive(config.seed, n, 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const between = (min: number, max: number) => Math.round(min + random() * (max - min))
  const count = between(3, 6)
  const texts: string[] = []
  for (let k = 0; k < count; k++) {
    // Now and then the same text twice in a row ("ok", "ok"): echoes must still be matched one to one.
    if (k > 0 && random() < 0.15) texts.push(texts[k - 1]!)
    else if (config.hostile) texts.push(`${pick(HOSTILE_EDGES)}${pick(HOSTILE_WORDS)} #${n}.${k + 1}${pick(HOSTILE_EDGES)}`)
    else texts.push(`${pick(WORDS)} #${n}.${k + 1}`)
  }
  const duration = count * 120
  const plan: ChatPlan = {
    n,
    texts,
    gaps: texts.map(() => between(0, 200)),
    sendWhileQueued: random() < 0.25,
    endBy: random() < 0.2 ? 'agent' : 'customer',
    agentLines: random() < 0.3 ? [between(0, count - 1)] : [],
    adapter: random() < 0.5 ? 'fetch' : 'ofetch',
    scenario: {
      name: 'chaos',
      queue: random() < 0.5 ? { systemNickname: 'system', noticeEveryMs: 4_000, noticeText: 'Please hold.' } : false,
      agent: {
        nickname: 'Agent',
        joinAfterMs: between(0, 3_000),
        typingBeforeReplyMs: between(0, 1_000),
        greeting: 'Hello, {nickname} here.',
        reply: { template: 'Re: {text}' },
      },
    },
    faults: [],
  }
  const window = () => ({ atMs: between(0, duration), forMs: between(100, 600) })
  const network = random()
  if (network < 0.3) plan.offline = window()
  else if (network < 0.45) plan.outage = window()
  plan.faults = (Object.entries(FAULT_MIX) as [FaultKind, number][]).map(([kind, p]) => ({
    kind,
    operation: [...FAULTED_OPERATIONS],
    probability: Math.min(1, p * config.faultRate * (0.5 + random())),
    ...(kind === 'rate-limit' ? { retryAfterSeconds: 0 } : {}),
    ...(kind === 'latency' ? { latencyMs: between(200, 4_000) } : {}), // × 0.05: 10–200 ms, under the request timeout
  }))
  return plan
}

export interface ChatResult {
  n: number
  chatId: string | null
  plan: ChatPlan
  /** Visitor texts: typed, on the server, shown to the visitor. */
  visitorSent: number
  visitorOnServer: number
  visitorShown: number
  /** Agent texts: on the server, shown to the visitor. */
  agentOnServer: number
  agentShown: number
  lost: number
  duplicated: number
  wrongEnd: boolean
  /** Times the visitor had to press End again after an error. */
  endRetries: number
  /** Times the visitor pressed Retry on a message the engine gave up on. */
  messageRetries: number
  faults: Partial<Record<FaultKind, number>>
  requests: number
  /** Error events the visitor's engine emitted, by code. */
  errors: Record<string, number>
  /** Hostile mode only. */
  hostile?: HostileFigures
  /** Hostile mode: GetMessages closer than the floor, or a long wait after an absurd Retry-After. */
  badPace: boolean
  /** With GWS_CHAOS_TRACE=1 (hostile mode): every request of the chat and what the visitor was shown; printed for the chats that went wrong and for every chat of a replay. */
  trace?: readonly string[]
  problems: string[]
  ms: number
}

/** What the hostile server did to one chat, and how the engine's requests were paced meanwhile. */
export interface HostileFigures {
  acts: Record<HostileAct, number>
  /** Indices withheld for good, and how many of them a `Missing` placeholder covers. */
  withheld: number
  withheldCovered: number
  /** Shortest time between two GetMessages of the transcript poller while the chat runs (ms; Infinity with fewer than two). */
  minMessagesSpacingMs: number
  /** The same, the final fetch after the end included. */
  minFinalSpacingMs: number
  /** Longest time from an absurd Retry-After answer to the next request of the same operation (ms). */
  maxRetryAfterWaitMs: number
  /** Most requests the engine made in any one second. */
  maxRequestsPerSecond: number
}

/**
 * GetMessages of one poller start at least `polling.minIntervalMs` apart by the engine's clock, but its timers run on
 * libuv's loop time, cached at the start of each loop turn: under the load of 16 chats at once a timer can fire a few
 * ms early by the wall clock (22.6 ms for a 25 ms floor was seen). Half the floor is asserted: a flood (a Retry-After
 * overflowing a timer, a loop without delay) starts requests a millisecond or less apart.
 */
export function spacingFloorMs(): number {
  return minIntervalMs() / 2
}
/**
 * An absurd Retry-After must cost at most `maxRetryAfterMs` (300 ms) plus an offline window (≤ 600 ms) plus a loaded
 * event loop; obeying the header would cost 60 s or more. Only this gross difference is asserted.
 */
export const RETRY_AFTER_WAIT_LIMIT_MS = 5_000

function until(chat: Chat, test: (s: ChatSnapshot) => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let unsubscribe = () => {}
    const timer = setTimeout(() => {
      unsubscribe()
      resolve(false)
    }, timeoutMs)
    const check = (s: ChatSnapshot) => {
      if (!test(s)) return false
      clearTimeout(timer)
      unsubscribe()
      resolve(true)
      return true
    }
    if (check(chat.getSnapshot())) return
    unsubscribe = chat.subscribe(check)
  })
}

async function waitFor(test: () => boolean, timeoutMs: number, everyMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (test()) return true
    await sleep(everyMs)
  }
  return test()
}

const visible = (view: ChatView | undefined) => (view?.transcript ?? []).filter((e) => e.index !== undefined && e.visibility === 'All')

/** Every visitor Text sent while an agent was in the chat has its reply on the server. */
function repliesDone(view: ChatView | undefined): boolean {
  if (!view) return false
  const owed = new Map<string, number>()
  let agentIn = false
  for (const e of view.transcript) {
    if (e.from.type === 'Agent' && e.type === 'ParticipantJoined') agentIn = true
    if (e.from.type === 'Agent' && e.type === 'ParticipantLeft') agentIn = false
    if (e.type !== 'Text') continue
    if (e.from.type === 'Customer' && agentIn) owed.set(e.text ?? '', (owed.get(e.text ?? '') ?? 0) + 1)
    if (e.from.type === 'Agent' && e.text?.startsWith('Re: ')) {
      const text = e.text.slice(4)
      owed.set(text, (owed.get(text) ?? 0) - 1)
    }
  }
  return [...owed.values()].every((n) => n <= 0)
}

/** The visitor has everything the server holds for them, and nothing waits in the outbox. */
function settled(sim: Simulator, chat: Chat, id: string): boolean {
  const view = sim.chat(id)
  const s = chat.getSnapshot()
  return s.outbox.length === 0 && repliesDone(view) && s.transcript.length >= visible(view).length
}

/** Drive one chat from start to end and judge it. */
export async function runChat(config: ChaosConfig, n: number): Promise<ChatResult> {
  const plan = planChat(config, n)
  const began = Date.now()
  const problems: string[] = []
  const sim = await startSimulator({
    port: 0,
    timeScale: TIME_SCALE,
    seed: derive(config.seed, n, 2),
    contactCenterIds: [CONTACT_CENTER],
    idleAlertMs: 100_000_000,
    scenario: plan.scenario,
    faults: plan.faults,
  })
  const net: FlakyNetwork = flakyNetwork(plan.adapter === 'fetch' ? createFetchAdapter() : createOfetchAdapter())
  let id: string | null = null
  // Engine → hostile server → network → simulator: the hostile side sees every request the engine makes.
  const hostile: HostileServer | null = config.hostile
    ? hostileServer(net.http, {
        random: mulberry32(derive(config.seed, n, 4)),
        ended: () => id !== null && sim.chat(id)?.ended === true,
        gapsBeforeEchoes: config.gapsBeforeEchoes,
      })
    : null
  const http: HttpAdapter = hostile?.http ?? net.http
  const chat = createChat({
    baseUrl: sim.url,
    contactCenterId: CONTACT_CENTER,
    http,
    polling: CHAOS_POLLING,
    random: mulberry32(derive(config.seed, n, 3)),
    persistence: false,
  })
  const errors: Record<string, number> = {}
  chat.on('error', ({ error }) => {
    errors[error.code] = (errors[error.code] ?? 0) + 1
  })
  let userEndRetries = 0
  let messageRetries = 0
  try {
    chat.start({ nickname: `Visitor ${n}`, subject: 'Chaos' })
    if (!(await until(chat, (s) => s.chatId !== null || s.status === 'error', 5_000)) || chat.getSnapshot().chatId === null) {
      problems.push(`no chat created (status ${chat.getSnapshot().status})`)
      return judge()
    }
    id = chat.getSnapshot().chatId!
    const chatId = id
    if (!plan.sendWhileQueued || plan.endBy === 'agent') {
      if (!(await until(chat, (s) => s.status === 'connected', 5_000))) problems.push('the agent never showed as connected')
    }

    const windows: Promise<void>[] = []
    if (plan.offline) {
      const { atMs, forMs } = plan.offline
      windows.push(
        sleep(atMs).then(async () => {
          net.cut()
          chat.actor.send({ type: 'network.offline' })
          await sleep(forMs)
          net.restore()
          chat.actor.send({ type: 'network.online' })
        }),
      )
    }
    if (plan.outage) {
      const { atMs, forMs } = plan.outage
      windows.push(
        sleep(atMs).then(async () => {
          net.cut()
          await sleep(forMs)
          net.restore()
        }),
      )
    }

    for (let k = 0; k < plan.texts.length; k++) {
      await sleep(plan.gaps[k]!)
      if (config.typing) chat.setTyping(true)
      try {
        chat.send(plan.texts[k]!)
      } catch (error) {
        problems.push(`send #${k + 1} refused: ${(error as Error).message}`)
      }
      if (plan.agentLines.includes(k)) {
        try {
          sim.agent(chatId).say(`Note ${n}.${k + 1}`)
        } catch {
          // No agent in the chat yet: the line is simply not said.
        }
      }
    }
    await Promise.all(windows)

    // A message the engine gave up on (five failed attempts in a row) shows a Retry button: the visitor presses it.
    let isSettled = await waitFor(() => settled(sim, chat, chatId) || chat.getSnapshot().outbox.some((m) => m.status === 'failed'), 15_000)
    while (!settled(sim, chat, chatId) && messageRetries < 3 && chat.getSnapshot().outbox.some((m) => m.status === 'failed')) {
      for (const message of chat.getSnapshot().outbox.filter((m) => m.status === 'failed')) {
        messageRetries += 1
        chat.retryMessage(message.id)
      }
      isSettled = await waitFor(() => settled(sim, chat, chatId) || chat.getSnapshot().outbox.some((m) => m.status === 'failed'), 15_000)
    }
    if (!isSettled || !settled(sim, chat, chatId)) {
      problems.push(`never settled: ${describeChat(chat.getSnapshot())}`)
    }

    if (plan.endBy === 'customer') {
      chat.end()
      await until(chat, (s) => s.status === 'ended' || s.status === 'error', 8_000)
      // A visitor who sees an error after pressing End presses it again.
      while (chat.getSnapshot().status === 'error' && userEndRetries < 3) {
        userEndRetries += 1
        problems.push(`error after End: ${chat.getSnapshot().error?.message}`)
        chat.end()
        await waitFor(() => chat.getSnapshot().status === 'ended' || chat.actor.getSnapshot().matches({ error: 'waiting' }), 8_000)
      }
    } else {
      try {
        sim.agent(chatId).end(`Bye from agent ${n}`)
      } catch (error) {
        problems.push(`agent could not end: ${(error as Error).message}`)
      }
    }
    await until(chat, (s) => s.status === 'ended', 8_000)
    // Complete failed every time and the chat ended here with the error kept, by design: the server closes the chat
    // itself once it is no longer polled (the keep-alive). Wait for that before judging.
    if (plan.endBy === 'customer' && chat.getSnapshot().error !== null && id) {
      await waitFor(() => sim.chat(id!)?.ended === true, KEEP_ALIVE_MS * 3)
    }
    if (userEndRetries > 0) {
      const completes = sim.requests.filter((r) => r.operation === 'Complete').map((r) => `${r.status}${r.fault ? ` ${r.fault}` : ''}`)
      problems.push(`the visitor had to press End ${userEndRetries + 1} times (Complete requests: ${completes.join(', ')})`)
    }
    return judge()
  } catch (error) {
    problems.push(`driver failed: ${(error as Error).stack ?? String(error)}`)
    return judge()
  } finally {
    chat.destroy()
    await sim.close()

  }

  function judge(): ChatResult {
    const view = id ? sim.chat(id) : undefined
    const s = chat.getSnapshot()
    const serverEntries = visible(view)
    const serverVisitor = serverEntries.filter((e) => e.type === 'Text' && e.from.type === 'Customer').map((e) => e.text ?? '')
    const serverAgent = serverEntries.filter((e) => e.type === 'Text' && e.from.type === 'Agent')
    const shownVisitor = s.transcript.filter((e) => e.type === 'Text' && e.from.type === 'Customer')
    const shownAgent = s.transcript.filter((e) => e.type === 'Text' && e.from.type === 'Agent')
    let lost = 0
    let duplicated = 0
    // A hostile server stores the visitor's texts normalised: texts are compared the way it stores them.
    const norm = config.hostile ? serverNormalise : (text: string) => text

    // Visitor → server: each typed text arrives as often as it was typed, in the order typed.
    const typed = countBy(plan.texts.map(norm))
    const arrived = countBy(serverVisitor.map(norm))
    for (const [text, times] of typed) {
      const got = arrived.get(text) ?? 0
      if (got < times) {
        lost += times - got
        problems.push(`visitor text ${JSON.stringify(text)} typed ${times}×, on the server ${got}×`)
      } else if (got > times) {
        duplicated += got - times
        problems.push(`visitor text ${JSON.stringify(text)} typed ${times}×, on the server ${got}×`)
      }
    }
    if (lost === 0 && duplicated === 0 && serverVisitor.map(norm).join('\n') !== plan.texts.map(norm).join('\n')) {
      problems.push(`visitor texts out of order on the server: ${JSON.stringify(serverVisitor)}`)
      lost += 1
    }

    // Server → visitor: every entry once, at its index, up to where the visitor stopped listening.
    const indices = s.transcript.map((e) => e.index)
    const seen = new Set<number>()
    for (const index of indices) {
      if (seen.has(index)) {
        duplicated += 1
        problems.push(`index ${index} shown twice`)
      }
      seen.add(index)
    }
    // After the visitor's Complete the server adds the visitor's own leave, which is never fetched.
    const expectedShown = plan.endBy === 'customer' ? serverEntries.filter((e) => !(e.type === 'ParticipantLeft' && e.from.type === 'Customer')) : serverEntries
    // Placeholders (`Missing` over skipped indices, `Unreadable`) may only stand where the hostile server withheld an entry for good.
    const covered = new Map<number, TranscriptEntry>()
    for (const e of s.transcript) if (isPlaceholder(e)) for (let i = e.missingFrom ?? e.index; i <= e.index; i++) covered.set(i, e)
    const withheld = hostile?.withheld ?? new Set<number>()
    let withheldCovered = 0
    for (const entry of expectedShown) {
      const shown = s.transcript.find((e) => e.index === entry.index)
      const placeholder = covered.get(entry.index!)
      if (withheld.has(entry.index!)) {
        if (placeholder?.type === 'Missing') withheldCovered += 1
        else if (shown) {
          lost += 1
          problems.push(`entry ${entry.index} was withheld for good, but the visitor was shown ${shown.type} ${JSON.stringify(shown.text)} there`)
        } else problems.push(`entry ${entry.index} was withheld for good and no placeholder covers it (no later entry was fetched)`)
      } else if (placeholder) {
        lost += 1
        problems.push(`server entry ${entry.index} (${entry.type} ${JSON.stringify(entry.text)}) shown as a ${placeholder.type} placeholder${placeholder.missingFrom !== undefined ? ` over ${placeholder.missingFrom}–${placeholder.index}` : ''}`)
      } else if (!shown) {
        if (entry.type === 'Text' || entry.type === 'Notice' || entry.type === 'PushUrl') {
          lost += 1
          problems.push(`server entry ${entry.index} (${entry.type} ${JSON.stringify(entry.text)}) never shown`)
        } else if (plan.endBy === 'agent') {
          problems.push(`server entry ${entry.index} (${entry.type}) never shown`)
        }
      } else if (shown.type !== entry.type || norm(shown.text ?? '') !== norm(entry.text ?? '') || shown.from.type !== entry.from.type) {
        lost += 1
        problems.push(`entry ${entry.index} differs: server ${entry.type} ${JSON.stringify(entry.text)}, shown ${shown.type} ${JSON.stringify(shown.text)}`)
      }
    }
    // Nothing the server does not have: junk entries never become messages.
    const onServer = new Set(serverEntries.map((e) => e.index))
    for (const e of s.transcript) {
      if (isPlaceholder(e) || onServer.has(e.index)) continue
      duplicated += 1
      problems.push(`the visitor was shown ${e.type} ${JSON.stringify(e.text)} at ${e.index}, which the server does not have`)
    }
    for (const m of s.outbox) {
      if (!(arrived.get(norm(m.text)) ?? 0)) problems.push(`outbox still holds ${JSON.stringify(m.text)} (${m.status})`)
    }

    const endReasonOk = s.status === 'ended' && s.endReason === plan.endBy
    // An end the server never received (every Complete failed, the error kept) is closed by its keep-alive instead.
    const abandoned = plan.endBy === 'customer' && endReasonOk && s.error !== null && view?.ended === true && view.endedBy !== plan.endBy
    const serverOk = (view?.ended === true && view.endedBy === plan.endBy) || abandoned
    const wrongEnd = !endReasonOk || !serverOk || userEndRetries > 0
    if (!endReasonOk) problems.push(`ended as ${s.status}/${s.endReason}, expected ended/${plan.endBy}`)
    if (!serverOk) problems.push(`server: ended=${view?.ended} endedBy=${view?.endedBy}, expected ${plan.endBy}`)

    const faults: Partial<Record<FaultKind, number>> = {}
    for (const r of sim.requests) if (r.fault) faults[r.fault] = (faults[r.fault] ?? 0) + 1
    const pace = hostile ? hostileFigures(hostile, withheldCovered) : undefined
    const badPace = pace !== undefined && (pace.minMessagesSpacingMs < spacingFloorMs() || pace.maxRetryAfterWaitMs >= RETRY_AFTER_WAIT_LIMIT_MS)
    if (pace && badPace) problems.push(`paced badly: GetMessages ${pace.minMessagesSpacingMs.toFixed(1)} ms apart at the closest, ${Math.round(pace.maxRetryAfterWaitMs)} ms after an absurd Retry-After at the longest`)
    return {
      n,
      chatId: id,
      plan,
      visitorSent: plan.texts.length,
      visitorOnServer: serverVisitor.length,
      visitorShown: shownVisitor.length,
      agentOnServer: serverAgent.length,
      agentShown: shownAgent.length,
      lost,
      duplicated,
      wrongEnd,
      endRetries: userEndRetries,
      messageRetries,
      faults,
      requests: sim.requests.length,
      errors,
      ...(pace ? { hostile: pace } : {}),
      badPace,
      ...(hostile && process.env.GWS_CHAOS_TRACE === '1' ? { trace: [...hostile.trace, `shown: ${s.transcript.map((e) => `${e.index}:${e.type}${e.text !== undefined ? ` ${JSON.stringify(e.text)}` : ''}`).join(', ')}`] } : {}),
      problems,
      ms: Date.now() - began,
    }
  }
}

function hostileFigures(hostile: HostileServer, withheldCovered: number): HostileFigures {
  const requests = hostile.requests
  let minMessagesSpacingMs = Number.POSITIVE_INFINITY
  let minFinalSpacingMs = Number.POSITIVE_INFINITY
  let previous: number | null = null
  for (const r of requests) {
    if (r.operation !== 'GetMessages') continue
    if (previous !== null) {
      minFinalSpacingMs = Math.min(minFinalSpacingMs, r.at - previous)
      if (!r.afterEnd) minMessagesSpacingMs = Math.min(minMessagesSpacingMs, r.at - previous)
    }
    previous = r.at
  }
  let maxRetryAfterWaitMs = 0
  for (const answer of hostile.absurdAnswers) {
    if (answer.operation !== 'GetMessages' && answer.operation !== 'GetChat' && answer.operation !== 'SendMessage') continue
    const next = requests.find((r) => r.at >= answer.at && r.operation === answer.operation)
    if (next) maxRetryAfterWaitMs = Math.max(maxRetryAfterWaitMs, next.at - answer.at)
  }
  let maxRequestsPerSecond = 0
  for (let from = 0, to = 0; to < requests.length; to++) {
    while (requests[to]!.at - requests[from]!.at >= 1000) from++
    maxRequestsPerSecond = Math.max(maxRequestsPerSecond, to - from + 1)
  }
  return { acts: { ...hostile.acts }, withheld: hostile.withheld.size, withheldCovered, minMessagesSpacingMs, minFinalSpacingMs, maxRetryAfterWaitMs, maxRequestsPerSecond }
}

function countBy(items: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1)
  return counts
}

function describeChat(s: ChatSnapshot): string {
  return `status=${s.status} connection=${s.connection} entries=${s.transcript.length} outbox=[${s.outbox.map((m) => `${JSON.stringify(m.text)}:${m.status}${m.error ? ` (${m.error.message})` : ""}`).join(", ")}]`
}

export interface ChaosReport {
  config: ChaosConfig
  results: ChatResult[]
  ms: number
}

/** Run the chats, `concurrency` at a time. */
export async function runChaos(config: ChaosConfig): Promise<ChaosReport> {
  const began = Date.now()
  const queue = config.only ?? Array.from({ length: config.chats }, (_, i) => i)
  const results: ChatResult[] = []
  let next = 0
  const worker = async () => {
    while (next < queue.length) {
      const n = queue[next++]!
      results.push(await runChat(config, n))
    }
  }
  await Promise.all(Array.from({ length: Math.min(config.concurrency, queue.length) }, worker))
  results.sort((a, b) => a.n - b.n)
  return { config, results, ms: Date.now() - began }
}

export interface ChaosFigures {
  chats: number
  visitorSent: number
  visitorOnServer: number
  visitorShown: number
  agentOnServer: number
  agentShown: number
  faults: Partial<Record<FaultKind, number>>
  faultsTotal: number
  requests: number
  offlineWindows: number
  outages: number
  messageRetries: number
  endedByAgent: number
  lost: number
  duplicated: number
  wrongEnds: number
  errorsAfterEnd: number
  /** Error events of all engines, by code. */
  errors: Record<string, number>
  /** Hostile mode: acts summed over the chats, pacing at its worst. */
  hostile?: HostileFigures & {
    /** The chats where the spacing was shortest and the wait longest. */
    minSpacingChat: number
    maxWaitChat: number
  }
}

export function figures(report: ChaosReport): ChaosFigures {
  const sum = (pick: (r: ChatResult) => number) => report.results.reduce((total, r) => total + pick(r), 0)
  const faults: Partial<Record<FaultKind, number>> = {}
  for (const r of report.results) for (const [kind, n] of Object.entries(r.faults)) faults[kind as FaultKind] = (faults[kind as FaultKind] ?? 0) + n
  const errors: Record<string, number> = {}
  for (const r of report.results) for (const [code, n] of Object.entries(r.errors)) errors[code] = (errors[code] ?? 0) + n
  const hostileResults = report.results.flatMap((r) => (r.hostile ? [r.hostile] : []))
  const worst = (pick: (h: HostileFigures) => number, sign: 1 | -1) =>
    report.results.reduce<ChatResult | null>((best, r) => (r.hostile && (!best?.hostile || sign * pick(r.hostile) > sign * pick(best.hostile)) ? r : best), null)?.n ?? -1
  const hostile = report.config.hostile
    ? {
        acts: Object.fromEntries(HOSTILE_ACTS.map((act) => [act, hostileResults.reduce((total, h) => total + h.acts[act], 0)])) as Record<HostileAct, number>,
        withheld: hostileResults.reduce((total, h) => total + h.withheld, 0),
        withheldCovered: hostileResults.reduce((total, h) => total + h.withheldCovered, 0),
        minMessagesSpacingMs: Math.min(...hostileResults.map((h) => h.minMessagesSpacingMs)),
        minFinalSpacingMs: Math.min(...hostileResults.map((h) => h.minFinalSpacingMs)),
        maxRetryAfterWaitMs: Math.max(0, ...hostileResults.map((h) => h.maxRetryAfterWaitMs)),
        maxRequestsPerSecond: Math.max(0, ...hostileResults.map((h) => h.maxRequestsPerSecond)),
        minSpacingChat: worst((h) => h.minMessagesSpacingMs, -1),
        maxWaitChat: worst((h) => h.maxRetryAfterWaitMs, 1),
      }
    : undefined
  return {
    chats: report.results.length,
    visitorSent: sum((r) => r.visitorSent),
    visitorOnServer: sum((r) => r.visitorOnServer),
    visitorShown: sum((r) => r.visitorShown),
    agentOnServer: sum((r) => r.agentOnServer),
    agentShown: sum((r) => r.agentShown),
    faults,
    faultsTotal: Object.values(faults).reduce((a, b) => a + b, 0),
    requests: sum((r) => r.requests),
    offlineWindows: report.results.filter((r) => r.plan.offline).length,
    outages: report.results.filter((r) => r.plan.outage).length,
    messageRetries: report.results.reduce((total, r) => total + r.messageRetries, 0),
    endedByAgent: report.results.filter((r) => r.plan.endBy === 'agent').length,
    lost: sum((r) => r.lost),
    duplicated: sum((r) => r.duplicated),
    wrongEnds: report.results.filter((r) => r.wrongEnd).length,
    errorsAfterEnd: report.results.filter((r) => r.endRetries > 0).length,
    errors,
    ...(hostile ? { hostile } : {}),
  }
}

/** The environment that replays a run's chats (the plain or the hostile run alone). */
function replayEnv(config: ChaosConfig): string {
  return `GWS_CHAOS_SEED=${config.seed} GWS_CHAOS_HOSTILE=${config.hostile ? 1 : 0}${config.gapsBeforeEchoes ? '' : ' GWS_CHAOS_GAPS_BEFORE_ECHOES=0'}${config.typing ? ' GWS_CHAOS_TYPING=1' : ''}${config.faultRate !== 1 ? ` GWS_CHAOS_FAULT_RATE=${config.faultRate}` : ''}`
}

/** The floor between two requests of one poller, as the engine resolves it for `CHAOS_POLLING`. */
export function minIntervalMs(): number {
  return resolvePolling(CHAOS_POLLING).minIntervalMs
}

/** The figures as a Markdown table, then one line per chat that went wrong with how to replay it. */
export function formatReport(report: ChaosReport): string {
  const f = figures(report)
  const { config } = report
  const kinds = (Object.keys(FAULT_MIX) as FaultKind[]).map((kind) => `${kind} ${f.faults[kind] ?? 0}`).join(', ')
  const rows: [string, string][] = [
    ['chats', `${f.chats} (${f.chats - f.endedByAgent} ended by the visitor, ${f.endedByAgent} by the agent)`],
    ['visitor messages: typed / on the server / shown', `${f.visitorSent} / ${f.visitorOnServer} / ${f.visitorShown}`],
    ['agent messages: on the server / shown', `${f.agentOnServer} / ${f.agentShown}`],
    ['requests', String(f.requests)],
    ['faults injected', `${f.faultsTotal}: ${kinds}`],
    ['offline windows / outages', `${f.offlineWindows} / ${f.outages}`],
    ['messages given up after 5 attempts, retried by the visitor', String(f.messageRetries)],
    ['messages lost', String(f.lost)],
    ['messages duplicated', String(f.duplicated)],
    ['chats that ended in the wrong state', `${f.wrongEnds} (of which an error after End: ${f.errorsAfterEnd})`],
    ['error events by code', Object.entries(f.errors).sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => `${code} ${n}`).join(', ') || 'none'],
  ]
  if (f.hostile) {
    const h = f.hostile
    rows.push(
      ['hostile acts', HOSTILE_ACTS.map((act) => `${act} ${h.acts[act]}`).join(', ')],
      ['entries withheld for good / covered by a Missing placeholder', `${h.withheld} / ${h.withheldCovered}`],
      ['shortest GetMessages spacing of one chat (floor)', `${h.minMessagesSpacingMs.toFixed(1)} ms (${minIntervalMs()} ms), chat ${h.minSpacingChat}`],
      ['the same, with the final fetch after the end', `${h.minFinalSpacingMs.toFixed(1)} ms`],
      ['longest wait after an absurd Retry-After (cap)', `${Math.round(h.maxRetryAfterWaitMs)} ms (${CHAOS_POLLING.maxRetryAfterMs} ms), chat ${h.maxWaitChat}`],
      ['most requests of one chat in one second', String(h.maxRequestsPerSecond)],
    )
  }
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = [
    `${config.hostile ? 'hostile chaos' : 'chaos'}: seed ${config.seed}, ${f.chats} chats, ${config.concurrency} at a time, typing ${config.typing ? 'on' : 'off'}, fault rate ×${config.faultRate}, ${(report.ms / 1000).toFixed(1)} s`,
    `replay: ${replayEnv(config)} GWS_CHAOS_CHATS=${config.chats}`,
    '',
    `| ${'figure'.padEnd(width)} | value |`,
    `| ${'-'.repeat(width)} | ----- |`,
    ...rows.map(([k, v]) => `| ${k.padEnd(width)} | ${v} |`),
  ]
  const bad = report.results.filter((r) => r.lost > 0 || r.duplicated > 0 || r.wrongEnd || r.badPace)
  if (bad.length > 0) {
    lines.push('', `${bad.length} chat(s) went wrong:`)
    for (const r of bad) {
      lines.push(`- chat ${r.n} (${r.chatId ?? 'no id'}; replay: ${replayEnv(config)} GWS_CHAOS_ONLY=${r.n}): ${r.problems.join('; ')}`)
      if (r.trace) lines.push(...r.trace.map((line) => `    ${line}`))
    }
  }
  const odd = report.results.filter((r) => !bad.includes(r) && r.problems.length > 0)
  if (odd.length > 0) {
    lines.push('', 'notes:')
    for (const r of odd) lines.push(`- chat ${r.n}: ${r.problems.join('; ')}`)
  }
  // A replay (GWS_CHAOS_ONLY) with GWS_CHAOS_TRACE=1 shows the trace of every chat, not only of those that went wrong.
  for (const r of config.only ? report.results.filter((r) => !bad.includes(r)) : []) {
    if (r.trace) lines.push('', `chat ${r.n}:`, ...r.trace.map((line) => `    ${line}`))
  }
  return lines.join('\n')
}
