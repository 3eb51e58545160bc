// Every entry point of the packed packages, type-checked from a consumer with skipLibCheck: false.
import { createChat, isLive, type Chat, type ChatOptions, type ChatSnapshot } from '@gws-chat/core'
import { createSharedChat, type SharedChat } from '@gws-chat/core/tabs'
import { createRecorder, replay, type Recording } from '@gws-chat/core/record'
import { createNodeHttpAdapter } from '@gws-chat/core/node'
import { createOfetchAdapter } from '@gws-chat/core/ofetch'
import { persistChat, type ChatPersistence } from '@gws-chat/core/persistence'
import { startSimulator, SCENARIO_NAMES } from '@gws-chat/simulator'
import { lifecycleModel, getLifecyclePaths, simulatorServer } from '@gws-chat/testing'
import { ChatWidget as ReactChatWidget, useChat as useReactChat, useChatSelector, type ChatWidgetProps } from '@gws-chat/react'
import { ChatWidget as VueChatWidget, useChat as useVueChat } from '@gws-chat/vue'
import { mountChat, defineGwsChatElement, type GwsChatElement } from '@gws-chat/dom'

const options: ChatOptions = { baseUrl: 'http://127.0.0.1:8080', contactCenterId: 'demo', http: createNodeHttpAdapter() }
export const chat: Chat = createChat(options)
export const overOfetch: ChatOptions = { ...options, http: createOfetchAdapter() }
export const persisted: ChatPersistence = persistChat({ key: 'demo', maxAgeMs: 60_000 })
export const restored: Chat = createChat({ ...options, persistence: persisted })
export const live: boolean = isLive(chat.getSnapshot().status)
export const snapshot: ChatSnapshot = chat.getSnapshot()
export const shared: typeof createSharedChat = createSharedChat
export type Shared = SharedChat
export const record: [typeof createRecorder, typeof replay] = [createRecorder, replay]
export type Rec = Recording
export const sim: ReturnType<typeof startSimulator> | undefined = undefined
export const scenarios: readonly string[] = SCENARIO_NAMES
export const testing = [lifecycleModel, getLifecyclePaths, simulatorServer] as const
export const react = [useReactChat, useChatSelector, ReactChatWidget] as const
export const vue = [useVueChat, VueChatWidget] as const
export const dom: [typeof mountChat, typeof defineGwsChatElement] = [mountChat, defineGwsChatElement]
export type El = GwsChatElement
export const widgetProps: ChatWidgetProps = { chat, nickname: 'Chris', labels: { title: 'Help' } }
