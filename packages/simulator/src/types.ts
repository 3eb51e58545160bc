/** Public types of the simulator. Wire shapes follow the GWS Customer Chat API. */

export type OperationName =
  | 'RequestChat'
  | 'GetChat'
  | 'GetMessages'
  | 'SendMessage'
  | 'SendStartTypingNotification'
  | 'SendStopTypingNotification'
  | 'Complete'

export type ChatState = 'WaitingForAgent' | 'Chatting' | 'Idle'

export type ParticipantType = 'Customer' | 'Agent' | 'External'

export type EntryType =
  | 'Text'
  | 'ParticipantJoined'
  | 'ParticipantLeft'
  | 'ParticipantRejoined'
  | 'TypingStarted'
  | 'TypingStopped'
  | 'Notice'
  | 'PushUrl'
  | 'TranscriptSaveDone'

export type Visibility = 'All' | 'Agents'

/** A participant as the customer sees it in `chat.participants` and in `from`. */
export interface WireParticipant {
  nickname: string
  participantId: string | number
  type: ParticipantType
}

/** One transcript entry as the simulator stores it (the customer sees a subset of fields). */
export interface ServerEntry {
  /** Customer-visible index (1-based, contiguous). Absent on agent-only entries. */
  index?: number
  /** Order across customer-visible and agent-only entries. */
  seq: number
  type: EntryType
  from: WireParticipant
  text?: string
  url?: string
  visibility: Visibility
  /** Epoch milliseconds; sent to the customer only with the `timestamps` option. */
  utcTime: number
}

export type EndedBy = 'customer' | 'agent' | 'timeout' | 'idle'

export interface ChatView {
  id: string
  contactCenterId: string
  state: ChatState
  participants: WireParticipant[]
  capabilities: OperationName[]
  /** Everything, agent-only entries included, ordered by `seq`. */
  transcript: ServerEntry[]
  /** Last customer index delivered by GetMessages (0 before the first delivery). */
  cursor: number
  ended: boolean
  endedBy?: EndedBy
  /** True once the ended chat was purged; the API then answers statusCode 6. */
  purged: boolean
  userData: Record<string, unknown>
  nickname: string
  subject: string
  endpoint?: string
}

export interface QueueScript {
  systemNickname?: string
  noticeEveryMs?: number
  noticeText?: string
}

/** Placeholders: `{text}` (the customer's text) in templates, `{nickname}` in greetings. */
export type ReplyScript = 'echo' | 'none' | { template: string } | { canned: string[] } | { script: string[] }

export interface AgentScript {
  nickname: string
  joinAfterMs: number
  typingBeforeReplyMs?: number
  greeting?: string
  reply?: ReplyScript
  leaveAfterMessages?: number
  pushUrl?: { afterMessages: number; url: string }
}

export interface TransferScript {
  afterMessages: number
  toNickname: string
  joinAfterMs: number
}

export interface Scenario {
  name?: string
  /** `false` (or absent) = no External system party while waiting. */
  queue?: QueueScript | false
  /** `null` (or absent) = no agent ever comes. */
  agent?: AgentScript | null
  transfer?: TransferScript
}

/** One step of a scenario as data; scenarios are plain objects, so a step is one of their parts. */
export type ScenarioStep = QueueScript | AgentScript | TransferScript

export type ScenarioName = 'friendly' | 'echo' | 'silent' | 'never' | 'transfer' | 'leaves' | 'push-url'

export type FaultKind =
  | 'latency'
  | 'http-error'
  | 'rate-limit'
  | 'malformed-json'
  | 'wrong-body'
  | 'drop-after-apply'
  | 'drop-before-apply'
  | 'stall'

export interface FaultRule {
  kind: FaultKind
  operation?: OperationName | OperationName[]
  /**
   * Substring of the request path, or a pattern in a linear-time subset of RegExp syntax (literals,
   * `.`, classes, groups, `|`, `* + ?`, `{n,m}` up to 100, `^`, `$`; at most 256 characters).
   */
  path?: string
  /** Chance of applying to a matching request, 0..1 (default 1). Drawn from the seeded PRNG. */
  probability?: number
  /** Apply at most this many times, then the rule is spent. */
  times?: number
  /** Skip the first N matching requests. */
  afterRequests?: number
  /** HTTP status for `http-error` (default 503). */
  status?: number
  /** Retry-After header for `rate-limit` (default 1, not scaled). */
  retryAfterSeconds?: number
  /** Delay for `latency` (default 1000, scaled). */
  latencyMs?: number
}

