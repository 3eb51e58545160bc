import type { HttpAdapter, HttpRequest, HttpResponse } from '../../src'

/**
 * A server that is hostile without being wrong: a response-mutating wrapper around the real simulator (like
 * `flaky-network.ts`, one per chat, seeded) that answers the way odd GWS deployments do, while every message the
 * simulator holds can still be shown once.
 *
 * - Odd entries: GetMessages answers now and then carry junk (entries without an index, with index 0, 2.5, -4, a
 *   word, or not objects at all), and optional fields a real entry lacks come as `null`.
 * - Gaps: a real entry is left out of one or two answers, then shown (the engine waits three answers before it
 *   gives up on a gap); now and then a typing entry is withheld for good, so the engine must move past it with a
 *   `Missing` placeholder. Gaps open only while the chat runs (the final fetch of an ended chat fills every gap at
 *   once) and only where a later entry shows them (an entry left out at the end of an answer cannot be told from one
 *   not written yet). With `gapsBeforeEchoes: false` a gap never stands over or in front of the visitor's own Text:
 *   one that would is shown at once (a withheld one then counts as shown late).
 * - Normalised text: the visitor's own Text entries come back the way a normalising server stores them (NFC, CRLF →
 *   LF, control characters stripped, trimmed).
 * - Absurd Retry-After: the simulator's 429/503 answers, and a few the wrapper gives itself without asking the
 *   simulator (so nothing is applied), carry `Retry-After: 3000000` or a date in year 9999.
 *
 * It also notes when each request started, for the flood and stall checks of the chaos runner.
 */

export type HostileAct = 'junk-entry' | 'null-field' | 'gap-shown-late' | 'gap-withheld' | 'normalised-text' | 'absurd-retry-after' | 'injected-error'
export const HOSTILE_ACTS: readonly HostileAct[] = ['junk-entry', 'null-field', 'gap-shown-late', 'gap-withheld', 'normalised-text', 'absurd-retry-after', 'injected-error']

/** Chances per answer (or per request, for `injectedError`). */
export interface HostileRates {
  /** A GetMessages answer gets 1–3 junk entries. */
  junk: number
  /** A GetMessages answer has the optional fields its entries lack as `null`. */
  nullFields: number
  /** A GetMessages answer with new entries opens a gap (when none is open). */
  gap: number
  /** An opened gap withholds a silent entry for good (when the answer has one). */
  withhold: number
  /** A 429/503 answer gets an absurd Retry-After. */
  absurdRetryAfter: number
  /** A GetMessages, GetChat or SendMessage request is answered 429/503 by the wrapper, not forwarded. */
  injectedError: number
}

export const HOSTILE_RATES: HostileRates = {
  junk: 0.2,
  nullFields: 0.3,
  gap: 0.3,
  withhold: 0.7,
  absurdRetryAfter: 0.8,
  injectedError: 0.015,
}

/** Entry types withheld for good: silent, and not ones the engine reads for presence or the end. */
const WITHHOLDABLE = new Set(['TypingStarted', 'TypingStopped'])

const ABSURD_RETRY_AFTER = ['3000000', 'Fri, 31 Dec 9999 23:59:59 GMT'] as const

/** How a normalising server stores a text: NFC, CRLF (or a lone CR) → LF, control characters but tab and LF stripped, trimmed. */
export function serverNormalise(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').trim()
}

export interface RequestRecord {
  /** `performance.now()` when the engine made the request. */
  at: number
  operation: string
  /** The chat had ended on the server (the engine's final fetch comes after that). */
  afterEnd: boolean
}

export interface HostileServer {
  http: HttpAdapter
  readonly acts: Readonly<Record<HostileAct, number>>
  /** Indices withheld for good: the visitor must see a `Missing` placeholder over them, never the entry. */
  readonly withheld: ReadonlySet<number>
  /** Every request the engine made, in order. */
  readonly requests: readonly RequestRecord[]
  /** When each answer with an absurd Retry-After reached the engine. */
  readonly absurdAnswers: readonly RequestRecord[]
  /** One line per request: what was asked, what came back, what the wrapper did (for replays). */
  readonly trace: readonly string[]
}

export interface HostileOptions {
  random: () => number
  /** The chat has ended on the server: no gap is opened or kept open any more. */
  ended: () => boolean
  rates?: Partial<HostileRates>
  /** Let gaps stand over and in front of the visitor's own Text entries (off: they are shown at once). */
  gapsBeforeEchoes?: boolean
}

interface WireEntry {
  index: number
  type: string
  text?: unknown
  url?: unknown
  from: { nickname?: unknown; participantId?: unknown; type?: unknown }
  [field: string]: unknown
}

