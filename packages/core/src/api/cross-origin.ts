/**
 * What to add to the message of a request that got no answer (fetch's `TypeError`, or ofetch's error around one)
 * from a server on another origin than the page's: the browser refuses the answers a server that allows any origin
 * gives to requests with credentials, and says no more than "Failed to fetch". Empty where there is no page (Node)
 * and for the page's own origin.
 */
export function crossOriginHint(baseUrl: string, cause: unknown): string {
  try {
    const page = (globalThis as { location?: Location }).location
    return page && (cause instanceof TypeError || (cause as Error).cause instanceof TypeError) && new URL(baseUrl, page.href).origin !== page.origin
      ? '; cross-origin: a server that allows any origin (Access-Control-Allow-Origin: *) needs withCredentials: false'
      : ''
  } catch {
    return ''
  }
}
