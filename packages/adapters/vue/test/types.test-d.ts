import { describe, expectTypeOf, it } from 'vitest'
import { h, type ComputedRef, type Ref } from 'vue'
import type { Chat, ChatLike, ChatSnapshot, ChatStatus, StartParams, TranscriptEntry } from '@gws-chat/core'
import type { MountChatOptions } from '@gws-chat/dom'
import { ChatWidget, useChat, type ChatWidgetProps } from '../src'

declare const chat: Chat

describe('composable types', () => {
  it('returns one computed ref per field, the snapshot, and the commands', () => {
    const result = useChat(chat)
    expectTypeOf(result.status).toEqualTypeOf<ComputedRef<ChatStatus>>()
    expectTypeOf(result.transcript.value).toEqualTypeOf<readonly TranscriptEntry[]>()
    expectTypeOf(result.agentTyping.value).toEqualTypeOf<boolean>()
    expectTypeOf(result.snapshot.value).toEqualTypeOf<ChatSnapshot>()
    expectTypeOf(result.start).parameter(0).toEqualTypeOf<StartParams>()
    expectTypeOf(result.send).toEqualTypeOf<(text: string) => string>()
    expectTypeOf(result.retryMessage).toEqualTypeOf<(id: string) => void>()
  })

  it('accepts an engine, a ref to one, or a getter', () => {
    useChat(chat)
    useChat({} as Ref<Chat>)
    useChat(() => chat)
    // @ts-expect-error a snapshot is not an engine
    useChat({} as ChatSnapshot)
  })
})

describe('ChatWidget props', () => {
  it('takes the engine and every option of the DOM widget', () => {
    expectTypeOf<ChatWidgetProps>().toEqualTypeOf<MountChatOptions & { chat: ChatLike }>()
    h(ChatWidget, { chat, labels: { title: 'Help' }, nickname: 'Chris' })
    // @ts-expect-error the engine is required
    h(ChatWidget, { nickname: 'Chris' })
  })
})
