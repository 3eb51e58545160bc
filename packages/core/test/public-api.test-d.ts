import { describe, expectTypeOf, it } from 'vitest'
import {
  createChat,
  createFetchAdapter,
  type Chat,
  type ChatError,
  type ChatSnapshot,
  type HttpAdapter,
  type Participant,
  type TranscriptEntry,
} from '../src'

describe('public API types', () => {
  it('createChat needs baseUrl and contactCenterId', () => {
    expectTypeOf(createChat).parameter(0).toHaveProperty('baseUrl').toEqualTypeOf<string>()
    expectTypeOf(createChat).parameter(0).toHaveProperty('contactCenterId').toEqualTypeOf<string>()
    // @ts-expect-error contactCenterId is required
    createChat({ baseUrl: 'https://gws.example.com' })
    // @ts-expect-error unknown path family
    createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'x', paths: 'agent' })
    expectTypeOf(createChat).returns.toEqualTypeOf<Chat>()
  })

  it('attention: times, unread and the commands a UI calls', () => {
    const chat = {} as Chat
    expectTypeOf<TranscriptEntry['time']>().toEqualTypeOf<number>()
    expectTypeOf<ChatSnapshot['unreadCount']>().toEqualTypeOf<number>()
    expectTypeOf(chat.markRead).toEqualTypeOf<() => void>()
    expectTypeOf(chat.setViewing).parameter(0).toEqualTypeOf<boolean>()
  })

  it('commands', () => {
    const chat = {} as Chat
    expectTypeOf(chat.send).returns.toEqualTypeOf<string>()
    expectTypeOf(chat.start).parameter(0).toMatchTypeOf<{ nickname: string; subject: string }>()
    // @ts-expect-error subject is required
    chat.start({ nickname: 'Chris' })
    expectTypeOf(chat.subscribe).returns.toEqualTypeOf<() => void>()
    expectTypeOf(chat.setTyping).parameter(0).toEqualTypeOf<boolean>()
  })

  it('the snapshot', () => {
    expectTypeOf<ChatSnapshot['status']>().toEqualTypeOf<'idle' | 'requesting' | 'queued' | 'connected' | 'ended' | 'error'>()
    expectTypeOf<ChatSnapshot['endReason']>().toEqualTypeOf<'customer' | 'agent' | 'server' | 'timeout' | null>()
    expectTypeOf<ChatSnapshot['error']>().toEqualTypeOf<ChatError | null>()
    expectTypeOf<Participant['participantId']>().toEqualTypeOf<string>()
    expectTypeOf<TranscriptEntry['index']>().toEqualTypeOf<number>()
    expectTypeOf<ChatSnapshot['outbox'][number]['status']>().toEqualTypeOf<'queued' | 'sending' | 'sent' | 'failed'>()
    expectTypeOf<ChatError['code']>().toMatchTypeOf<string>()
  })

  it('events carry typed payloads', () => {
    const chat = {} as Chat
    chat.on('message.received', (event) => expectTypeOf(event.entry).toEqualTypeOf<TranscriptEntry>())
    chat.on('status.changed', (event) => expectTypeOf(event.previous).toEqualTypeOf<ChatSnapshot['status']>())
    chat.on('agent.typing', (event) => expectTypeOf(event.typing).toEqualTypeOf<boolean>())
    chat.on('error', (event) => expectTypeOf(event.error).toEqualTypeOf<ChatError>())
    // @ts-expect-error unknown event
    chat.on('message.sent', () => {})
  })

  it('adapters', () => {
    expectTypeOf(createFetchAdapter()).toEqualTypeOf<HttpAdapter>()
  })
})
