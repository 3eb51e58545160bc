import { createFetchAdapter, type HttpAdapter } from '../../src'

/**
 * A fetch adapter whose network can be cut: while down every request fails the
 * way a dead link does (before reaching the server), and requests already in
 * flight fail too, as a dropped connection would.
 */
export interface FlakyNetwork {
  http: HttpAdapter
  readonly down: boolean
  cut(): void
  restore(): void
  /** Requests refused while the network was down. */
  readonly refused: number
}

export function flakyNetwork(inner: HttpAdapter = createFetchAdapter()): FlakyNetwork {
  let down = false
  let refused = 0
  const inFlight = new Set<AbortController>()
  return {
    get down() {
      return down
    },
    get refused() {
      return refused
    },
    cut() {
      down = true
      for (const controller of inFlight) controller.abort(new TypeError('network is down'))
      inFlight.clear()
    },
    restore() {
      down = false
    },
    http: async (request) => {
      if (down) {
        refused += 1
        throw new TypeError('fetch failed: network is down')
      }
      const controller = new AbortController()
      const onAbort = () => controller.abort(request.signal.reason)
      request.signal.addEventListener('abort', onAbort, { once: true })
      if (request.signal.aborted) onAbort()
      inFlight.add(controller)
      try {
        return await inner({ ...request, signal: controller.signal })
      } finally {
        inFlight.delete(controller)
        request.signal.removeEventListener('abort', onAbort)
      }
    },
  }
}
