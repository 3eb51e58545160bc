import type { ResolvedConfig } from './config.js'
import { Timers } from './timers.js'
import type {
  ChatState,
  ChatView,
  EndedBy,
  EntryType,
  OperationName,
  ParticipantType,
  ServerEntry,
  Visibility,
  WireParticipant,
} from './types.js'

export const LIVE_CAPABILITIES: OperationName[] = [
  'SendMessage',
  'SendStartTypingNotification',
  'SendStopTypingNotification',
  'Complete',
]

/** Customer is 1, agents count up from 2, the External system party is always 100. */
const CUSTOMER_ID = 1
const FIRST_AGENT_ID = 2
export const SYSTEM_ID = 100

/** How far the server's own entries may go past `maxEntriesPerChat` (replies, notices, leaving). */
export const ENTRY_HEADROOM = 32

export const TIMEOUT_NOTICE = 'Chat closed: the visitor stopped responding'
export const IDLE_ALERT_NOTICE = 'This chat will close soon due to inactivity.'
export const IDLE_CLOSE_NOTICE = 'This chat was closed due to inactivity.'

export interface Participant {
  readonly numericId: number
  readonly nickname: string
  readonly type: ParticipantType
}

export interface ChatInit {
  id: string
  contactCenterId: string
  nickname: string
  subject: string
  endpoint?: string
  userData: Record<string, unknown>
  systemNickname: string
  config: ResolvedConfig
}

/** A customer-visible entry as GetMessages returns it. */
export interface WireEntry {
  from: WireParticipant
  index: number
  type: EntryType
  text?: string
  url?: string
  utcTime?: number
}

/**
 * The state of one chat: participants, the transcript, the delivery cursor and the server-side
 * housekeeping timers (disconnect, idle control, purge). Scripted agents live in ScenarioRunner.
 */
export class ChatSession {
  readonly id: string
  readonly contactCenterId: string
  readonly nickname: string
  readonly subject: string
  readonly endpoint: string | undefined
  readonly customer: Participant
  readonly system: Participant
  readonly timers: Timers

  /** Called after every customer Text; the scenario runner hooks in here. */
  onCustomerText: (text: string) => void = () => {}
  /** Called once when the chat ends, after its timers were cleared. */
  onEnded: () => void = () => {}
  /** Called once when the ended chat is purged; the store then lets go of it. */
  onPurged: () => void = () => {}

  #present: Participant[] = []
  #entries: ServerEntry[] = []
  #visibleCount = 0
  #cursor = 0
  #nextAgentId = FIRST_AGENT_ID
  #ended = false
  #endedBy: EndedBy | undefined
  #purged = false
  #userData: Record<string, unknown>
  #config: ResolvedConfig
  #cancelDisconnect: () => void = () => {}
  #cancelIdle: () => void = () => {}

  constructor(init: ChatInit) {
    this.id = init.id
    this.contactCenterId = init.contactCenterId
    this.nickname = init.nickname
    this.subject = init.subject
    this.endpoint = init.endpoint
    this.#userData = init.userData
    this.#config = init.config
    this.timers = new Timers(init.config.timeScale)
    this.customer = { numericId: CUSTOMER_ID, nickname: init.nickname, type: 'Customer' }
    this.system = { numericId: SYSTEM_ID, nickname: init.systemNickname, type: 'External' }
    this.join(this.customer)
    this.touch()
    this.#armIdleControl()
  }

  get ended(): boolean {
    return this.#ended
  }

  get purged(): boolean {
    return this.#purged
  }

  get userData(): Record<string, unknown> {
    return this.#userData
  }

  /** The transcript holds `maxEntriesPerChat` entries: customer operations that add one are refused. */
  get full(): boolean {
    return this.#entries.length >= this.#config.maxEntriesPerChat
  }

