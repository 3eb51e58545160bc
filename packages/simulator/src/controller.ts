import { ChatStore } from './chat-store.js'
import { resolveConfig, type ResolvedConfig } from './config.js'
import { FaultEngine } from './faults.js'
import { RequestLog } from './log.js'
import type { AgentControl, ChatView, FaultRule, RequestLogEntry, Scenario, ScenarioName, SimulatorOptions } from './types.js'

const WAIT_FOR_POLL_MS = 10
const DEFAULT_WAIT_FOR_TIMEOUT_MS = 5_000

/** The parts of one simulator, whatever carries its requests. */
export interface SimulatorParts {
  config: ResolvedConfig
  store: ChatStore
  faults: FaultEngine
  log: RequestLog
}

export function createParts(options: SimulatorOptions): SimulatorParts {
  const config = resolveConfig(options)
  const store = new ChatStore(config, options.scenario ?? 'friendly')
  const faults = new FaultEngine(config.seed)
  faults.set(options.faults ?? [])
  return { config, store, faults, log: new RequestLog(config.maxLogEntries, config.maxLogBodyBytes) }
}

/** The control surface over the parts: what a started simulator and the in-process handler share. */
export abstract class SimulatorController {
  abstract readonly url: string
  protected readonly parts: SimulatorParts

  constructor(parts: SimulatorParts) {
    this.parts = parts
  }

  abstract close(): Promise<void>

  /** True once `close()` was called: the controller refuses every change from then on. */
  protected abstract get isClosed(): boolean

  #open(what: string): void {
    if (this.isClosed) throw new Error(`${what}: the simulator is closed`)
  }

  get requests(): RequestLogEntry[] {
    return this.parts.log.all()
  }

  clearRequests(): void {
    this.parts.log.clear()
  }

  chats(): ChatView[] {
    return this.parts.store.all().map((c) => c.view())
  }

  chat(id: string): ChatView | undefined {
    return this.parts.store.session(id)?.view()
  }

  agent(chatId: string): AgentControl {
    this.#open('agent')
    const runner = this.parts.store.runner(chatId)
    if (!runner) throw new Error(`Unknown chat ${chatId}`)
    return runner
  }

  setScenario(scenario: ScenarioName | Scenario): void {
    this.#open('setScenario')
    this.parts.store.setScenario(scenario)
  }

  setFaults(rules: FaultRule[]): void {
    this.#open('setFaults')
    this.parts.faults.set(rules)
  }

  addFault(rule: FaultRule): void {
    this.#open('addFault')
    this.parts.faults.add(rule)
  }

  clearFaults(): void {
    this.parts.faults.clear()
  }

  faults(): FaultRule[] {
    return this.parts.faults.list()
  }

  async waitFor(predicate: (sim: this) => boolean, timeoutMs = DEFAULT_WAIT_FOR_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate(this)) {
      if (Date.now() >= deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_POLL_MS))
    }
  }
}
