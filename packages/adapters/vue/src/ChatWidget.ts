import { camelize, defineComponent, h, onBeforeUnmount, onMounted, onUpdated, shallowRef } from 'vue'
import type { ChatLike } from '@gws-chat/core'
import { mountChat, type MountChatOptions, type MountedChat } from '@gws-chat/dom'

/** The attributes that go to the host element; every other one is an option of the DOM widget. */
const HOST = new Set(['id', 'class', 'style'])

/** Every option of the DOM widget, plus the engine. */
export type ChatWidgetProps = MountChatOptions & { chat: ChatLike }

/**
 * The ready, styled chat widget: `@gws-chat/dom`'s `mountChat` in a host `<div>`. The server and hydration render the
 * empty host; the widget mounts into it on the client. Every attribute but `id`, `class` and `style` is an option of the
 * DOM widget (`max-length` and `maxLength` alike), so a new option needs no change here; a new engine or an option
 * that changes by value updates it in place (the open launcher, the draft and the focus stay). It never creates, starts or destroys the engine.
 */
// Pure: a bundle that imports only `useChat` leaves the component, and the DOM widget with it, out.
export const ChatWidget = /* @__PURE__ */ defineComponent<ChatWidgetProps>(
  (props, { attrs }) => {
    const host = shallowRef<HTMLDivElement | null>(null)
    let mounted: MountedChat | null = null
    const sync = () => {
      const options: Record<string, unknown> = {}
      for (const [name, value] of Object.entries(attrs)) if (!HOST.has(name) && value !== undefined) options[camelize(name)] = value
      // A template's `styles="false"` is a string: it means false.
      if (typeof options.styles === 'string') options.styles = options.styles.trim().toLowerCase() !== 'false'
      if (mounted) mounted.update(options as MountChatOptions, props.chat)
      else mounted = mountChat(host.value!, props.chat, options as MountChatOptions)
    }
    onMounted(sync)
    onUpdated(sync)
    onBeforeUnmount(() => mounted?.())
    return () => h('div', { ...Object.fromEntries(Object.entries(attrs).filter(([name]) => HOST.has(name))), ref: host, 'data-gws-chat-host': '' })
  },
  { name: 'ChatWidget', props: ['chat'], inheritAttrs: false },
)
