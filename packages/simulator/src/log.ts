import { byteLength, truncateBytes } from './body.js'
import type { RequestLogEntry } from './types.js'

export type NewLogEntry = Omit<RequestLogEntry, 'id' | 'status' | 'durationMs' | 'body' | 'bodyTruncated'>

/**
 * Every /api request (preflights included), newest last, in a ring of `capacity` entries: once
 * full, each new entry drops the oldest. Bodies longer than `maxBodyBytes` are kept truncated, so
 * the log holds at most about capacity × (maxBodyBytes + headers) whatever clients send.
 * Entries are updated in place when answered.
 */
export class RequestLog {
  readonly #capacity: number
  readonly #maxBodyBytes: number
  #ring: (RequestLogEntry | undefined)[]
  /** Index of the oldest entry. */
  #head = 0
  #size = 0
  #nextId = 1

  constructor(capacity: number, maxBodyBytes: number) {
    this.#capacity = capacity
    this.#maxBodyBytes = maxBodyBytes
    this.#ring = new Array<RequestLogEntry | undefined>(capacity)
  }

  /**
   * Records a request. `raw` is the body as received and `parsed` its JSON value when it parsed;
   * `refused` marks a body that was not read because it was too large.
   */
  start(entry: NewLogEntry, body: { raw: string; parsed?: unknown; refused?: boolean }): RequestLogEntry {
    const full: RequestLogEntry = { id: this.#nextId++, ...entry, body: '', status: 0, durationMs: 0 }
    if (body.refused) full.bodyTruncated = true
    else if (byteLength(body.raw) > this.#maxBodyBytes) {
      full.body = truncateBytes(body.raw, this.#maxBodyBytes)
      full.bodyTruncated = true
    } else full.body = body.parsed === undefined ? body.raw : body.parsed
    if (this.#capacity === 0) return full
    if (this.#size < this.#capacity) {
      this.#ring[(this.#head + this.#size) % this.#capacity] = full
      this.#size += 1
    } else {
      this.#ring[this.#head] = full
      this.#head = (this.#head + 1) % this.#capacity
    }
    return full
  }

  finish(entry: RequestLogEntry, status: number): void {
    entry.status = status
    entry.durationMs = Date.now() - entry.time
  }

  all(): RequestLogEntry[] {
    const out: RequestLogEntry[] = []
    for (let i = 0; i < this.#size; i++) out.push(this.#ring[(this.#head + i) % this.#capacity] as RequestLogEntry)
    return out
  }

  get size(): number {
    return this.#size
  }

  clear(): void {
    this.#ring = new Array<RequestLogEntry | undefined>(this.#capacity)
    this.#head = 0
    this.#size = 0
  }
}
