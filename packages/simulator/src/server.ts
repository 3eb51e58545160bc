import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { handleApi } from './api.js'
import type { ChatStore } from './chat-store.js'
import type { ResolvedConfig } from './config.js'
import { handleControl } from './control.js'
import { createControlGuard, type ControlGuard } from './control-guard.js'
import { corsPreflightHeaders, corsResponseHeaders, createOriginMatcher, originOf } from './cors.js'
import { ApiError, type ApiResponse } from './envelope.js'
import { DEFAULT_ERROR_STATUS, DEFAULT_RETRY_AFTER_SECONDS, type FaultEngine } from './faults.js'
import { delay, discardBody, lowerCaseHeaders, parseJsonBody, readBody, writeRaw, writeText } from './http-util.js'
import type { RequestLog } from './log.js'
import { operationOf, parseApiRoute } from './routes.js'
import type { RequestLogEntry, Simulator } from './types.js'
import { wrongBody } from './wrong-body.js'

export interface ServerDeps {
  config: ResolvedConfig
  store: ChatStore
  faults: FaultEngine
  log: RequestLog
  simulator: () => Simulator
  /** Sockets held open by `stall`; destroyed on close. */
  stalled: Set<Socket>
  isClosing: () => boolean
}

/** The request listener: `/api/**` is the GWS surface, `/__sim/**` the control API. */
export function createRequestListener(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const context: Context = {
    deps,
    originAllowed: createOriginMatcher(deps.config.allowedOrigins),
    guard: createControlGuard(deps.config, () => deps.simulator().port),
  }
  return (req, res) => {
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://simulator.invalid')
    } catch {
      // `//` alone and similar request targets do not parse as a path.
      writeText(res, 400, 'Bad request target\n')
      discardBody(req)
      return
    }
    const route = url.pathname.startsWith('/__sim/') || url.pathname === '/__sim' ? serveControl : url.pathname.startsWith('/api/') ? serveApi : serveOther
    route(req, res, url, context).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return
      writeRaw(res, 500, JSON.stringify({ statusCode: 4, statusMessage: error instanceof Error ? error.message : 'Internal error' }))
    })
  }
}

interface Context {
  deps: ServerDeps
  originAllowed: (origin: string) => boolean
  guard: ControlGuard
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, context: Context) => Promise<void>

const tooLarge = (limit: number): string => `The request body is larger than ${limit} bytes`

const serveOther: Route = async (req, res, url, { deps }) => {
  const body = await readBody(req, deps.config.maxBodyBytes)
  if (!body.ok) {
    writeText(res, 413, `${tooLarge(deps.config.maxBodyBytes)}\n`)
    discardBody(req)
    return
  }
  if (url.pathname === '/' && req.method === 'GET') {
    writeText(res, 200, 'GWS Customer Chat API simulator. API under /api/v2/chats, control API under /__sim/.\n')
    return
  }
  writeText(res, 404, 'Not found\n')
}

const serveControl: Route = async (req, res, url, { deps, guard }) => {
  const verdict = guard.check(req)
  if (!verdict.ok) {
    // No CORS headers: a refused page cannot even read why.
    writeRaw(res, verdict.status, JSON.stringify({ error: verdict.error }))
    discardBody(req)
    return
  }
  const { cors } = verdict
  if (req.method === 'OPTIONS') {
    // Only a preflight from an allowed origin is answered; same-origin pages and tools never send one.
    if (originOf(req) === undefined) writeRaw(res, 403, JSON.stringify({ error: 'The control API answers preflights from allowed origins only' }))
    else {
      res.writeHead(204, {
        ...cors,
        'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type',
        'Access-Control-Max-Age': '600',
      })
      res.end()
    }
    discardBody(req)
    return
  }
  const body = await readBody(req, deps.config.maxBodyBytes)
  if (!body.ok) {
    writeRaw(res, 413, JSON.stringify({ error: tooLarge(deps.config.maxBodyBytes) }), cors)
    discardBody(req)
    return
  }
  const parsed = parseJsonBody(body.text)
  const response = parsed.ok
    ? handleControl(req.method ?? 'GET', url.pathname, parsed.value, deps.simulator())
    : { status: 400, body: { error: 'The request body is not valid JSON' } }
  writeRaw(res, response.status, JSON.stringify(response.body), cors)
}

const serveApi: Route = async (req, res, url, { deps, originAllowed }) => {
  const { config, log } = deps
  const method = req.method ?? 'GET'
  const origin = originOf(req)
  const allowed = origin !== undefined && originAllowed(origin)
  const time = Date.now()
  const read = await readBody(req, config.maxBodyBytes)
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
      headers: lowerCaseHeaders(req),
      ...(operation === undefined ? {} : { operation }),
      ...('chatId' in route ? { chatId: route.chatId } : {}),
    },
    { raw, ...(body.ok ? { parsed: body.value } : {}), refused: !read.ok },
  )

  if (!read.ok) {
    // Not read, not applied, not faulted: the connection is cut once a bounded amount was dropped.
    const cors = allowed ? corsResponseHeaders(origin) : {}
    writeRaw(res, 413, JSON.stringify({ statusCode: 1, statusMessage: tooLarge(config.maxBodyBytes) }), cors)
    log.finish(entry, 413)
    discardBody(req)
    return
  }

  if (method === 'OPTIONS') {
    // A disallowed origin gets no CORS headers at all, so the browser blocks the real request.
    if (allowed) res.writeHead(204, corsPreflightHeaders(origin)).end()
    else writeText(res, 403, 'Origin not allowed\n')
    log.finish(entry, res.statusCode)
    return
  }

  const cors = allowed ? corsResponseHeaders(origin) : {}
  const decision = deps.faults.decide({ operation, path: url.pathname })
  if (decision.kind !== undefined) entry.fault = decision.kind
  if (decision.latencyMs > 0) await delay(decision.latencyMs * config.timeScale)
  if (deps.isClosing()) return drop(req, entry, log)

  const kind = decision.rule?.kind
  switch (kind) {
    case 'drop-before-apply':
      return drop(req, entry, log)
    case 'stall': {
      const socket = req.socket
      deps.stalled.add(socket)
      socket.once('close', () => deps.stalled.delete(socket))
      return
    }
    case 'http-error': {
      const status = decision.rule?.status ?? DEFAULT_ERROR_STATUS
      writeText(res, status, 'Service Unavailable\n', cors)
      log.finish(entry, status)
      return
    }
    case 'rate-limit': {
      const retryAfter = String(decision.rule?.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS)
      writeText(res, 429, 'Too Many Requests\n', { ...cors, 'Retry-After': retryAfter })
      log.finish(entry, 429)
      return
    }
    default:
      break
  }

  const response = apply(() => handleApi({ method, path: url.pathname, route, operation, query: entry.query, headers: entry.headers, body }, deps.store, config), config)
  if (kind === 'drop-after-apply') return drop(req, entry, log)
  let text = JSON.stringify(response.body)
  // Cut mid-document so JSON.parse fails the way a truncated proxy response does.
  if (kind === 'malformed-json') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)))
  if (kind === 'wrong-body') text = JSON.stringify(wrongBody(operation, response.body))
  writeRaw(res, response.status, text, { ...cors, ...response.headers })
  log.finish(entry, response.status)
}

function apply(run: () => ApiResponse, config: ResolvedConfig): ApiResponse {
  try {
    return run()
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse(config)
    throw error
  }
}

function drop(req: IncomingMessage, entry: RequestLogEntry, log: RequestLog): void {
  req.socket.destroy()
  log.finish(entry, 0)
}
