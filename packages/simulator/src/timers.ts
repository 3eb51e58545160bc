import { unrefTimeout } from './body.js'

/**
 * A set of timers owned by one chat (or the server). Every delay is multiplied by `scale`,
 * timers are unref'd (in Node) so they never keep a process alive, and `clear()` cancels them all.
 */
export class Timers {
  readonly #scale: number
  readonly #handles = new Set<ReturnType<typeof setTimeout>>()
  #disposed = false

  constructor(scale: number) {
    this.#scale = scale
  }

  /** Run `fn` after `ms` (unscaled) milliseconds. Returns a cancel function. */
  after(ms: number, fn: () => void): () => void {
    return this.afterScaled(ms * this.#scale, fn)
  }

  /** Same as `after` for a delay that is already scaled. */
  afterScaled(ms: number, fn: () => void): () => void {
    // Once disposed (the simulator closed), nothing is scheduled any more.
    if (this.#disposed) return () => undefined
    const handle = unrefTimeout(() => {
      this.#handles.delete(handle)
      fn()
    }, ms)
    this.#handles.add(handle)
    return () => {
      clearTimeout(handle)
      this.#handles.delete(handle)
    }
  }

  clear(): void {
    for (const handle of this.#handles) clearTimeout(handle)
    this.#handles.clear()
  }

  /** Cancels every timer and refuses new ones. */
  dispose(): void {
    this.#disposed = true
    this.clear()
  }

  get disposed(): boolean {
    return this.#disposed
  }

  get size(): number {
    return this.#handles.size
  }
}
