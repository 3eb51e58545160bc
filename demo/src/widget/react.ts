import { createElement, StrictMode, type ComponentType } from 'react'
import { createRoot } from 'react-dom/client'
import type { Chat } from '@gws-chat/core'
import type { MountChatOptions } from '@gws-chat/dom'
import * as react from '@gws-chat/react'

const { ChatWidget } = react as unknown as { ChatWidget: ComponentType<MountChatOptions & { chat: Chat }> }

export function mount(host: HTMLElement, chat: Chat, options: MountChatOptions): void {
  createRoot(host).render(createElement(StrictMode, null, createElement(ChatWidget, { chat, ...options })))
}
