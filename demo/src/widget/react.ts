import { createElement, StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import type { Chat } from '@gws-chat/core'
import type { MountChatOptions } from '@gws-chat/dom'
import { ChatWidget } from '@gws-chat/react'

export function mount(host: HTMLElement, chat: Chat, options: MountChatOptions): void {
  createRoot(host).render(createElement(StrictMode, null, createElement(ChatWidget, { chat, ...options })))
}
