import type { RequestLogEntry } from './types.js'

/** Every /api request (preflights included), newest last. Entries are updated in place when answered. */
export class RequestLog {
  #entries: RequestLogEntry[] = []
  #nextId = 1

  start(entry: Omit<RequestLogEntry, 'id' | 'status' | 'durationMs'>): RequestLogEntry {
    const full: RequestLogEntry = { id: this.#nextId++, ...entry, status: 0, durationMs: 0 }
    this.#entries.push(full)
    return full
  }

  finish(entry: RequestLogEntry, status: number): void {
    entry.status = status
    entry.durationMs = Date.now() - entry.time
  }

  all(): RequestLogEntry[] {
    return [...this.#entries]
  }

  clear(): void {
    this.#entries = []
  }
}
