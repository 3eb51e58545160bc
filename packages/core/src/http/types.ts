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
  /** Header names in lower case. Only `retry-after` and `content-type` are read. */
  headers: Record<string, string>
  body: string
}

/**
 * The transport. Resolve with any answer the server gave (including 4xx/5xx);
 * reject only when there was no answer (network failure, abort).
 */
export type HttpAdapter = (request: HttpRequest) => Promise<HttpResponse>

export function headersToRecord(headers: { forEach(cb: (value: string, key: string) => void): void }): Record<string, string> {
  const record: Record<string, string> = {}
  headers.forEach((value, key) => {
    record[key.toLowerCase()] = value
  })
  return record
}
