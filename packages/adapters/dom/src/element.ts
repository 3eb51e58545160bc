import { createChat, type Chat, type ChatLike, type PathFamily } from '@gws-chat/core'
import { mountChat, type MountChatOptions } from './mountChat'

/** The `<gws-chat>` element's own API, beside `HTMLElement`'s. */
export interface GwsChatElement extends HTMLElement {
  /**
   * The engine. Set it before the element is connected to use your own (the
   * element then never destroys it); otherwise the element creates one from its
   * attributes when connected and destroys it when removed. A shared chat from
   * `@gws-chat/core/tabs` is an engine too.
   */
  chat: ChatLike | null
  /** Options for `mountChat` (labels, prefill, startParams); read when connected. */
  options: MountChatOptions
}

/**
 * Register `<gws-chat base-url="…" contact-center-id="…" paths="chats|me-chat">`.
 * Nothing is registered on import: call this once in the browser.
 */
export function defineGwsChatElement(name = 'gws-chat'): CustomElementConstructor {
  const existing = customElements.get(name)
  if (existing) return existing

  class Element extends HTMLElement implements GwsChatElement {
    chat: ChatLike | null = null
    options: MountChatOptions = {}
    #owned: Chat | null = null
    #unmount: (() => void) | null = null

    connectedCallback() {
      if (this.#unmount) return
      if (!this.chat) {
        const baseUrl = this.getAttribute('base-url')
        const contactCenterId = this.getAttribute('contact-center-id')
        if (!baseUrl || !contactCenterId) return
        const paths = this.getAttribute('paths')
        this.#owned = createChat({ baseUrl, contactCenterId, ...(paths ? { paths: paths as PathFamily } : {}) })
        this.chat = this.#owned
      }
      const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' })
      this.#unmount = mountChat(shadow, this.chat, this.options)
    }

    disconnectedCallback() {
      this.#unmount?.()
      this.#unmount = null
      if (this.#owned) {
        this.#owned.destroy()
        this.chat = null
        this.#owned = null
      }
    }
  }
  customElements.define(name, Element)
  return Element
}