export interface RequestLogEntry {
  id: number
  /** Epoch milliseconds when the request arrived. */
  time: number
  method: string
  path: string
  query: Record<string, string>
  /** Lower-case header names. */
  headers: Record<string, string>
  /**
   * Parsed JSON when it parses, else the raw string (empty string when there was no body). A body
   * longer than `maxLogBodyBytes` is kept as its first `maxLogBodyBytes` bytes (a string), and an
   * oversized one (answered 413) as the empty string; `bodyTruncated` is then true.
   */
  body: unknown
  bodyTruncated?: true
  /** HTTP status sent; 0 while pending and for dropped or stalled requests. */
  status: number
  durationMs: number
  operation?: OperationName
  chatId?: string
  fault?: FaultKind
}

export type ErrorKind = 'notFound' | 'missingParameter' | 'invalidState' | 'notAuthenticated' | 'forbidden'

export interface SimulatorOptions {
  port?: number
  host?: string
  contactCenterIds?: string[]
  allowedOrigins?: string[]
  scenario?: ScenarioName | Scenario
  faults?: FaultRule[]
  seed?: number
  timeScale?: number
  participantIdType?: 'string' | 'number'
  errorHttpStatus?: Partial<Record<ErrorKind, number>>
  disconnectTimeoutMs?: number
  idleAlertMs?: number
  idleCloseMs?: number
  capabilitiesAfterEnd?: 'none' | 'complete-only'
  postVariants?: boolean
  timestamps?: boolean
  /**
   * Browser origins (exact, or wildcards as in `allowedOrigins`) that may call the control API
   * `/__sim/*`, besides the simulator's own origin. Default: none.
   */
  controlOrigins?: string[]
  /** Largest request body read on `/api` and `/__sim`, in bytes; a larger one gets 413. Default 65536. */
  maxBodyBytes?: number
  /** Request log capacity; the oldest entries are dropped first. Default 1000. */
  maxLogEntries?: number
  /** Bodies longer than this many bytes are stored truncated in the request log. Default 4096. */
  maxLogBodyBytes?: number
  /** Most chats held at once (live, or ended and not purged yet); RequestChat beyond gets 503. Default 10000. */
  maxChats?: number
  /** Most transcript entries one chat takes from customer operations; beyond, they are refused. Default 10000. */
  maxEntriesPerChat?: number
}

export interface AgentControl {
  /** Join an agent now (cancels a pending scripted join; the agent follows the scenario's reply script). */
  join(nickname?: string): void
  say(text: string): void
  typing(on?: boolean): void
  pushUrl(url: string): void
  /** From the current agent, or from the system party when no agent is present. */
  notice(text: string, options?: { visibility?: Visibility }): void
  /** The current agent leaves; with no agent left the chat ends. */
  leave(): void
  /** Optional final text, then every agent leaves and the chat ends. */
  end(finalText?: string): void
  /** Requeue: the agent leaves, state WaitingForAgent, a new agent joins after the scenario's delay. */
  transfer(toNickname?: string): void
}

/** The control surface shared by a started `Simulator` and an in-process `SimulatorHandler`. */
export interface SimulatorControl {
  /** Where clients reach it: `http://host:port` for a started simulator, the `baseUrl` in process. */
  readonly url: string
  readonly requests: RequestLogEntry[]
  close(): Promise<void>
  clearRequests(): void
  chats(): ChatView[]
  chat(id: string): ChatView | undefined
  agent(chatId: string): AgentControl
  setScenario(scenario: ScenarioName | Scenario): void
  setFaults(rules: FaultRule[]): void
  addFault(rule: FaultRule): void
  clearFaults(): void
  faults(): FaultRule[]
}

export interface Simulator extends SimulatorControl {
  readonly port: number
  waitFor(predicate: (sim: Simulator) => boolean, timeoutMs?: number): Promise<void>
}

/** `SimulatorOptions` without the listening ones, plus where the in-process simulator pretends to live. */
export interface SimulatorHandlerOptions extends Omit<SimulatorOptions, 'port' | 'host' | 'controlOrigins'> {
  /**
   * The origin (and optional path prefix) clients call, as in `createChat({ baseUrl })`.
   * Request paths are taken relative to it. Default `http://localhost`.
   */
  baseUrl?: string
}

/**
 * The simulator in process: the same chats, scenarios, scripted agents, faults, timeouts and
 * request log as a started `Simulator`, answering WHATWG `Request`s with `Response`s. No Node
 * built-ins: it runs in a browser, a service worker, or Node.
 */
export interface SimulatorHandler extends SimulatorControl {
  /**
   * Answers one request. A dropped connection (`drop-*` faults) resolves `Response.error()`, a
   * network error to `fetch`; a `stall` answers only when the request is aborted or the handler closed.
   * A request to another origin, or to a path outside `baseUrl`'s path, is answered 404 and not logged.
   * After `close()` every request is a network error, pending ones (stalled or delayed by a `latency`
   * fault) included, and the control methods that change state (`agent`, `setScenario`, `setFaults`,
   * `addFault`) throw.
   */
  handle(request: Request): Promise<Response>
  waitFor(predicate: (sim: SimulatorHandler) => boolean, timeoutMs?: number): Promise<void>
}
