import { ChatSession } from './chat-session.js'
import type { ResolvedConfig } from './config.js'
import { mulberry32, uuidFrom } from './prng.js'
import { resolveScenario } from './scenario.js'
import { ScenarioRunner } from './scenario-runner.js'
import type { Scenario, ScenarioName } from './types.js'

export interface NewChat {
  contactCenterId: string
  nickname: string
  subject: string
  endpoint?: string
  userData: Record<string, unknown>
}

interface Entry {
  session: ChatSession
  runner: ScenarioRunner
}

/**
 * Every chat of one simulator, with the scenario new chats start from. At most `maxChats` chats are
 * held (live, or ended and not purged yet). A purged chat lets go of its transcript and stays as a
 * small tombstone (id, state, how it ended) so `chat(id)` can tell it was purged; the oldest
 * tombstones beyond `maxChats` are forgotten altogether.
 */
export class ChatStore {
  readonly #config: ResolvedConfig
  readonly #chats = new Map<string, Entry>()
  /** Ids of purged chats, oldest first (insertion order of a Set). */
  readonly #tombstones = new Set<string>()
  // A stream apart from the fault stream, so creating chats never shifts which requests get faulted.
  readonly #random: () => number
  #scenario: Scenario

  constructor(config: ResolvedConfig, scenario: ScenarioName | Scenario) {
    this.#config = config
    this.#random = mulberry32(config.seed ^ 0x5bd1e995)
    this.#scenario = resolveScenario(scenario)
  }

  setScenario(scenario: ScenarioName | Scenario): void {
    this.#scenario = resolveScenario(scenario)
  }

  get scenario(): Scenario {
    return structuredClone(this.#scenario)
  }

  create(init: NewChat): ChatSession {
    let id = uuidFrom(this.#random)
    while (this.#chats.has(id)) id = uuidFrom(this.#random)
    const scenario = structuredClone(this.#scenario)
    const systemNickname = (scenario.queue && scenario.queue.systemNickname) || 'system'
    const session = new ChatSession({ ...init, id, systemNickname, config: this.#config })
    const runner = new ScenarioRunner(session, scenario)
    session.onPurged = () => this.#bury(id)
    this.#chats.set(id, { session, runner })
    runner.start()
    return session
  }

  /** False once `maxChats` chats are held: RequestChat is refused until some are purged. */
  hasRoom(): boolean {
    return this.#chats.size - this.#tombstones.size < this.#config.maxChats
  }

  #bury(id: string): void {
    this.#tombstones.add(id)
    for (const oldest of this.#tombstones) {
      if (this.#tombstones.size <= this.#config.maxChats) break
      this.#tombstones.delete(oldest)
      this.#chats.delete(oldest)
    }
  }

  /** Chats held in memory, tombstones included (for tests and measurements). */
  get size(): number {
    return this.#chats.size
  }

  /** A chat the API may still serve: it exists and was not purged. */
  live(id: string): ChatSession | undefined {
    const session = this.#chats.get(id)?.session
    return session && !session.purged ? session : undefined
  }

  session(id: string): ChatSession | undefined {
    return this.#chats.get(id)?.session
  }

  runner(id: string): ScenarioRunner | undefined {
    return this.#chats.get(id)?.runner
  }

  all(): ChatSession[] {
    return [...this.#chats.values()].map((e) => e.session)
  }

  dispose(): void {
    for (const { session } of this.#chats.values()) session.dispose()
  }
}
