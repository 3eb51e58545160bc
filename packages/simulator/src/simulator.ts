import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { ChatStore } from './chat-store.js'
import { resolveConfig, type ResolvedConfig } from './config.js'
import { FaultEngine } from './faults.js'
import { RequestLog } from './log.js'
import { createRequestListener } from './server.js'
import type {
  AgentControl,
  ChatView,
  FaultRule,
  RequestLogEntry,
  Scenario,
  ScenarioName,
  Simulator,
  SimulatorOptions,
} from './types.js'

const WAIT_FOR_POLL_MS = 10
const DEFAULT_WAIT_FOR_TIMEOUT_MS = 5_000

class RunningSimulator implements Simulator {
  readonly url: string
  readonly port: number
  readonly #server: Server
  readonly #store: ChatStore
  readonly #faults: FaultEngine
  readonly #log: RequestLog
  readonly #stalled: Set<Socket>
  #closed: Promise<void> | undefined

  constructor(parts: { server: Server; store: ChatStore; faults: FaultEngine; log: RequestLog; stalled: Set<Socket>; host: string }) {
    this.#server = parts.server
    this.#store = parts.store
    this.#faults = parts.faults
    this.#log = parts.log
    this.#stalled = parts.stalled
    this.port = (parts.server.address() as AddressInfo).port
    const host = parts.host.includes(':') ? `[${parts.host}]` : parts.host
    this.url = `http://${host}:${this.port}`
  }

  get closing(): boolean {
    return this.#closed !== undefined
  }

  get requests(): RequestLogEntry[] {
    return this.#log.all()
  }

  clearRequests(): void {
    this.#log.clear()
  }

  chats(): ChatView[] {
    return this.#store.all().map((c) => c.view())
  }

  chat(id: string): ChatView | undefined {
    return this.#store.session(id)?.view()
  }

  agent(chatId: string): AgentControl {
    const runner = this.#store.runner(chatId)
    if (!runner) throw new Error(`Unknown chat ${chatId}`)
    return runner
  }

  setScenario(scenario: ScenarioName | Scenario): void {
    this.#store.setScenario(scenario)
  }

  setFaults(rules: FaultRule[]): void {
    this.#faults.set(rules)
  }

  addFault(rule: FaultRule): void {
    this.#faults.add(rule)
  }

  clearFaults(): void {
    this.#faults.clear()
  }

  faults(): FaultRule[] {
    return this.#faults.list()
  }

  async waitFor(predicate: (sim: Simulator) => boolean, timeoutMs = DEFAULT_WAIT_FOR_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!predicate(this)) {
      if (Date.now() >= deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`)
      await new Promise((resolve) => setTimeout(resolve, WAIT_FOR_POLL_MS))
    }
  }

  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.#store.dispose()
      for (const socket of this.#stalled) socket.destroy()
      this.#stalled.clear()
      this.#server.close(() => resolve())
      this.#server.closeAllConnections()
    })
    return this.#closed
  }
}

/** Starts a GWS Customer Chat API simulator on a real HTTP port. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config: ResolvedConfig = resolveConfig(options)
  const store = new ChatStore(config, options.scenario ?? 'friendly')
  const faults = new FaultEngine(config.seed)
  faults.set(options.faults ?? [])
  const log = new RequestLog(config.maxLogEntries, config.maxLogBodyBytes)
  const stalled = new Set<Socket>()
  let simulator: RunningSimulator | undefined
  const server = createServer(
    createRequestListener({
      config,
      store,
      faults,
      log,
      stalled,
      simulator: () => simulator as RunningSimulator,
      isClosing: () => simulator?.closing ?? false,
    }),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(config.port, config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  simulator = new RunningSimulator({ server, store, faults, log, stalled, host: config.host })
  return simulator
}
