import type { MountChatOptions } from '@gws-chat/dom'
import { defineGwsChatElement } from '@gws-chat/dom'

/** `<gws-chat>` configured by its attributes alone: it creates its own engine for this page's origin. */
export function mountElement(host: HTMLElement, options: MountChatOptions, shadow: boolean): void {
  const element = document.createElement('gws-chat')
  element.setAttribute('base-url', location.origin)
  element.setAttribute('contact-center-id', 'demo')
  for (const name of ['theme', 'layout', 'lang'] as const) {
    const value = (options as Record<string, unknown>)[name]
    if (typeof value === 'string') element.setAttribute(name, value)
  }
  if (shadow) element.setAttribute('shadow', '')
  defineGwsChatElement()
  host.append(element)
}
