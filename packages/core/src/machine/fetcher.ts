import { fromCallback, type EventObject } from 'xstate'
import type { ChatLocation } from '../api/paths'
import type { ChatError } from '../errors'
import type { EngineConfig } from './config'

/** What a poller's request answers. */
export type FetcherResult<TOutput> = { type: 'fetch.done'; output: TOutput } | { type: 'fetch.failed'; error: ChatError }

/**
 * A poller's request, invoked by its `fetching` state with the poller's context as input (nothing is allocated for
 * it), so no actor lives between polls. Leaving the state stops it, which aborts the request; an answer to an aborted
 * request is dropped. It answers `fetch.done` or `fetch.failed`; with no chat to poll it makes no request.
 */
export const createFetcher = <TContext extends { config: EngineConfig; location: ChatLocation | null }, TOutput>(
  run: (context: TContext, location: ChatLocation, signal: AbortSignal) => Promise<TOutput>,
) =>
  fromCallback<EventObject, TContext>(({ input, sendBack }) => {
    if (input.location === null) return
    const controller = new AbortController()
    const { signal } = controller
    run(input, input.location, signal).then(
      (output) => signal.aborted || sendBack({ type: 'fetch.done', output } satisfies FetcherResult<TOutput>),
      (error: ChatError) => signal.aborted || sendBack({ type: 'fetch.failed', error } satisfies FetcherResult<TOutput>),
    )
    return () => controller.abort()
  })
