import type { ChatSession, Participant } from './chat-session.js'
import type { AgentControl, AgentScript, QueueScript, Scenario, Visibility } from './types.js'

const DEFAULT_NOTICE_EVERY_MS = 18_000
const DEFAULT_NOTICE_TEXT = 'An agent will be with you shortly.'

interface ReplyJob {
  text: string
  /** The customer message number (since this agent joined) the job answers. */
  count: number
}

/**
 * Gives a scenario its behaviour inside one chat: the queue party and its notices, the scripted
 * agent (join, greeting, typing, replies, push URL, leave, transfer) and the manual AgentControl.
 */
export class ScenarioRunner implements AgentControl {
  readonly #chat: ChatSession
  readonly #scenario: Scenario
  readonly #queue: QueueScript | undefined
  readonly #script: AgentScript | undefined
  #agent: Participant | undefined
  #messagesSinceJoin = 0
  #repliesSent = 0
  #transferDone = false
  #jobs: ReplyJob[] = []
  #replying = false
  #cancelJoin: () => void = () => {}
  #cancelNotices: () => void = () => {}
  #cancelReply: () => void = () => {}

  /** A handle kept past the simulator's `close()` changes nothing any more. */
  #open(): void {
    if (this.#chat.timers.disposed) throw new Error('agent: the simulator is closed')
  }

  constructor(chat: ChatSession, scenario: Scenario) {
    this.#chat = chat
    this.#scenario = scenario
    this.#queue = scenario.queue === false ? undefined : scenario.queue
    this.#script = scenario.agent ?? undefined
    chat.onCustomerText = (text) => this.#onCustomerText(text)
  }

  /** Called right after the customer joined. */
  start(): void {
    this.#startWaiting('ParticipantJoined')
    if (this.#script) this.#scheduleJoin(this.#script.joinAfterMs, this.#script.nickname)
  }

  join(nickname?: string): void {
    this.#open()
    this.#assertLive()
    this.#cancelJoin()
    this.#stopWaiting()
    const agent = this.#chat.newAgent(nickname ?? this.#script?.nickname ?? 'Agent')
    this.#chat.join(agent)
    this.#agent = agent
    this.#messagesSinceJoin = 0
    const greeting = this.#script?.greeting
    if (greeting !== undefined) this.#chat.text(agent, greeting.replaceAll('{nickname}', agent.nickname))
  }

  say(text: string): void {
    this.#open()
    this.#chat.text(this.#requireAgent(), text)
  }

  typing(on = true): void {
    this.#open()
    this.#chat.typing(this.#requireAgent(), on)
  }

  pushUrl(url: string): void {
    this.#open()
    this.#chat.pushUrl(this.#requireAgent(), url)
  }

  notice(text: string, options: { visibility?: Visibility } = {}): void {
    this.#open()
    this.#assertLive()
    this.#chat.notice(this.#agent ?? this.#chat.system, text, options.visibility ?? 'All')
  }

  leave(): void {
    this.#open()
    const agent = this.#requireAgent()
    this.#dropReplies()
    this.#chat.leave(agent)
    this.#agent = this.#chat.agents().at(-1)
    if (this.#agent === undefined) this.#chat.end('agent')
  }

  end(finalText?: string): void {
    this.#open()
    this.#assertLive()
    this.#dropReplies()
    this.#cancelJoin()
    if (finalText !== undefined) {
      if (this.#agent) this.#chat.text(this.#agent, finalText)
      else this.#chat.notice(this.#chat.system, finalText)
    }
    for (const agent of this.#chat.agents()) this.#chat.leave(agent)
    this.#stopWaiting()
    this.#agent = undefined
    this.#chat.end('agent')
  }

  transfer(toNickname?: string): void {
    this.#open()
    this.#assertLive()
    this.#transferDone = true
    this.#dropReplies()
    for (const agent of this.#chat.agents()) this.#chat.leave(agent)
    this.#agent = undefined
    this.#startWaiting('ParticipantRejoined')
    const nickname = toNickname ?? this.#scenario.transfer?.toNickname ?? this.#script?.nickname ?? 'Agent'
    this.#scheduleJoin(this.#scenario.transfer?.joinAfterMs ?? this.#script?.joinAfterMs ?? 0, nickname)
  }

  #scheduleJoin(afterMs: number, nickname: string): void {
    this.#cancelJoin()
    this.#cancelJoin = this.#chat.timers.after(afterMs, () => this.join(nickname))
  }

  #startWaiting(entryType: 'ParticipantJoined' | 'ParticipantRejoined'): void {
    const queue = this.#queue
    if (!queue || this.#chat.isPresent(this.#chat.system)) return
    this.#chat.join(this.#chat.system, entryType)
    const text = queue.noticeText ?? DEFAULT_NOTICE_TEXT
    const every = queue.noticeEveryMs ?? DEFAULT_NOTICE_EVERY_MS
    const post = (): void => {
      this.#chat.notice(this.#chat.system, text)
      // A zero interval means one notice, not a tight loop.
      if (every > 0) this.#cancelNotices = this.#chat.timers.after(every, post)
    }
    post()
  }

  #stopWaiting(): void {
    this.#cancelNotices()
    this.#chat.leave(this.#chat.system)
  }

  #onCustomerText(text: string): void {
    if (!this.#script || !this.#agent) return
    this.#messagesSinceJoin += 1
    this.#jobs.push({ text, count: this.#messagesSinceJoin })
    if (!this.#replying) this.#nextReply()
  }

  /** Replies go out one at a time, in order, each after the agent "typed" for a while. */
  #nextReply(): void {
    const job = this.#jobs.shift()
    const agent = this.#agent
    if (!job || !agent || this.#chat.ended) {
      this.#replying = false
      return
    }
    this.#replying = true
    const reply = this.#replyFor(job.text)
    const typingMs = this.#script?.typingBeforeReplyMs ?? 0
    const finish = (): void => {
      // A Text ends the agent's typing implicitly; no TypingStopped is sent before it.
      if (reply !== undefined) this.#chat.text(agent, reply)
      this.#afterReply(job.count)
      this.#nextReply()
    }
    if (reply === undefined || typingMs <= 0) return finish()
    this.#chat.typing(agent, true)
    this.#cancelReply = this.#chat.timers.after(typingMs, finish)
  }

  #replyFor(text: string): string | undefined {
    const reply = this.#script?.reply ?? 'none'
    if (reply === 'none') return undefined
    if (reply === 'echo') return text
    const n = this.#repliesSent++
    if ('template' in reply) return reply.template.replaceAll('{text}', text)
    if ('canned' in reply) return reply.canned.length > 0 ? reply.canned[n % reply.canned.length] : undefined
    return reply.script[n]
  }

  #afterReply(count: number): void {
    const script = this.#script
    if (!script || this.#chat.ended || !this.#agent) return
    if (script.pushUrl?.afterMessages === count) this.pushUrl(script.pushUrl.url)
    const transfer = this.#scenario.transfer
    if (transfer && !this.#transferDone && transfer.afterMessages === count) return this.transfer()
    if (script.leaveAfterMessages === count) this.leave()
  }

  #dropReplies(): void {
    this.#jobs = []
    this.#cancelReply()
    this.#replying = false
  }

  #requireAgent(): Participant {
    this.#assertLive()
    if (!this.#agent) throw new Error(`No agent is in chat ${this.#chat.id}`)
    return this.#agent
  }

  #assertLive(): void {
    if (this.#chat.ended) throw new Error(`Chat ${this.#chat.id} has ended`)
  }
}
