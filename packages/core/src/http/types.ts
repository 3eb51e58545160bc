/** One HTTP exchange, as the engine asks for it. Bodies are JSON text. */
export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  /** Aborts the request (engine shutdown, state exit, or the request timeout). */
  signal: AbortSignal
  /** Send cookies on cross-origin requests. */
  withCredentials: boolean
}

/** The raw answer. Adapters never parse or judge it: the engine does, the same way for every adapter. */
export interface HttpResponse {
  status: number
  /** Header names in lower case. Only `retry-after` and `content-type` are read (and kept by the shipped adapters). */
  headers: Record<string, string>
  body: string
}

/**
 * The transport. Resolve with any answer the server gave (including 4xx/5xx);
 * reject only when there was no answer (network failure, abort).
 */
export type HttpAdapter = (request: HttpRequest) => Promise<HttpResponse>

/** The response headers the engine reads, with lower-case names. */
export function headersToRecord(headers: { get(name: string): string | null }): Record<string, string> {
  const record: Record<string, string> = {}
  for (const name of ['retry-after', 'content-type']) {
    const value = headers.get(name)
    if (value !== null) record[name] = value
  }
  return record
}
