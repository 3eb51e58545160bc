import type { ResolvedConfig } from './config.js'
import { createOriginMatcher, originOf } from './cors.js'
import { isIpAddress } from './ip.js'

/**
 * Who may use the control API `/__sim/*`. It reads the request log (headers, cookies, message
 * texts) and changes faults and scenarios, so unlike `/api` it is not open to every web page:
 *
 * - A request without `Origin` (curl, Node, test runners) is served.
 * - A request with `Origin` is served only when that origin is the simulator's own
 *   (`http://<host>:<port>`, with `localhost`, `127.0.0.1` and `[::1]` when bound to loopback or to
 *   every interface) or matches `controlOrigins`. Anything else, preflights included, gets 403 and no
 *   CORS headers, so a page on another site can neither read the answers nor cause side effects.
 * - The `Host` header must name the simulator by an IP address, `localhost`, the `host` option, or
 *   a `controlOrigins` host. This stops DNS rebinding, where a hostile name resolves to 127.0.0.1 and
 *   the browser then treats the simulator as that site's own origin.
 * - POST and PUT must send `Content-Type: application/json` (else 415): the content types a page
 *   may send cross-site without a preflight (`text/plain`, forms) are refused.
 */
export type ControlVerdict =
  | { ok: true; cors: Record<string, string> }
  | { ok: false; status: 403 | 415; error: string }

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]']

/** What the guard looks at: the method and the lower-case header names. */
export interface GuardedRequest {
  method: string
  headers: Record<string, string>
}

export interface ControlGuard {
  check(req: GuardedRequest): ControlVerdict
  /** The origins treated as the simulator's own, for the port it listens on. */
  ownOrigins(): string[]
}

export function createControlGuard(config: ResolvedConfig, port: () => number): ControlGuard {
  const controlOriginAllowed = createOriginMatcher(config.controlOrigins)
  const bound = config.host.toLowerCase()
  const boundName = bound.includes(':') ? `[${bound}]` : bound
  const everyInterface = bound === '0.0.0.0' || bound === '::' || bound === ''
  const loopback = bound === 'localhost' || bound === '::1' || bound.startsWith('127.')
  const ownHosts = everyInterface ? LOOPBACK_NAMES : loopback ? [...new Set([boundName, ...LOOPBACK_NAMES])] : [boundName]
  const ownOrigins = (): string[] => ownHosts.map((h) => `http://${h}:${port()}`)

  const hostAllowed = (host: string | undefined): boolean => {
    if (host === undefined || host === '') return true // HTTP/1.0 tools send none; browsers always do
    const name = hostName(host)
    if (name === undefined) return false
    if (isIpAddress(name) || name === 'localhost' || name === bound) return true
    return controlOriginAllowed(`http://${host}`) || controlOriginAllowed(`https://${host}`) || controlOriginAllowed(`http://${name}`) || controlOriginAllowed(`https://${name}`)
  }

  return {
    ownOrigins,
    check(req) {
      const origin = originOf(req.headers)
      if (origin !== undefined) {
        const own = ownOrigins().includes(origin.toLowerCase())
        if (!own && !controlOriginAllowed(origin)) {
          return { ok: false, status: 403, error: `The control API refuses requests from origin ${origin}; allow it with controlOrigins (--control-origin)` }
        }
      }
      if (!hostAllowed(req.headers.host)) {
        return { ok: false, status: 403, error: `The control API refuses requests for host ${String(req.headers.host)}; use the simulator's IP address or localhost` }
      }
      const { method } = req
      if ((method === 'POST' || method === 'PUT' || method === 'PATCH') && !isJson(req.headers['content-type'])) {
        return { ok: false, status: 415, error: 'Control API bodies must be sent with Content-Type: application/json' }
      }
      return { ok: true, cors: origin === undefined ? {} : { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } }
    },
  }
}

function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return false
  return (contentType.split(';')[0] ?? '').trim().toLowerCase() === 'application/json'
}

/** The host name of a Host header (`name:port`, `[v6]:port`), lower-case; undefined when malformed. */
function hostName(host: string): string | undefined {
  const lower = host.trim().toLowerCase()
  if (lower.startsWith('[')) {
    const end = lower.indexOf(']')
    return end === -1 ? undefined : lower.slice(1, end)
  }
  const colon = lower.indexOf(':')
  return colon === -1 ? lower : lower.slice(0, colon)
}
