import type { Chat } from '@gws-chat/core'
import { mountChat, type MountChatOptions } from '@gws-chat/dom'

export function mount(host: HTMLElement, chat: Chat, options: MountChatOptions): void {
  mountChat(host, chat, options)
}
