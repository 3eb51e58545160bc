import { createApp, h, markRaw } from 'vue'
import type { Chat } from '@gws-chat/core'
import type { MountChatOptions } from '@gws-chat/dom'
import { ChatWidget } from '@gws-chat/vue'

export function mount(host: HTMLElement, chat: Chat, options: MountChatOptions): void {
  const engine = markRaw(chat)
  createApp({ render: () => h(ChatWidget, { chat: engine, ...options }) }).mount(host)
}
