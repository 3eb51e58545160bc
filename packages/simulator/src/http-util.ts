import type { IncomingMessage, ServerResponse } from 'node:http'

export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true }

/**
 * Reads a request body of at most `limit` bytes. A larger one (by its Content-Length, or once more
 * than `limit` bytes arrived) resolves `{ ok: false }` at once: what came so far is dropped and the
 * stream is paused, so the caller can answer 413 and then `discardBody`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, tooLarge: true })
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = []
    let size = 0
    const cleanup = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      cleanup()
      chunks = []
      req.pause()
      resolve({ ok: false, tooLarge: true })
    }
    const onEnd = (): void => {
      cleanup()
      resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') })
    }
    const onError = (error: Error): void => {
      cleanup()
      reject(error)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}

/** How much of a refused body is still read (and dropped) so the client sees the answer, before the connection is cut. */
const DISCARD_LIMIT_BYTES = 1024 * 1024
const DISCARD_TIMEOUT_MS = 5_000

/**
 * After answering a request whose body was refused: drops up to 1 MiB more of it (most clients read
 * an early answer only once they sent their body), then destroys the connection. Nothing is kept.
 */
export function discardBody(req: IncomingMessage): void {
  if (req.complete) return
  let dropped = 0
  const cut = (): void => {
    clearTimeout(timer)
    req.socket.destroy()
  }
  const timer = setTimeout(cut, DISCARD_TIMEOUT_MS)
  timer.unref()
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length
    if (dropped > DISCARD_LIMIT_BYTES) cut()
  })
  req.once('end', () => clearTimeout(timer))
  req.once('error', () => clearTimeout(timer))
  req.resume()
}

export type ParsedBody = { ok: true; value: unknown } | { ok: false; raw: string }

/** An empty body counts as no body; anything else must be JSON. */
export function parseJsonBody(raw: string): ParsedBody {
  if (raw.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(raw) as unknown }
  } catch {
    return { ok: false, raw }
  }
}

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}

export function writeText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers })
  res.end(text)
}

export function writeRaw(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', ...headers })
  res.end(json)
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(2_147_483_647, Math.max(0, ms))).unref())
}
