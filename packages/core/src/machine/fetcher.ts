import { fromCallback } from 'xstate'
import type { ChatError } from '../errors'

/** What a poller asks its fetcher to do, and what the fetcher answers. */
export type FetcherCommand<TRequest> = { type: 'fetch'; request: TRequest } | { type: 'abort' }
export type FetcherResult<TOutput> = { type: 'fetch.done'; output: TOutput } | { type: 'fetch.failed'; error: ChatError }

export interface FetcherInput<TRequest, TOutput> {
  run: (request: TRequest, signal: AbortSignal) => Promise<TOutput>
}

/**
 * A long-lived request runner, one per poller for the poller's whole life (not one actor per poll): `fetch` starts
 * a request (aborting one still in flight), `abort` cancels it, and the answer comes back as `fetch.done` or
 * `fetch.failed`. An answer to an aborted request is dropped.
 */
export function createFetcher<TRequest, TOutput>() {
  return fromCallback<FetcherCommand<TRequest>, FetcherInput<TRequest, TOutput>>(({ input, receive, sendBack }) => {
    let current: AbortController | null = null
    receive((command) => {
      current?.abort()
      current = null
      if (command.type === 'abort') return
      const own = new AbortController()
      current = own
      input.run(command.request, own.signal).then(
        (output) => {
          if (current !== own) return
          current = null
          sendBack({ type: 'fetch.done', output } satisfies FetcherResult<TOutput>)
        },
        (error: ChatError) => {
          if (current !== own) return
          current = null
          sendBack({ type: 'fetch.failed', error } satisfies FetcherResult<TOutput>)
        },
      )
    })
    return () => current?.abort()
  })
}
