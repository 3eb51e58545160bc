import { fromCallback, type EventObject } from 'xstate'
import type { ChatLocation } from '../api/paths'
import type { ChatError } from '../errors'
import type { EngineConfig } from './config'

/** What a poller's request answers. */
export type FetcherResult<TOutput> = { type: 'fetch.done'; output: TOutput } | { type: 'fetch.failed'; error: ChatError }

/**
 * A poller's request, invoked by its `fetching` state with the poller's context as input (nothing is allocated for
 * it), so no actor lives between polls. Leaving the state stops it, which aborts a request still in flight; an answer
 * to a stopped request is dropped (XState drops what a stopped actor sends). It answers `fetch.done` or
 * `fetch.failed`; with no chat to poll it makes no request.
 */
export const createFetcher = <TContext extends { config: EngineConfig; location: ChatLocation | null }, TOutput>(
  run: (context: TContext, location: ChatLocation, signal: AbortSignal) => Promise<TOutput>,
) =>
  fromCallback<EventObject, TContext>(({ input, sendBack }) => {
    if (input.location === null) return
    const controller = new AbortController()
    let inFlight = true
    const answer = (event: FetcherResult<TOutput>) => {
      inFlight = false
      sendBack(event)
    }
    run(input, input.location, controller.signal).then(
      (output) => answer({ type: 'fetch.done', output }),
      (error: ChatError) => answer({ type: 'fetch.failed', error }),
    )
    // Only a request still in flight is aborted: an answered one has nothing to cancel (and an abort costs an exception).
    return () => inFlight && controller.abort()
  })
