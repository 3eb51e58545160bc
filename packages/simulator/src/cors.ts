/** The GWS CORS filter defaults (crossOriginSettings). */
export const ALLOWED_METHODS = 'GET,POST,PUT,DELETE,OPTIONS'
export const ALLOWED_HEADERS = 'X-Requested-With,Content-Type,Accept,Origin,Cookie,authorization,ssid,surl,ContactCenterId'
export const MAX_AGE_SECONDS = '1800'

function patternToRegExp(pattern: string): RegExp {
  if (pattern === '*') return /^.*$/
  // `http://localhost:*` also allows the port-less origin; other `*` stand for one host label run.
  const portWildcard = pattern.endsWith(':*')
  const base = portWildcard ? pattern.slice(0, -2) : pattern
  const source = base
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[A-Za-z0-9.-]+')
  return new RegExp(`^${source}${portWildcard ? '(:\\d+)?' : ''}$`, 'i')
}

/** Matches exact origins and wildcard patterns such as `https://*.example.com` or `http://localhost:*`. */
export function createOriginMatcher(patterns: string[]): (origin: string) => boolean {
  const regexps = patterns.map(patternToRegExp)
  return (origin) => regexps.some((r) => r.test(origin))
}

/** Headers for an actual (non-preflight) response: the request's origin is echoed, never `*`. */
export function corsResponseHeaders(origin: string): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    // Not in the GWS defaults; lets browser clients read Retry-After on injected 429s.
    'Access-Control-Expose-Headers': 'Retry-After',
    Vary: 'Origin',
  }
}

export function corsPreflightHeaders(origin: string, allowHeaders = ALLOWED_HEADERS): Record<string, string> {
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Methods': ALLOWED_METHODS,
    'Access-Control-Allow-Headers': allowHeaders,
    'Access-Control-Max-Age': MAX_AGE_SECONDS,
    Vary: 'Origin',
  }
}

/** The `Origin` of a request by its lower-case header names; undefined when absent or empty. */
export function originOf(headers: Record<string, string>): string | undefined {
  const origin = headers.origin
  return typeof origin === 'string' && origin !== '' ? origin : undefined
}