const isWireEntry = (value: unknown): value is WireEntry =>
  typeof value === 'object' && value !== null && typeof (value as WireEntry).index === 'number' && typeof (value as WireEntry).from === 'object' && (value as WireEntry).from !== null

export function operationOf(request: Pick<HttpRequest, 'method' | 'url' | 'body'>): string {
  const path = request.url.split('?')[0] ?? ''
  if (request.method === 'GET') return path.endsWith('/messages') ? 'GetMessages' : 'GetChat'
  try {
    const name = (JSON.parse(request.body ?? '') as { operationName?: unknown }).operationName
    return typeof name === 'string' ? name : 'unknown'
  } catch {
    return 'unknown'
  }
}

const JUNK_FROM = { nickname: 'Agent', participantId: 2, type: 'Agent' }
/** Junk the engine must leave out: nothing here has a usable index (a numeric string like "3" would be one). */
const JUNK: readonly (() => unknown)[] = [
  () => ({ type: 'Text', text: 'junk: no index', from: JUNK_FROM }),
  () => ({ index: null, type: 'Text', text: 'junk: index null', from: JUNK_FROM }),
  () => ({ index: 0, type: 'Text', text: 'junk: index 0', from: JUNK_FROM }),
  () => ({ index: 2.5, type: 'Text', text: 'junk: index 2.5', from: JUNK_FROM }),
  () => ({ index: -4, type: 'Notice', text: 'junk: index -4', from: JUNK_FROM }),
  () => ({ index: 'seven', type: 'Text', text: 'junk: index "seven"', from: JUNK_FROM }),
  () => ({ index: '3.5', type: 'Text', text: 'junk: index "3.5"', from: JUNK_FROM }),
  () => ({ index: 1e12, type: 'Text', text: 'junk: index 1e12', from: JUNK_FROM }),
  () => null,
  () => 'x',
  () => 7,
  () => true,
  () => [],
  () => ['junk: an array'],
]

