import { handleApi } from './api.js'
import type { BodyRead } from './body.js'
import { parseJsonBody } from './body.js'
import type { SimulatorParts } from './controller.js'
import { handleControl } from './control.js'
import type { ControlGuard } from './control-guard.js'
import { corsPreflightHeaders, corsResponseHeaders, createOriginMatcher, originOf } from './cors.js'
import { ApiError, type ApiResponse } from './envelope.js'
import { DEFAULT_ERROR_STATUS, DEFAULT_RETRY_AFTER_SECONDS } from './faults.js'
import { operationOf, parseApiRoute } from './routes.js'
import type { SimulatorControl } from './types.js'
import { wrongBody } from './wrong-body.js'

/** One request as the dispatcher sees it, whatever carried it (node:http or a WHATWG `Request`). */
export interface IncomingRequest {
  method: string
  /** Path and query, as in an HTTP request line. */
  target: string
  /** Lower-case header names. */
  headers: Record<string, string>
  /** Reads the body, refusing more than `limit` bytes. Called at most once. */
  readBody(limit: number): Promise<BodyRead>
}

/** What to do with a request: answer it, cut the connection, or hold it until the simulator closes. */
export type Reply =
  | { kind: 'respond'; status: number; headers: Record<string, string>; body: string }
  | { kind: 'drop' }
  | { kind: 'stall' }

export interface DispatchDeps extends SimulatorParts {
  control: () => SimulatorControl
  /** Who may use `/__sim/*`; undefined serves every caller (in process, only the page's own code gets there). */
  guard: ControlGuard | undefined
  isClosing: () => boolean
  delay: (ms: number) => Promise<void>
}

const TEXT = { 'Content-Type': 'text/plain; charset=utf-8' }
const JSON_TYPE = { 'Content-Type': 'application/json;charset=UTF-8' }

const text = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({ kind: 'respond', status, headers: { ...TEXT, ...headers }, body })
const json = (status: number, body: string, headers: Record<string, string> = {}): Reply => ({ kind: 'respond', status, headers: { ...JSON_TYPE, ...headers }, body })
const tooLarge = (limit: number): string => `The request body is larger than ${limit} bytes`

/** The simulator's routing: `/api/**` is the GWS surface, `/__sim/**` the control API, the rest 404. */
export function createDispatcher(deps: DispatchDeps): (req: IncomingRequest) => Promise<Reply> {
  const originAllowed = createOriginMatcher(deps.config.allowedOrigins)
  return async (req) => {
    let url: URL
    try {
      url = new URL(req.target, 'http://simulator.invalid')
    } catch {
      // `//` alone and similar request targets do not parse as a path.
      return text(400, 'Bad request target\n')
    }
    try {
      if (url.pathname.startsWith('/__sim/') || url.pathname === '/__sim') return await serveControl(req, url, deps)
      if (url.pathname.startsWith('/api/')) return await serveApi(req, url, deps, originAllowed)
      return await serveOther(req, url, deps)
    } catch (error) {
      return json(500, JSON.stringify({ statusCode: 4, statusMessage: error instanceof Error ? error.message : 'Internal error' }))
    }
  }
}

async function serveOther(req: IncomingRequest, url: URL, deps: DispatchDeps): Promise<Reply> {
  const body = await req.readBody(deps.config.maxBodyBytes)
  if (!body.ok) return text(413, `${tooLarge(deps.config.maxBodyBytes)}\n`)
  if (url.pathname === '/' && req.method === 'GET') {
    return text(200, 'GWS Customer Chat API simulator. API under /api/v2/chats, control API under /__sim/.\n')
  }
  return text(404, 'Not found\n')
}

