import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import { handleApi } from './api.js'
import type { ChatStore } from './chat-store.js'
import type { ResolvedConfig } from './config.js'
import { handleControl } from './control.js'
import { corsPreflightHeaders, corsResponseHeaders, createOriginMatcher, originOf } from './cors.js'
import { ApiError, type ApiResponse } from './envelope.js'
import { DEFAULT_ERROR_STATUS, DEFAULT_RETRY_AFTER_SECONDS, type FaultEngine } from './faults.js'
import { delay, lowerCaseHeaders, parseJsonBody, readBody, writeRaw, writeText } from './http-util.js'
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
  const originAllowed = createOriginMatcher(deps.config.allowedOrigins)
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid')
    const route = url.pathname.startsWith('/__sim/') || url.pathname === '/__sim' ? serveControl : url.pathname.startsWith('/api/') ? serveApi : serveOther
    route(req, res, url, deps, originAllowed).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) return
      writeRaw(res, 500, JSON.stringify({ statusCode: 4, statusMessage: error instanceof Error ? error.message : 'Internal error' }))
    })
  }
}

type Route = (req: IncomingMessage, res: ServerResponse, url: URL, deps: ServerDeps, originAllowed: (o: string) => boolean) => Promise<void>

const serveOther: Route = async (req, res, url) => {
  await readBody(req)
  if (url.pathname === '/' && req.method === 'GET') {
    writeText(res, 200, 'GWS Customer Chat API simulator. API under /api/v2/chats, control API under /__sim/.\n')
    return
  }
  writeText(res, 404, 'Not found\n')
}

const serveControl: Route = async (req, res, url, deps) => {
  const origin = originOf(req)
  const cors: Record<string, string> = origin === undefined ? {} : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
  if (req.method === 'OPTIONS') {
    const requested = req.headers['access-control-request-headers']
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
      'Access-Control-Allow-Headers': typeof requested === 'string' ? requested : 'Content-Type',
      'Access-Control-Max-Age': '600',
    })
    res.end()
    return
  }
  const parsed = parseJsonBody(await readBody(req))
  const response = parsed.ok
    ? handleControl(req.method ?? 'GET', url.pathname, parsed.value, deps.simulator())
    : { status: 400, body: { error: 'The request body is not valid JSON' } }
  writeRaw(res, response.status, JSON.stringify(response.body), cors)
}

const serveApi: Route = async (req, res, url, deps, originAllowed) => {
  const { config, log } = deps
  const method = req.method ?? 'GET'
  const origin = originOf(req)
  const allowed = origin !== undefined && originAllowed(origin)
  const raw = await readBody(req)
  const body = parseJsonBody(raw)
  const route = parseApiRoute(url.pathname)
  const operation = method === 'OPTIONS' ? undefined : operationOf(method, route, body, config)
  const entry = log.start({
    time: Date.now(),
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: lowerCaseHeaders(req),
    body: body.ok ? (body.value ?? raw) : raw,
    ...(operation === undefined ? {} : { operation }),
    ...('chatId' in route ? { chatId: route.chatId } : {}),
  })

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
