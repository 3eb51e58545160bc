import { readStream } from './body.js'
import { createParts, SimulatorController, type SimulatorParts } from './controller.js'
import { createDispatcher, type Reply } from './dispatch.js'
import type { SimulatorHandler, SimulatorHandlerOptions } from './types.js'

const DEFAULT_BASE_URL = 'http://localhost'
const MAX_TIMEOUT_MS = 2_147_483_647
const NOT_FOUND = { 'Content-Type': 'text/plain; charset=utf-8' }

class InProcessSimulator extends SimulatorController implements SimulatorHandler {
  readonly url: string
  readonly #origin: string
  readonly #basePath: string
  readonly #dispatch: ReturnType<typeof createDispatcher>
  /** Resolvers of stalled requests, answered with a network error on close. */
  readonly #stalled = new Set<() => void>()
  /** Latency-fault delays under way: cancelled on close, their requests then answered with a network error. */
  readonly #delays = new Map<ReturnType<typeof setTimeout>, () => void>()
  #closed: Promise<void> | undefined

  constructor(parts: SimulatorParts, base: URL) {
    super(parts)
    this.url = `${base.origin}${base.pathname === '/' ? '' : base.pathname.replace(/\/+$/, '')}`
    this.#origin = base.origin
    this.#basePath = base.pathname.replace(/\/+$/, '')
    this.#dispatch = createDispatcher({
      ...parts,
      control: () => this,
      guard: undefined,
      isClosing: () => this.#closed !== undefined,
      delay: (ms) => this.#delay(ms),
    })
  }

  protected get isClosed(): boolean {
    return this.#closed !== undefined
  }

  /** Not unref'd: in process nothing else may keep Node alive until the answer arrives. */
  #delay(ms: number): Promise<void> {
    if (this.#closed !== undefined) return Promise.resolve()
    return new Promise<void>((resolve) => {
      const handle = setTimeout(() => {
        this.#delays.delete(handle)
        resolve()
      }, Math.min(MAX_TIMEOUT_MS, Math.max(0, ms)))
      this.#delays.set(handle, resolve)
    })
  }

  async handle(request: Request): Promise<Response> {
    if (this.#closed !== undefined) return Response.error()
    const url = new URL(request.url)
    const base = this.#basePath
    const under = base === '' || url.pathname === base || url.pathname.startsWith(`${base}/`)
    // Another origin, or a path outside the base path, is not the simulator's: 404, nothing logged.
    if (url.origin !== this.#origin || !under) {
      await request.body?.cancel().catch(() => undefined)
      return new Response('Not found\n', { status: 404, headers: NOT_FOUND })
    }
    const path = url.pathname.slice(base.length) || '/'
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
    if (this.#closed !== undefined) return this.#closed
    this.#closed = Promise.resolve()
    this.parts.store.dispose()
    for (const answer of [...this.#stalled]) answer()
    // The dispatcher sees the simulator closing once a delay ends, and drops the request (a network error).
    for (const [handle, resolve] of this.#delays) {
      clearTimeout(handle)
      resolve()
    }
    this.#delays.clear()
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
