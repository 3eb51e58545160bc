import { describe, expectTypeOf, it } from 'vitest'
import type { Chat, ChatLike, ChatSnapshot, ChatStatus, StartParams, TranscriptEntry } from '@gws-chat/core'
import type { MountChatOptions } from '@gws-chat/dom'
import { ChatWidget, useChat, useChatSelector, type ChatWidgetProps, type UseChatResult } from '../src'

declare const chat: Chat

describe('hook types', () => {
  it('useChat returns the snapshot and the commands', () => {
    const result = useChat(chat)
    expectTypeOf(result).toEqualTypeOf<UseChatResult>()
    expectTypeOf(result).toMatchTypeOf<ChatSnapshot>()
    expectTypeOf(result.status).toEqualTypeOf<ChatStatus>()
    expectTypeOf(result.transcript).toEqualTypeOf<readonly TranscriptEntry[]>()
    expectTypeOf(result.start).parameter(0).toEqualTypeOf<StartParams>()
    expectTypeOf(result.send).toEqualTypeOf<(text: string) => string>()
    expectTypeOf(result.setTyping).toEqualTypeOf<(typing: boolean) => void>()
    expectTypeOf(result.retryMessage).toEqualTypeOf<(id: string) => void>()
    expectTypeOf(result.end).toEqualTypeOf<() => void>()
    expectTypeOf(result.retry).toEqualTypeOf<() => void>()
  })

  it('useChatSelector returns what the selector returns', () => {
    expectTypeOf(useChatSelector(chat, (s) => s.agentTyping)).toEqualTypeOf<boolean>()
    expectTypeOf(useChatSelector(chat, (s) => s.transcript.length)).toEqualTypeOf<number>()
    expectTypeOf(useChatSelector(chat, (s) => s.error?.code)).toEqualTypeOf<ChatSnapshot['error'] extends infer E ? (E extends { code: infer C } ? C : undefined) | undefined : never>()
    // isEqual compares two selections of the selected type
    useChatSelector(chat, (s) => s.outbox, (a, b) => {
      expectTypeOf(a).toEqualTypeOf<ChatSnapshot['outbox']>()
      return a.length === b.length
    })
  })

  it('takes a chat shared across tabs, which has no actor or store', () => {
    const shared = {} as Omit<Chat, 'actor' | 'store'>
    expectTypeOf(useChat(shared)).toEqualTypeOf<UseChatResult>()
    expectTypeOf(useChatSelector(shared, (s) => s.status)).toEqualTypeOf<ChatStatus>()
  })

  it('rejects what is not an engine', () => {
    // @ts-expect-error a snapshot is not an engine
    useChat({} as ChatSnapshot)
  })
})

describe('ChatWidget props', () => {
  it('takes the engine and every option of the DOM widget', () => {
    expectTypeOf<ChatWidgetProps>().toMatchTypeOf<MountChatOptions & { chat: ChatLike }>()
    expectTypeOf<ChatWidgetProps['chat']>().toEqualTypeOf<ChatLike>()
    expectTypeOf<ChatWidgetProps['labels']>().toEqualTypeOf<MountChatOptions['labels']>()
    // @ts-expect-error the engine is required
    ChatWidget({})
  })
})
