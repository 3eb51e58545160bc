import { headersToRecord, type HttpAdapter } from './types'

/** An adapter on the platform's `fetch` (browsers, Node 18+, Deno, Bun, workers). */
export function createFetchAdapter(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): HttpAdapter {
  return async (request) => {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal: request.signal,
      credentials: request.withCredentials ? 'include' : 'same-origin',
    }
    if (request.body !== undefined) init.body = request.body
    const response = await fetchImpl(request.url, init)
    return { status: response.status, headers: headersToRecord(response.headers), body: await response.text() }
  }
}
