import { createChat } from '@gws-chat/core'
import type { MountChatOptions } from '@gws-chat/dom'
import { demoChatOptions } from '../setup'

/**
 * The styled widget in each binding, for the browser tests and the screenshots in the guides. The query picks what
 * is shown: `binding` (dom, element, react, vue), `theme` (light, dark, auto), `layout` (inline, launcher), `lang`
 * (en, de, fr, es, pt, it, nl, ja, ar), `interval` (the poll interval, as on the other pages), `shadow` (the
 * element's opt-in Shadow DOM). The page has no inline
 * script or style, so it runs under `default-src 'self'`.
 */
const params = new URLSearchParams(location.search)
const pick = <T extends string>(name: string, allowed: readonly T[]): T => {
  const value = params.get(name) as T | null
  return value !== null && allowed.includes(value) ? value : allowed[0]!
}
const binding = pick('binding', ['dom', 'element', 'react', 'vue'] as const)
const theme = pick('theme', ['auto', 'light', 'dark'] as const)
const layout = pick('layout', ['inline', 'launcher'] as const)
const lang = pick('lang', ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'ja', 'ar'] as const)

document.documentElement.lang = lang
document.documentElement.dataset.theme = theme
const host = document.querySelector<HTMLElement>('#chat')!
const options = { theme, layout, lang } as MountChatOptions

if (binding === 'element') {
  const { mountElement } = await import('./element')
  mountElement(host, options, params.has('shadow'))
} else {
  // The engine lives outside the widget in every binding: the widget subscribes to it and calls its commands.
  const chat = createChat(await demoChatOptions())
  const { mount } = binding === 'react' ? await import('./react') : binding === 'vue' ? await import('./vue') : await import('./dom')
  mount(host, chat, options)
}