async function serveControl(req: IncomingRequest, url: URL, deps: DispatchDeps): Promise<Reply> {
  const verdict = deps.guard === undefined ? { ok: true as const, cors: {} } : deps.guard.check(req)
  // No CORS headers: a refused page cannot even read why.
  if (!verdict.ok) return json(verdict.status, JSON.stringify({ error: verdict.error }))
  const { cors } = verdict
  if (req.method === 'OPTIONS') {
    // Only a preflight from an allowed origin is answered; same-origin pages and tools never send one.
    if (originOf(req.headers) === undefined) return json(403, JSON.stringify({ error: 'The control API answers preflights from allowed origins only' }))
    return {
      kind: 'respond',
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '600',
      },
      body: '',
    }
  }
  const body = await req.readBody(deps.config.maxBodyBytes)
  if (!body.ok) return json(413, JSON.stringify({ error: tooLarge(deps.config.maxBodyBytes) }), cors)
  const parsed = parseJsonBody(body.text)
  const response = parsed.ok ? handleControl(req.method, url.pathname, parsed.value, deps.control()) : { status: 400, body: { error: 'The request body is not valid JSON' } }
  return json(response.status, JSON.stringify(response.body), cors)
}

async function serveApi(req: IncomingRequest, url: URL, deps: DispatchDeps, originAllowed: (origin: string) => boolean): Promise<Reply> {
  const { config, log } = deps
  const { method } = req
  const origin = originOf(req.headers)
  const allowed = origin !== undefined && originAllowed(origin)
  const cors = allowed ? corsResponseHeaders(origin) : {}
  const time = Date.now()
  const read = await req.readBody(config.maxBodyBytes)
  const raw = read.ok ? read.text : ''
  const body = parseJsonBody(raw)
  const route = parseApiRoute(url.pathname)
  const operation = method === 'OPTIONS' || !read.ok ? undefined : operationOf(method, route, body, config)
  const entry = log.start(
    {
      time,
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      ...(operation === undefined ? {} : { operation }),
      ...('chatId' in route ? { chatId: route.chatId } : {}),
    },
    { raw, ...(body.ok ? { parsed: body.value } : {}), refused: !read.ok },
  )
  const finish = (reply: Reply): Reply => {
    log.finish(entry, reply.kind === 'respond' ? reply.status : 0)
    return reply
  }

  // Not read, not applied, not faulted: the connection is cut once a bounded amount was dropped.
  if (!read.ok) return finish(json(413, JSON.stringify({ statusCode: 1, statusMessage: tooLarge(config.maxBodyBytes) }), cors))

  if (method === 'OPTIONS') {
    // A disallowed origin gets no CORS headers at all, so the browser blocks the real request.
    return finish(allowed ? { kind: 'respond', status: 204, headers: corsPreflightHeaders(origin), body: '' } : text(403, 'Origin not allowed\n'))
  }

  const decision = deps.faults.decide({ operation, path: url.pathname })
  if (decision.kind !== undefined) entry.fault = decision.kind
  if (decision.latencyMs > 0) await deps.delay(decision.latencyMs * config.timeScale)
  if (deps.isClosing()) return finish({ kind: 'drop' })

  const kind = decision.rule?.kind
  switch (kind) {
    case 'drop-before-apply':
      return finish({ kind: 'drop' })
    case 'stall':
      return { kind: 'stall' }
    case 'http-error': {
      const status = decision.rule?.status ?? DEFAULT_ERROR_STATUS
      return finish(text(status, 'Service Unavailable\n', cors))
    }
    case 'rate-limit': {
      const retryAfter = String(decision.rule?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)
      return finish(text(429, 'Too Many Requests\n', { ...cors, 'Retry-After': retryAfter }))
    }
    default:
      break
  }

  const response = apply(() => handleApi({ method, path: url.pathname, route, operation, query: entry.query, headers: entry.headers, body }, deps.store, config), config)
  if (kind === 'drop-after-apply') return finish({ kind: 'drop' })
  let out = JSON.stringify(response.body)
  // Cut mid-document so JSON.parse fails the way a truncated proxy response does.
  if (kind === 'malformed-json') out = out.slice(0, Math.max(1, Math.floor(out.length / 2)))
  if (kind === 'wrong-body') out = JSON.stringify(wrongBody(operation, response.body))
  return finish(json(response.status, out, { ...cors, ...response.headers }))
}

function apply(run: () => ApiResponse, config: SimulatorParts['config']): ApiResponse {
  try {
    return run()
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse(config)
    throw error
  }
}
