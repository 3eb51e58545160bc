import { describe, expect, it } from 'vitest'
import { createChatStore } from './chat-store'
import { contiguousAfter } from './transcript'
import type { TranscriptEntry } from '../types'

const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const e = (index: number, type: string, from = agent, text?: string): TranscriptEntry => ({ index, type, from, ...(text ? { text } : {}) })

describe('contiguousAfter', () => {
  it('drops duplicates and anything past a gap', () => {
    expect(contiguousAfter(2, [e(1, 'Text'), e(2, 'Text'), e(3, 'Text'), e(5, 'Text')]).map((x) => x.index)).toEqual([3])
    expect(contiguousAfter(0, [e(2, 'Text'), e(1, 'Text')]).map((x) => x.index)).toEqual([1, 2])
    expect(contiguousAfter(0, [e(2, 'Text')])).toEqual([])
  })
})

describe('chat store', () => {
  it('removes an outbox message when its echo arrives, once per echo, oldest first', () => {
    const store = createChatStore()
    store.trigger.messageQueued({ id: 'a', text: 'yes' })
    store.trigger.messageQueued({ id: 'b', text: 'yes' })
    store.trigger.messageSent({ id: 'a' })
    store.trigger.entriesAppended({ entries: [e(1, 'Text', customer, 'yes')], ownParticipantId: '1' })
    expect(store.getSnapshot().context.outbox.map((m) => m.id)).toEqual(['b'])
    expect(store.getSnapshot().context.transcript).toHaveLength(1)
  })

  it('does not take an agent line with the same text for an echo', () => {
    const store = createChatStore()
    store.trigger.messageQueued({ id: 'a', text: 'ok' })
    store.trigger.entriesAppended({ entries: [e(1, 'Text', agent, 'ok')], ownParticipantId: '1' })
    expect(store.getSnapshot().context.outbox).toHaveLength(1)
  })

  it('follows agent typing', () => {
    const store = createChatStore()
    store.trigger.entriesAppended({ entries: [e(1, 'TypingStarted')], ownParticipantId: '1' })
    expect(store.getSnapshot().context.agentTyping).toBe(true)
    store.trigger.entriesAppended({ entries: [e(2, 'Text', agent, 'hi')], ownParticipantId: '1' })
    expect(store.getSnapshot().context.agentTyping).toBe(false)
  })

  it('fails every unsent message when the chat ends, keeping accepted ones', () => {
    const store = createChatStore()
    store.trigger.messageQueued({ id: 'a', text: 'one' })
    store.trigger.messageQueued({ id: 'b', text: 'two' })
    store.trigger.messageSent({ id: 'a' })
    store.trigger.unsentFailed({ error: { code: 'chat_ended', message: 'over' } })
    expect(store.getSnapshot().context.outbox.map((m) => [m.id, m.status, m.error?.code])).toEqual([
      ['a', 'sent', undefined],
      ['b', 'failed', 'chat_ended'],
    ])
  })
})