  get state(): ChatState {
    if (this.#ended) return 'Idle'
    return this.agents().length > 0 ? 'Chatting' : 'WaitingForAgent'
  }

  get capabilities(): OperationName[] {
    if (!this.#ended) return [...LIVE_CAPABILITIES]
    return this.#config.capabilitiesAfterEnd === 'complete-only' ? ['Complete'] : []
  }

  agents(): Participant[] {
    return this.#present.filter((p) => p.type === 'Agent')
  }

  isPresent(participant: Participant): boolean {
    return this.#present.includes(participant)
  }

  newAgent(nickname: string): Participant {
    return { numericId: this.#nextAgentId++, nickname, type: 'Agent' }
  }

  join(participant: Participant, entryType: 'ParticipantJoined' | 'ParticipantRejoined' = 'ParticipantJoined'): void {
    this.#present.push(participant)
    this.append(participant, entryType)
  }

  leave(participant: Participant): void {
    if (!this.isPresent(participant)) return
    this.#present = this.#present.filter((p) => p !== participant)
    this.append(participant, 'ParticipantLeft')
  }

  text(from: Participant, text: string): void {
    this.append(from, 'Text', { text })
    // Idle control counts silence in Text only; typing and notices do not keep a chat alive.
    this.#armIdleControl()
    if (from === this.customer) this.onCustomerText(text)
  }

  typing(from: Participant, on: boolean, text?: string): void {
    this.append(from, on ? 'TypingStarted' : 'TypingStopped', text === undefined ? {} : { text })
  }

  notice(from: Participant, text: string, visibility: Visibility = 'All'): void {
    this.append(from, 'Notice', { text }, visibility)
  }

  pushUrl(from: Participant, url: string): void {
    this.append(from, 'PushUrl', { url })
  }

  append(from: Participant, type: EntryType, extra: { text?: string; url?: string } = {}, visibility: Visibility = 'All'): void {
    // The server's own entries (replies, notices, leaving) may pass the cap by a little, then stop.
    if (this.#entries.length >= this.#config.maxEntriesPerChat + ENTRY_HEADROOM) return
    const entry: ServerEntry = {
      seq: this.#entries.length + 1,
      type,
      from: this.#wire(from),
      ...extra,
      visibility,
      utcTime: Date.now(),
    }
    // Agent-only entries take no customer index, so the indices the customer sees stay contiguous.
    if (visibility === 'All') entry.index = ++this.#visibleCount
    this.#entries.push(entry)
  }

  /** A GetChat or GetMessages arrived: the visitor is still there. */
  touch(): void {
    if (this.#ended) return
    this.#cancelDisconnect()
    this.#cancelDisconnect = this.timers.afterScaled(this.#config.disconnectTimeoutMs, () => {
      this.notice(this.system, TIMEOUT_NOTICE)
      this.leave(this.customer)
      this.end('timeout')
    })
  }

  /**
   * Customer-visible entries for GetMessages. Without `index`: those after the cursor.
   * With `index`: those with index >= `index` (0 and 1 mean everything). Both move the cursor
   * to the last returned index.
   */
  deliver(index?: number): WireEntry[] {
    const from = index === undefined ? this.#cursor + 1 : index
    const out = this.#entries.filter((e) => e.index !== undefined && e.index >= from).map((e) => this.#toWire(e))
    const last = out.at(-1)
    if (last !== undefined) this.#cursor = Math.max(this.#cursor, last.index)
    return out
  }

  /** Customer Complete: leaves (if still present) and ends the chat. */
  complete(): void {
    this.leave(this.customer)
    if (!this.#ended) this.end('customer')
  }

  end(by: EndedBy): void {
    if (this.#ended) return
    this.#ended = true
    this.#endedBy = by
    this.timers.clear()
    this.onEnded()
    // Keep the ended chat readable for a while so the client can see how it ended.
    this.timers.afterScaled(this.#config.disconnectTimeoutMs, () => this.purge())
  }

  /** Forgets the transcript, participants and userData; the id, state and how it ended stay readable. */
  purge(): void {
    if (this.#purged) return
    this.#purged = true
    this.timers.clear()
    this.#entries = []
    this.#present = []
    this.#userData = {}
    this.onCustomerText = () => {}
    this.onPurged()
  }

  /** Stops every timer (server shutdown). */
  dispose(): void {
    this.timers.dispose()
  }

  wireParticipants(): WireParticipant[] {
    return this.#present.map((p) => this.#wire(p))
  }

  view(): ChatView {
    const view: ChatView = {
      id: this.id,
      contactCenterId: this.contactCenterId,
      state: this.state,
      participants: this.wireParticipants(),
      capabilities: this.capabilities,
      transcript: this.#entries.map((e) => ({ ...e, from: { ...e.from } })),
      cursor: this.#cursor,
      ended: this.#ended,
      purged: this.#purged,
      userData: structuredClone(this.userData),
      nickname: this.nickname,
      subject: this.subject,
    }
    if (this.#endedBy !== undefined) view.endedBy = this.#endedBy
    if (this.endpoint !== undefined) view.endpoint = this.endpoint
    return view
  }

  #armIdleControl(): void {
    if (this.#ended) return
    this.#cancelIdle()
    this.#cancelIdle = this.timers.afterScaled(this.#config.idleAlertMs, () => {
      this.notice(this.system, IDLE_ALERT_NOTICE)
      this.#cancelIdle = this.timers.afterScaled(this.#config.idleCloseMs, () => {
        this.notice(this.system, IDLE_CLOSE_NOTICE)
        this.leave(this.customer)
        this.end('idle')
      })
    })
  }

  #wire(p: Participant): WireParticipant {
    const participantId = this.#config.participantIdType === 'number' ? p.numericId : String(p.numericId)
    return { nickname: p.nickname, participantId, type: p.type }
  }

  #toWire(e: ServerEntry): WireEntry {
    const wire: WireEntry = { from: { ...e.from }, index: e.index ?? 0, type: e.type }
    if (e.text !== undefined) wire.text = e.text
    if (e.url !== undefined) wire.url = e.url
    if (this.#config.timestamps) wire.utcTime = e.utcTime
    return wire
  }
}
