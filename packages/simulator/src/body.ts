/** Request-body helpers shared by the HTTP server and the in-process handler (no Node built-ins). */

export type BodyRead = { ok: true; text: string } | { ok: false; tooLarge: true }

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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Longer delays would overflow the timer and fire at once; this one is about 24.8 days. */
export const MAX_TIMER_MS = 2_147_483_647

/** A timeout that never keeps a Node process alive (`unref` where the runtime has it). */
export function unrefTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout> {
  const handle = setTimeout(fn, Math.min(MAX_TIMER_MS, Math.max(0, ms)))
  ;(handle as { unref?: () => void }).unref?.()
  return handle
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => unrefTimeout(resolve, ms))
}

const encoder = new TextEncoder()
const decoder = new TextDecoder()

export function byteLength(text: string): number {
  return encoder.encode(text).length
}

/** The first `limit` bytes of `text` as UTF-8; a cut character becomes U+FFFD. */
export function truncateBytes(text: string, limit: number): string {
  return decoder.decode(encoder.encode(text).subarray(0, limit))
}

/**
 * Reads a WHATWG body stream of at most `limit` bytes. A larger one (by `declaredLength`, or once
 * more than `limit` bytes arrived) resolves `{ ok: false }` and cancels the stream: nothing more is read.
 */
export async function readStream(stream: ReadableStream<Uint8Array> | null, limit: number, declaredLength?: string | null): Promise<BodyRead> {
  const declared = Number(declaredLength ?? Number.NaN)
  if (declaredLength != null && declaredLength !== '' && Number.isFinite(declared) && declared > limit) {
    await stream?.cancel().catch(() => undefined)
    return { ok: false, tooLarge: true }
  }
  if (stream === null) return { ok: true, text: '' }
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > limit) {
      await reader.cancel().catch(() => undefined)
      return { ok: false, tooLarge: true }
    }
    chunks.push(value)
  }
  const all = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    all.set(chunk, offset)
    offset += chunk.length
  }
  return { ok: true, text: decoder.decode(all) }
}