export function hostileServer(inner: HttpAdapter, options: HostileOptions): HostileServer {
  const { random, ended } = options
  const dodgeEchoes = options.gapsBeforeEchoes !== true
  const rates: HostileRates = { ...HOSTILE_RATES, ...options.rates }
  const acts = Object.fromEntries(HOSTILE_ACTS.map((act) => [act, 0])) as Record<HostileAct, number>
  const withheld = new Set<number>()
  const normalised = new Set<number>()
  const requests: RequestRecord[] = []
  const absurdAnswers: RequestRecord[] = []
  const trace: string[] = []
  const began = performance.now()
  const note = (line: string) => trace.push(`${(performance.now() - began).toFixed(1).padStart(7)} ms ${line}`)
  /** The entry left out of answers for now, and how many more answers leave it out. */
  let pending: { index: number; answersLeft: number } | null = null
  /** Highest index a gap was opened at: the next one opens only once the engine asks past it. */
  let lastGapAt = 0

  const absurd = (response: HttpResponse, operation: string): HttpResponse => {
    acts['absurd-retry-after'] += 1
    absurdAnswers.push({ at: performance.now(), operation, afterEnd: ended() })
    const value = ABSURD_RETRY_AFTER[Math.floor(random() * ABSURD_RETRY_AFTER.length)]!
    return { ...response, headers: { ...response.headers, 'retry-after': value } }
  }

  function mutateMessages(requestedIndex: number, messages: unknown[]): unknown[] {
    const real = messages.filter(isWireEntry)
    // Normalised text: the visitor's own Text entries, as a normalising server stores them.
    for (const entry of real) {
      if (entry.type !== 'Text' || typeof entry.text !== 'string' || (entry.from.type !== 'Customer' && entry.from.type !== 'Client')) continue
      const text = serverNormalise(entry.text)
      if (text === entry.text) continue
      entry.text = text
      if (!normalised.has(entry.index)) {
        normalised.add(entry.index)
        acts['normalised-text'] += 1
      }
    }

    // Gaps: the pending one is kept out of one or two answers and then shown (never once the chat has ended).
    const ownText = (entry: WireEntry) => entry.type === 'Text' && (entry.from.type === 'Customer' || entry.from.type === 'Client')
    const echoBehind = (index: number) => dodgeEchoes && real.some((entry) => entry.index > index && ownText(entry))
    for (const index of withheld) {
      if (index < requestedIndex || !echoBehind(index)) continue
      withheld.delete(index)
      acts['gap-withheld'] -= 1
      acts['gap-shown-late'] += 1
    }
    const hidden = new Set(withheld)
    if (pending && real.some((entry) => entry.index === pending!.index)) {
      if (pending.answersLeft > 0 && !ended() && !echoBehind(pending.index)) {
        pending.answersLeft -= 1
        hidden.add(pending.index)
      } else {
        pending = null
      }
    }
    const fresh = real.filter((entry) => entry.index >= requestedIndex && !hidden.has(entry.index))
    if (pending === null && requestedIndex > lastGapAt && fresh.length >= 2 && !ended() && random() < rates.gap) {
      // Never the last entry: a later one must show the gap.
      const candidates = fresh.slice(0, -1).filter((entry) => !dodgeEchoes || (!ownText(entry) && !echoBehind(entry.index)))
      const silent = candidates.filter((entry) => WITHHOLDABLE.has(entry.type))
      if (candidates.length === 0) {
        // Every entry stands in front of an echo: no gap this time.
      } else if (silent.length > 0 && random() < rates.withhold) {
        const entry = silent[Math.floor(random() * silent.length)]!
        withheld.add(entry.index)
        hidden.add(entry.index)
        lastGapAt = entry.index
        acts['gap-withheld'] += 1
      } else {
        const entry = candidates[Math.floor(random() * candidates.length)]!
        // This answer is the first to leave it out; one more at most, so the engine never sees three.
        pending = { index: entry.index, answersLeft: random() < 0.5 ? 0 : 1 }
        hidden.add(entry.index)
        lastGapAt = entry.index
        acts['gap-shown-late'] += 1
      }
    }
    let out: unknown[] = messages.filter((raw) => !(isWireEntry(raw) && hidden.has(raw.index)))
    const shown = real.filter((entry) => !hidden.has(entry.index)).map((entry) => `${entry.index}:${entry.type}${entry.type === 'Text' ? ` ${JSON.stringify(entry.text)}` : ''}`)
    note(`GetMessages index=${requestedIndex} → [${shown.join(', ')}]${hidden.size > 0 ? ` hiding ${[...hidden].filter((i) => i >= requestedIndex).join(', ') || 'nothing new'}` : ''}`)

    // Null fields: what a real entry lacks, serialised as `null`.
    if (random() < rates.nullFields) {
      out = out.map((raw) => {
        if (!isWireEntry(raw)) return raw
        const copy: WireEntry = { ...raw, from: { ...raw.from } }
        for (const field of ['text', 'url'] as const) {
          if (copy[field] === undefined) {
            copy[field] = null
            acts['null-field'] += 1
          }
        }
        return copy
      })
    }

    // Junk entries, anywhere in the answer.
    if (random() < rates.junk) {
      const count = 1 + Math.floor(random() * 3)
      for (let k = 0; k < count; k++) {
        const junk = JUNK[Math.floor(random() * JUNK.length)]!()
        out.splice(Math.floor(random() * (out.length + 1)), 0, junk)
        acts['junk-entry'] += 1
      }
    }
    return out
  }

  const http: HttpAdapter = async (request) => {
    const operation = operationOf(request)
    requests.push({ at: performance.now(), operation, afterEnd: ended() })
    const what = operation === 'SendMessage' ? `SendMessage ${JSON.stringify((JSON.parse(request.body ?? '{}') as { text?: unknown }).text)}` : operation
    const faultable = operation === 'GetMessages' || operation === 'GetChat' || operation === 'SendMessage'
    if (faultable && random() < rates.injectedError) {
      acts['injected-error'] += 1
      const status = random() < 0.5 ? 429 : 503
      note(`${what} → injected ${status}`)
      return absurd({ status, headers: { 'content-type': 'text/plain' }, body: status === 429 ? 'Too Many Requests\n' : 'Service Unavailable\n' }, operation)
    }
    note(`${what} …`)
    let response: HttpResponse
    try {
      response = await inner(request)
    } catch (error) {
      note(`${what} → failed (${(error as Error).message})`)
      throw error
    }
    if (response.status === 429 || response.status === 503) {
      const give = random() < rates.absurdRetryAfter
      note(`${what} → ${response.status}${give ? ' with an absurd Retry-After' : ''}`)
      return give ? absurd(response, operation) : response
    }
    if (operation !== 'GetMessages' || response.status !== 200) {
      note(`${what} → ${response.status} ${response.body.slice(0, 60)}`)
      return response
    }
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      note(`${what} → malformed`)
      return response // a malformed answer (a simulator fault) stays as it is
    }
    if (typeof body !== 'object' || body === null || !Array.isArray((body as { messages?: unknown }).messages)) return response
    const requestedIndex = Number(new URL(request.url).searchParams.get('index') ?? '1')
    const messages = mutateMessages(requestedIndex, (body as { messages: unknown[] }).messages)
    return { ...response, body: JSON.stringify({ ...body, messages }) }
  }

  return { http, acts, withheld, requests, absurdAnswers, trace }
}
