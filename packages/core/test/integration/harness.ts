import { afterEach, vi } from 'vitest'
import { startSimulator, type ChatView, type Simulator, type SimulatorOptions } from './simulator'
import { createChat, type Chat, type ChatSnapshot, type PollingOptions } from '../../src'
import type { ChatOptions, TranscriptEntry } from '../../src/types'

/**
 * Integration helpers: a real simulator on a loopback port, real engines with
 * short polling intervals, and ways to wait on either without sleeping blindly.
 */

/** Every simulator duration × 0.02: the 45 s disconnect timeout becomes 900 ms. */
export const TIME_SCALE = 0.02
export const CONTACT_CENTER = 'cc-integration'

/** The scaled server keep-alive, in ms. */
export const keepAliveFor = (timeScale: number, disconnectTimeoutMs = 45_000) => disconnectTimeoutMs * timeScale

/** Polling fast enough for tests, still well inside the scaled keep-alive. */
export function fastPolling(timeScale = TIME_SCALE, extra: PollingOptions = {}): PollingOptions {
  return {
    intervalMs: 80,
    activeIntervalMs: 20,
    easeMs: 200,
    backoffBaseMs: 20,
    backoffMaxMs: 200,
    requestTimeoutMs: 500,
    keepAliveMs: keepAliveFor(timeScale),
    ...extra,
  }
}

// Waits below time out first (4 s by default), so a failure says what was awaited.
vi.setConfig({ testTimeout: 15_000 })

const open = new Set<Simulator>()
const engines = new Set<Chat>()

/** Whatever a test started is stopped after it, even when it failed half way. */
afterEach(async () => {
  for (const chat of engines) chat.destroy()
  engines.clear()
  await Promise.all([...open].map((sim) => sim.close()))
  open.clear()
})

export async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startSimulator({
    port: 0,
    timeScale: TIME_SCALE,
    contactCenterIds: [CONTACT_CENTER],
    // Idle control off unless a test asks for it: with Texts a few seconds apart it would close chats.
    idleAlertMs: 100_000_000,
    ...options,
  })
  open.add(sim)
  return sim
}

export type EngineOptions = Partial<ChatOptions> & { timeScale?: number }

/** A real engine against the simulator; destroyed after the test. */
export function engine(sim: Simulator, options: EngineOptions = {}): Chat {
  const { timeScale, polling, ...rest } = options
  const chat = createChat({
    baseUrl: sim.url,
    contactCenterId: CONTACT_CENTER,
    persistence: false,
    ...rest,
    polling: { ...fastPolling(timeScale), ...polling },
  })
  engines.add(chat)
  return chat
}

/** Destroy an engine now (a closed tab), keeping the bookkeeping right. */
export function destroy(chat: Chat): void {
  chat.destroy()
  engines.delete(chat)
}

/** Resolves with the first snapshot that passes `test`; rejects after `timeoutMs` with what the chat showed. */
export function until(chat: Chat, test: (s: ChatSnapshot) => boolean, what = 'condition', timeoutMs = 4_000): Promise<ChatSnapshot> {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {}
    const timer = setTimeout(() => {
      unsubscribe()
      const s = chat.getSnapshot()
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; chat: ${describe(s)}`))
    }, timeoutMs)
    const check = (s: ChatSnapshot) => {
      if (!test(s)) return false
      clearTimeout(timer)
      unsubscribe()
      resolve(s)
      return true
    }
    if (check(chat.getSnapshot())) return
    unsubscribe = chat.subscribe(check)
  })
}

export function describe(s: ChatSnapshot): string {
  const outbox = s.outbox.map((m) => `${m.text}:${m.status}`).join(', ')
  return `status=${s.status} endReason=${s.endReason} connection=${s.connection} entries=${s.transcript.length} outbox=[${outbox}] error=${s.error?.message ?? 'none'}`
}

/** Wait on the simulator, with a message that says what was awaited. */
export async function serverUntil(sim: Simulator, test: (sim: Simulator) => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  try {
    await sim.waitFor(test, timeoutMs)
  } catch {
    throw new Error(`timed out after ${timeoutMs} ms waiting on the server for ${what}`)
  }
}

/** Wait for a chat to be listed by the simulator and return its id. */
export async function chatIdOf(chat: Chat): Promise<string> {
  const s = await until(chat, (s) => s.chatId !== null, 'a chat id')
  return s.chatId!
}

export const statusesOf = (chat: Chat): string[] => {
  const statuses: string[] = [chat.getSnapshot().status]
  chat.subscribe((s) => {
    if (statuses.at(-1) !== s.status) statuses.push(s.status)
  })
  return statuses
}

/** What a visitor can see of an entry, in a shape both sides share. */
export interface Seen {
  index: number
  type: string
  text?: string
  url?: string
  from: string
}

export function seenByClient(transcript: readonly TranscriptEntry[]): Seen[] {
  return transcript.map((e) => ({
    index: e.index,
    type: e.type,
    from: `${e.from.type}:${e.from.participantId}`,
    ...(e.text !== undefined ? { text: e.text } : {}),
    ...(e.url !== undefined ? { url: e.url } : {}),
  }))
}

/** The customer-visible part of the server's transcript (agent-only entries have no index). */
export function seenOnServer(view: ChatView | undefined): Seen[] {
  if (!view) return []
  return view.transcript
    .filter((e) => e.index !== undefined && e.visibility === 'All')
    .map((e) => ({
      index: e.index!,
      type: e.type,
      from: `${e.from.type}:${String(e.from.participantId)}`,
      ...(e.text !== undefined ? { text: e.text } : {}),
      ...(e.url !== undefined ? { url: e.url } : {}),
    }))
}

/** Texts as `Type: text`, in order. */
export const textsOf = (seen: readonly Seen[]): string[] =>
  seen.filter((e) => e.type === 'Text').map((e) => `${e.from.split(':')[0]}: ${e.text}`)

export const clientTexts = (chat: Chat): string[] => textsOf(seenByClient(chat.getSnapshot().transcript))
export const serverTexts = (sim: Simulator, id: string): string[] => textsOf(seenOnServer(sim.chat(id)))

/** How many times the server received each visitor text. */
export function customerTextCounts(view: ChatView | undefined): Map<string, number> {
  const counts = new Map<string, number>()
  for (const e of view?.transcript ?? []) {
    if (e.type === 'Text' && e.from.type === 'Customer') counts.set(e.text ?? '', (counts.get(e.text ?? '') ?? 0) + 1)
  }
  return counts
}

/** Seeded PRNG, so a chaos run or a jitter sequence can be replayed: the simulator's own. */
export { mulberry32 } from './simulator'

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export const start = { nickname: 'Chris', subject: 'Integration' }
