import type { IncomingMessage } from 'node:http'
import type { BodyRead } from './body.js'

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

export function lowerCaseHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return out
}
