// The same imports from a .cts file: resolved through the "require" conditions (index.d.cts).
import { createChat, isLive, type Chat, type ChatOptions, type ChatSnapshot } from '@gws-chat/core'
import { createSharedChat, type SharedChat } from '@gws-chat/core/tabs'
import { createRecorder, replay, type Recording } from '@gws-chat/core/record'
import { createNodeHttpAdapter } from '@gws-chat/core/node'
import { startSimulator, SCENARIO_NAMES } from '@gws-chat/simulator'
import { lifecycleModel, getLifecyclePaths, simulatorServer } from '@gws-chat/testing'
import { ChatWidget as ReactChatWidget, useChat as useReactChat, useChatSelector, type ChatWidgetProps } from '@gws-chat/react'
import { ChatWidget as VueChatWidget, useChat as useVueChat } from '@gws-chat/vue'
import { mountChat, defineGwsChatElement, type GwsChatElement } from '@gws-chat/dom'

const options: ChatOptions = { baseUrl: 'http://127.0.0.1:8080', contactCenterId: 'demo', http: createNodeHttpAdapter() }
const chat: Chat = createChat(options)
const live: boolean = isLive(chat.getSnapshot().status)
const snapshot: ChatSnapshot = chat.getSnapshot()
const shared: typeof createSharedChat = createSharedChat
type Shared = SharedChat
const record: [typeof createRecorder, typeof replay] = [createRecorder, replay]
type Rec = Recording
const sim: ReturnType<typeof startSimulator> | undefined = undefined
const scenarios: readonly string[] = SCENARIO_NAMES
const testing = [lifecycleModel, getLifecyclePaths, simulatorServer] as const
const react = [useReactChat, useChatSelector, ReactChatWidget] as const
const vue = [useVueChat, VueChatWidget] as const
const dom: [typeof mountChat, typeof defineGwsChatElement] = [mountChat, defineGwsChatElement]
type El = GwsChatElement
const widgetProps: ChatWidgetProps = { chat, nickname: 'Chris', labels: { title: 'Help' } }
export = { chat, live, snapshot, shared, record, sim, scenarios, testing, react, vue, dom, widgetProps }
