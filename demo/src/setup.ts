import type { ChatOptions } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'

/**
 * What every demo page shares: the engine options for the simulator behind
 * this server (same origin, so no CORS), and the switch that attaches the
 * Stately inspector. Checking the switch reloads the page with `?inspect=1`;
 * the engine is then created with the inspector's observer.
 * `?interval=<ms>` sets the resting poll interval (the browser tests use it).
 * Every page restores its chat after a reload (`persistChat()`: sessionStorage;
 * the tabs page's leader keeps it in localStorage, which every tab reads).
 */
export async function demoChatOptions(): Promise<ChatOptions> {
  const params = new URLSearchParams(location.search)
  const toggle = document.querySelector<HTMLInputElement>('#inspect')
  if (toggle) {
    toggle.checked = params.has('inspect')
    toggle.addEventListener('change', () => {
      const url = new URL(location.href)
      if (toggle.checked) url.searchParams.set('inspect', '1')
      else url.searchParams.delete('inspect')
      location.assign(url)
    })
  }
  const options: ChatOptions = { baseUrl: location.origin, contactCenterId: 'demo', persistence: persistChat() }
  const interval = Number(params.get('interval'))
  if (interval > 0) options.polling = { intervalMs: interval, activeIntervalMs: Math.min(interval, 500) }
  if (params.has('inspect')) {
    const { createBrowserInspector } = await import('@statelyai/inspect')
    options.inspect = createBrowserInspector().inspect
  }
  return options
}
