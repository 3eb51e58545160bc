import { createApp, h, markRaw, type Component } from 'vue'
import type { Chat } from '@gws-chat/core'
import type { MountChatOptions } from '@gws-chat/dom'
import * as vue from '@gws-chat/vue'

const { ChatWidget } = vue as unknown as { ChatWidget: Component }

export function mount(host: HTMLElement, chat: Chat, options: MountChatOptions): void {
  const engine = markRaw(chat)
  createApp({ render: () => h(ChatWidget, { chat: engine, ...options }) }).mount(host)
}
