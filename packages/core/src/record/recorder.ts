import { echoKey } from '../machine/outbox.machine'
import type { ActorRefLike, AnyActorRef, EventObject, InspectionEvent } from 'xstate'
import type { ChatMachineInput } from '../machine/chat.machine'

/**
 * An opt-in recorder of what the engine's actor received: pass its `inspect`
 * to `createChat({ inspect })`, then `recording()` is plain JSON a support
 * ticket can carry and `replay()` can run again.
 *
 * Kept: every event that reaches one of the engine's machines from outside the
 * machines — the visitor's commands, the browser's page and network events, the
 * outcomes of HTTP actors (`fetch.done`, `xstate.done.actor.*` with their output,
 * their errors) and timers (`xstate.after.*`) — each with the system id of the
 * machine it reached. What one machine sends another is not kept: a replay
 * runs the same machines, which send it again.
 */

export const RECORDING_VERSION = 2

export interface RecordedEvent {
  /** Milliseconds since the recording started. */
  at: number
  /** System id of the machine it reached (`transcriptPoller`, `outbox`, …); none for the chat machine. */
  to?: string
  event: EventObject & Record<string, unknown>
}

export interface Recording {
  version: typeof RECORDING_VERSION
  /** Every free text (messages, names, subjects, URLs, error messages, anything a server said) and every user data value was replaced by a placeholder. */
  redacted: boolean
  /** Wall-clock start (ms epoch); `at` of each event counts from it. */
  startedAt: number
  /** What the machine was started with (a restored chat's location, …), without the engine's configuration. */
  input: Omit<ChatMachineInput, 'config'>
  events: RecordedEvent[]
}

export interface RecorderOptions {
  /**
   * Replace every string that is not part of the flow's structure by a placeholder (default `true`): message texts,
   * nicknames, subjects, endpoints, URLs, error messages and any other text a server sent, and every user data value.
   * Types, codes, states, statuses, operations, ids and paths are kept, and so are numbers and booleans (indices,
   * HTTP and GWS status codes, timings), so a replay takes the same path.
   */
  redact?: boolean
  /** Clock (default `Date.now`). */
  now?: () => number
}

export interface Recorder {
  /** Give this to `createChat({ inspect })` (or combine it with your own inspector). */
  inspect: (event: InspectionEvent) => void
  /** The recording so far: a fresh JSON-safe object. */
  recording(): Recording
}

/**
 * Keys whose string values are the flow's structure rather than anyone's words: event, entry and participant types,
 * error codes and operations, chat states and statuses, ids, and the chat's resource paths. A replay needs them as they
 * were. Every other string is free text that may be the visitor's or quote it (a nickname, a subject, a message, a
 * server's `statusMessage` or an error message such as `SendMessage: HTTP 400 (…)`), so it is replaced: keeping only
 * what is known to be safe means a field added later is redacted until someone decides otherwise.
 */
const STRUCTURE_KEYS = new Set([
  'type',
  'code',
  'operation',
  'state',
  'status',
  'endReason',
  'id',
  'participantId',
  'visitorId',
  'actorId',
  'capabilities',
  'path',
  'chat',
  'messages',
])

/** Placeholders name the field they replace (`[text 3]`, `[message 7]`); an odd or missing key gives `[redacted n]`. */
const kindOf = (key: string | undefined): string => (key !== undefined && /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(key) ? key : 'redacted')

/**
 * Same text (as echo matching compares it) in the same field → same placeholder, so what the engine matches by text (an own message and its echo in
 * the transcript, an error seen twice) still matches in a replay.
 */
function createRedactor() {
  const placeholders = new Map<string, string>()
  const placeholder = (kind: string, value: string) => {
    // Texts the outbox takes for the same message (`echoKey`) get the same placeholder, or a replay would not match them.
    const key = `${kind}\u0000${echoKey(value)}`
    let found = placeholders.get(key)
    if (found === undefined) {
      found = `[${kind} ${placeholders.size + 1}]`
      placeholders.set(key, found)
    }
    return found
  }
  const redact = (value: unknown, key?: string): unknown => {
    if (typeof value === 'string') return key !== undefined && STRUCTURE_KEYS.has(key) ? value : placeholder(kindOf(key), value)
    // An array's items are values of the array's field (`capabilities: ['SendMessage']`).
    if (Array.isArray(value)) return value.map((item) => redact(item, key))
    if (typeof value === 'object' && value !== null) {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(value)) {
        // User data is the integrator's: keep its keys, hide every value.
        out[k] = k === 'userData' && typeof v === 'object' && v !== null ? Object.fromEntries(Object.keys(v).map((name) => [name, '[redacted]'])) : redact(v, k)
      }
      return out
    }
    return value
  }
  return redact
}

/** JSON-safe copy: `Error`s become `{ name, message }`, functions and actor refs are dropped. */
function toJson(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (v instanceof Error) return { name: v.name, message: v.message }
      if (typeof v === 'function') return undefined
      return v
    }),
  )
}

const isMachine = (actor: AnyActorRef | ActorRefLike): boolean => 'root' in ((actor as { logic?: object }).logic ?? {})

export function createRecorder(options: RecorderOptions = {}): Recorder {
  const now = options.now ?? Date.now
  const redacting = options.redact !== false
  const redact = redacting ? createRedactor() : (value: unknown) => value
  const events: RecordedEvent[] = []
  let startedAt: number | null = null
  let input: Omit<ChatMachineInput, 'config'> = {}

  return {
    inspect(inspection) {
      if (inspection.type !== '@xstate.event') return
      const target = inspection.actorRef
      if (!isMachine(target)) return
      const source = inspection.sourceRef
      // Sent by another machine of the engine: a replay sends it again.
      if (source !== undefined && source !== target && isMachine(source)) return
      const isRoot = target.sessionId === inspection.rootId
      const time = now()
      startedAt ??= time
      const event = inspection.event as EventObject & Record<string, unknown>
      if (event.type === 'xstate.init') {
        if (isRoot) {
          const { config: _config, ...rest } = (event.input ?? {}) as ChatMachineInput
          input = redact(toJson(rest)) as Omit<ChatMachineInput, 'config'>
        }
        return
      }
      const systemId = (target as { systemId?: string }).systemId
      if (!isRoot && systemId === undefined) return
      events.push({ at: time - startedAt, ...(isRoot ? {} : { to: systemId }), event: redact(toJson(event)) as RecordedEvent['event'] })
    },
    recording() {
      return toJson({ version: RECORDING_VERSION, redacted: redacting, startedAt: startedAt ?? now(), input, events }) as Recording
    },
  }
}
