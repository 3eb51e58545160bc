import { fromCallback, type EventObject } from 'xstate'

export type EnvironmentEvent = { type: 'page.hidden' } | { type: 'page.visible' } | { type: 'network.offline' } | { type: 'network.online' }

/**
 * The page's visibility and the browser's network, as events; does nothing where there is no `document`/`window`.
 * `watchPage: false` leaves visibility to whoever drives the engine (a shared tab's leader).
 */
export const watchEnvironment = fromCallback<EventObject, { watchPage: boolean }>(({ input, sendBack }) => {
  const cleanups: (() => void)[] = []
  const doc = typeof document !== 'undefined' ? document : undefined
  const win = typeof window !== 'undefined' ? window : undefined
  if (doc && input.watchPage) {
    const onVisibility = () => sendBack({ type: doc.visibilityState === 'hidden' ? 'page.hidden' : 'page.visible' } satisfies EnvironmentEvent)
    doc.addEventListener('visibilitychange', onVisibility)
    cleanups.push(() => doc.removeEventListener('visibilitychange', onVisibility))
    if (doc.visibilityState === 'hidden') sendBack({ type: 'page.hidden' } satisfies EnvironmentEvent)
  }
  if (win) {
    const onOnline = () => sendBack({ type: 'network.online' } satisfies EnvironmentEvent)
    const onOffline = () => sendBack({ type: 'network.offline' } satisfies EnvironmentEvent)
    win.addEventListener('online', onOnline)
    win.addEventListener('offline', onOffline)
    cleanups.push(() => {
      win.removeEventListener('online', onOnline)
      win.removeEventListener('offline', onOffline)
    })
    if (typeof navigator !== 'undefined' && navigator.onLine === false) sendBack({ type: 'network.offline' } satisfies EnvironmentEvent)
  }
  return () => cleanups.forEach((cleanup) => cleanup())
})
