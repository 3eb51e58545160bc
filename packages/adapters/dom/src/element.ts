import { createChat, type Chat, type ChatLike, type PathFamily } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import { mountChat, type MountChatOptions, type MountedChat } from './mountChat'

/** The `<gws-chat>` element's own API, beside `HTMLElement`'s. */
export interface GwsChatElement extends HTMLElement {
  /**
   * The engine. Set it before the element is connected to use your own (the
   * element then never destroys it); otherwise the element creates one from its
   * attributes when connected and destroys it when removed. A shared chat from
   * `@gws-chat/core/tabs` is an engine too.
   */
  chat: ChatLike | null
  /** Options for `mountChat` (labels, prefill, startParams, …); read when connected. The `theme`, `layout` and `lang` attributes win over them. */
  options: MountChatOptions
}

/** Attributes that change the widget while connected (in place: the engine, the open launcher, the draft and the focus stay). */
const LIVE_ATTRIBUTES = ['theme', 'layout', 'lang']

/**
 * Register `<gws-chat base-url="…" contact-center-id="…" paths="chats|me-chat" with-credentials="false"
 * theme="auto" layout="inline|launcher" lang="…" shadow>`. Nothing is registered on import: call this once in the browser.
 */
export function defineGwsChatElement(name = 'gws-chat'): CustomElementConstructor {
  const existing = customElements.get(name)
  if (existing) return existing

  class Element extends HTMLElement implements GwsChatElement {
    static observedAttributes = LIVE_ATTRIBUTES
    chat: ChatLike | null = null
    options: MountChatOptions = {}
    #owned: Chat | null = null
    #unmount: MountedChat | null = null

    connectedCallback() {
      if (this.#unmount) return
      if (!this.chat) {
        const baseUrl = this.getAttribute('base-url')
        const contactCenterId = this.getAttribute('contact-center-id')
        if (!baseUrl || !contactCenterId) return
        const paths = this.getAttribute('paths')
        // The element's own engine resumes its chat after a reload (the page's sessionStorage).
        this.#owned = createChat({
          baseUrl,
          contactCenterId,
          persistence: persistChat(),
          ...(paths ? { paths: paths as PathFamily } : {}),
          ...(this.getAttribute('with-credentials')?.trim().toLowerCase() === 'false' ? { withCredentials: false } : {}),
        })
        this.chat = this.#owned
      }
      this.#mount()
    }

    attributeChangedCallback(_name: string, before: string | null, after: string | null) {
      if (!this.#unmount || before === after) return
      this.#unmount.update(this.#options())
    }

    #mount() {
      // Shadow DOM is opt-in (`shadow`): without it the widget is in the element's light DOM, styled by the page too.
      const target = this.shadowRoot ?? (this.hasAttribute('shadow') ? this.attachShadow({ mode: 'open' }) : this)
      this.#unmount = mountChat(target, this.chat!, this.#options())
    }

    #options(): MountChatOptions {
      const options: MountChatOptions = { ...this.options }
      const theme = this.getAttribute('theme')
      const layout = this.getAttribute('layout')
      const lang = this.getAttribute('lang')
      if (theme === 'light' || theme === 'dark' || theme === 'auto') options.theme = theme
      if (layout === 'inline' || layout === 'launcher') options.layout = layout
      if (lang) options.lang = lang
      return options
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
