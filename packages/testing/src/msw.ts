import { createSimulatorHandler, type SimulatorHandler, type SimulatorHandlerOptions } from '@gws-chat/simulator/handler'
import { http, type HttpHandler } from 'msw'
import type { AgentControl, ChatView, FaultRule, RequestLogEntry, Scenario, ScenarioName } from '@gws-chat/simulator/handler'

/** The paths under `baseUrl` the simulator answers: the GWS API and the control API. */
const SIMULATOR_ROUTES = ['/api/*', '/__sim', '/__sim/*'] as const

/** `createSimulatorHandlers` options: the simulator's options less the listening ones, and where clients call it. */
export interface SimulatorHandlersOptions extends SimulatorHandlerOptions {
  /** The `baseUrl` the chat engine is given, e.g. `https://gws.example.test`; requests under it are answered. */
  baseUrl: string
}

/**
 * The simulator as msw request handlers: `setupServer(...sim.handlers)` in Node and jsdom,
 * `setupWorker(...sim.handlers)` in a browser. The rest is a started `Simulator`'s controller.
 */
export interface SimulatorHandlers extends Omit<SimulatorHandler, 'handle' | 'waitFor'> {
  /**
   * msw handlers for the simulator's own routes only, every method: the GWS API under `baseUrl` + `/api/` and the
   * control API under `baseUrl` + `/__sim/`. Other requests on the same origin go on to the next handler.
   */
  readonly handlers: HttpHandler[]
  waitFor(predicate: (sim: SimulatorHandlers) => boolean, timeoutMs?: number): Promise<void>
  /** Forgets every chat, request and fault and starts over from the options it was created with (for `afterEach`). */
  reset(): void
}

class MswSimulator implements SimulatorHandlers {
  readonly handlers: HttpHandler[]
  readonly url: string
  readonly #options: SimulatorHandlersOptions
  #current: SimulatorHandler

  constructor(options: SimulatorHandlersOptions) {
    this.#options = options
    this.#current = createSimulatorHandler(options)
    this.url = this.#current.url
    // The simulator's routes alone (see the dispatcher): the app's own pages and a team's own handlers stay theirs.
    const answer = ({ request }: { request: Request }): Promise<Response> => this.#current.handle(request)
    this.handlers = SIMULATOR_ROUTES.map((route) => http.all(`${this.url}${route}`, answer))
  }

  get requests(): RequestLogEntry[] {
    return this.#current.requests
  }

  clearRequests(): void {
    this.#current.clearRequests()
  }

  chats(): ChatView[] {
    return this.#current.chats()
  }

  chat(id: string): ChatView | undefined {
    return this.#current.chat(id)
  }

  agent(chatId: string): AgentControl {
    return this.#current.agent(chatId)
  }

  setScenario(scenario: ScenarioName | Scenario): void {
    this.#current.setScenario(scenario)
  }

  setFaults(rules: FaultRule[]): void {
    this.#current.setFaults(rules)
  }

  addFault(rule: FaultRule): void {
    this.#current.addFault(rule)
  }

  clearFaults(): void {
    this.#current.clearFaults()
  }

  faults(): FaultRule[] {
    return this.#current.faults()
  }

  waitFor(predicate: (sim: SimulatorHandlers) => boolean, timeoutMs?: number): Promise<void> {
    return this.#current.waitFor(() => predicate(this), timeoutMs)
  }

  reset(): void {
    void this.#current.close()
    this.#current = createSimulatorHandler(this.#options)
  }

  close(): Promise<void> {
    return this.#current.close()
  }
}

/**
 * The GWS Customer Chat API simulator in process, as msw handlers. Takes `startSimulator`'s options
 * (less `port`, `host`, `controlOrigins`) plus `baseUrl`; with the defaults a chat gets the `friendly`
 * scripted agent: it reaches `connected` and receives the greeting, exactly as over HTTP.
 */
export function createSimulatorHandlers(options: SimulatorHandlersOptions): SimulatorHandlers {
  return new MswSimulator(options)
}
