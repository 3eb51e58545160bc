import { fromCallback, fromPromise } from 'xstate'
import type { ApiClient } from '../api/client'
import type { ChatLocation } from '../api/paths'
import type { StartParams } from '../types'

/**
 * Every side effect of the machine lives here: one HTTP operation per promise
 * actor (aborted through its signal when the state that invoked it is left),
 * and a callback actor that listens to the page.
 */
export function createActors(api: ApiClient) {
  return {
    requestChat: fromPromise(({ input, signal }: { input: { params: StartParams }; signal: AbortSignal }) =>
      api.requestChat(input.params, signal),
    ),
    fetchTranscript: fromPromise(
      ({ input, signal }: { input: { location: ChatLocation; index: number }; signal: AbortSignal }) =>
        api.getMessages(input.location, input.index, signal),
    ),
    fetchChatState: fromPromise(({ input, signal }: { input: { location: ChatLocation }; signal: AbortSignal }) =>
      api.getChat(input.location, signal),
    ),
    sendMessage: fromPromise(
      async ({ input, signal }: { input: { location: ChatLocation; id: string; text: string }; signal: AbortSignal }) => {
        await api.sendMessage(input.location, input.text, signal)
        return { id: input.id }
      },
    ),
    /** Best effort: a lost typing notice changes nothing the visitor sees, so it never fails. */
    sendTypingNotification: fromPromise(
      async ({ input, signal }: { input: { location: ChatLocation; typing: boolean }; signal: AbortSignal }) => {
        try {
          await api.sendTyping(input.location, input.typing, signal)
          return true
        } catch {
          return false
        }
      },
    ),
    completeChat: fromPromise(({ input, signal }: { input: { location: ChatLocation }; signal: AbortSignal }) =>
      api.complete(input.location, signal),
    ),
    /** Page visibility and browser connectivity; does nothing where there is no `document`/`window`. */
    watchEnvironment: fromCallback(({ sendBack }) => {
      const cleanups: (() => void)[] = []
      const doc = typeof document !== 'undefined' ? document : undefined
      const win = typeof window !== 'undefined' ? window : undefined
      if (doc) {
        const onVisibility = () => sendBack({ type: doc.visibilityState === 'hidden' ? 'page.hidden' : 'page.visible' })
        doc.addEventListener('visibilitychange', onVisibility)
        cleanups.push(() => doc.removeEventListener('visibilitychange', onVisibility))
        if (doc.visibilityState === 'hidden') sendBack({ type: 'page.hidden' })
      }
      if (win) {
        const onOnline = () => sendBack({ type: 'network.online' })
        const onOffline = () => sendBack({ type: 'network.offline' })
        win.addEventListener('online', onOnline)
        win.addEventListener('offline', onOffline)
        cleanups.push(() => {
          win.removeEventListener('online', onOnline)
          win.removeEventListener('offline', onOffline)
        })
        if (typeof navigator !== 'undefined' && navigator.onLine === false) sendBack({ type: 'network.offline' })
      }
      return () => cleanups.forEach((cleanup) => cleanup())
    }),
  }
}
