import { readStream } from './body.js'
import { createParts, SimulatorController, type SimulatorParts } from './controller.js'
import { createDispatcher, type Reply } from './dispatch.js'
import type { SimulatorHandler, SimulatorHandlerOptions } from './types.js'

const DEFAULT_BASE_URL = 'http://localhost'

class InProcessSimulator extends SimulatorController implements SimulatorHandler {
  readonly url: string
  readonly #basePath: string
  readonly #dispatch: ReturnType<typeof createDispatcher>
  /** Resolvers of stalled requests, answered with a network error on close. */
  readonly #stalled = new Set<() => void>()
  #closed: Promise<void> | undefined

  constructor(parts: SimulatorParts, base: URL) {
    super(parts)
    this.url = `${base.origin}${base.pathname === '/' ? '' : base.pathname.replace(/\/+$/, '')}`
    this.#basePath = base.pathname.replace(/\/+$/, '')
    this.#dispatch = createDispatcher({
      ...parts,
      control: () => this,
      guard: undefined,
      isClosing: () => this.#closed !== undefined,
      // Not unref'd: in process nothing else may keep Node alive until the answer arrives.
      delay: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(2_147_483_647, Math.max(0, ms)))),
    })
  }

  async handle(request: Request): Promise<Response> {
    if (this.#closed !== undefined) return Response.error()
    const url = new URL(request.url)
    const base = this.#basePath
    const under = base !== '' && (url.pathname === base || url.pathname.startsWith(`${base}/`))
    const path = under ? url.pathname.slice(base.length) || '/' : url.pathname
    const headers: Record<string, string> = {}
    request.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value
    })
    let read = false
    const reply = await this.#dispatch({
      method: request.method.toUpperCase(),
      target: `${path}${url.search}`,
      headers,
      readBody: (limit) => {
        read = true
        return readStream(request.body, limit, request.headers.get('content-length'))
      },
    })
    if (!read) await request.body?.cancel().catch(() => undefined)
    return this.#respond(reply, request.signal)
  }

  #respond(reply: Reply, signal: AbortSignal): Promise<Response> | Response {
    switch (reply.kind) {
      case 'drop':
        return Response.error()
      case 'stall':
        return new Promise<Response>((resolve) => {
          const answer = (): void => {
            this.#stalled.delete(answer)
            signal.removeEventListener('abort', answer)
            resolve(Response.error())
          }
          this.#stalled.add(answer)
          signal.addEventListener('abort', answer, { once: true })
        })
      case 'respond': {
        // 204 and 304 must not carry a body.
        const body = reply.status === 204 || reply.status === 304 ? null : reply.body
        return new Response(body, { status: reply.status, headers: reply.headers })
      }
    }
  }

  close(): Promise<void> {
    this.#closed ??= Promise.resolve().then(() => {
      this.parts.store.dispose()
      for (const answer of [...this.#stalled]) answer()
    })
    return this.#closed
  }
}

/**
 * The simulator in process: `handle(request)` answers a WHATWG `Request` with a `Response`, with the
 * same scenarios, scripted agents, faults, timeouts, CORS headers and request log as `startSimulator`,
 * and the same control surface. It has no Node built-ins, so it also runs in a browser.
 */
export function createSimulatorHandler(options: SimulatorHandlerOptions = {}): SimulatorHandler {
  const { baseUrl = DEFAULT_BASE_URL, ...rest } = options
  let base: URL
  try {
    base = new URL(baseUrl)
  } catch {
    throw new TypeError(`baseUrl must be an absolute URL, got ${JSON.stringify(baseUrl)}`)
  }
  return new InProcessSimulator(createParts(rest), base)
}
