import type { ChatLike, ChatSnapshot, EndReason } from '@gws-chat/core'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { chatFixtures, ENDED_FIXTURES, FIXTURE_NAMES, fixtureChat, type FixtureName } from '../src/index'

const visible = (snapshot: ChatSnapshot) => ({
  status: snapshot.status,
  connection: snapshot.connection,
  agentTyping: snapshot.agentTyping,
  unreadCount: snapshot.unreadCount,
  endReason: snapshot.endReason,
  transcript: snapshot.transcript.map((e) => `${e.from.nickname} ${e.type}${e.text ? `: ${e.text}` : ''}`),
  outbox: snapshot.outbox.map((m) => `${m.status}: ${m.text}${m.error ? ` (${m.error.code})` : ''}`),
  error: snapshot.error?.code ?? null,
})

const GREETING = ['Chris ParticipantJoined', 'Ava ParticipantJoined', "Ava Text: Hi, I'm Ava. How can I help?"]
const CONVERSATION = [...GREETING, 'Chris Text: Hello, my last bill looks too high.', 'Ava Text: Let me look that up for you.']
const live = { endReason: null, error: null, agentTyping: false, unreadCount: 0, outbox: [] }

/** What a UI sees in each fixture. */
const EXPECTED: Record<FixtureName, ReturnType<typeof visible>> = {
  idle: { ...live, status: 'idle', connection: 'online', transcript: [] },
  requesting: { ...live, status: 'requesting', connection: 'online', transcript: [] },
  queued: { ...live, status: 'queued', connection: 'online', transcript: ['Chris ParticipantJoined'] },
  connected: { ...live, status: 'connected', connection: 'online', transcript: CONVERSATION },
  agentTyping: { ...live, status: 'connected', connection: 'online', agentTyping: true, transcript: [...CONVERSATION, 'Ava TypingStarted'] },
  unread: {
    ...live,
    status: 'connected',
    connection: 'online',
    unreadCount: 2,
    transcript: [...CONVERSATION, 'Ava Text: I found the problem: a duplicate charge.', 'Ava Text: It is refunded within five days.'],
  },
  failedSend: { ...live, status: 'connected', connection: 'online', transcript: CONVERSATION, outbox: ['failed: Can you send me a copy? (gws_error)'] },
  reconnecting: { ...live, status: 'connected', connection: 'reconnecting', transcript: CONVERSATION },
  offline: { ...live, status: 'connected', connection: 'offline', transcript: CONVERSATION },
  endedByCustomer: { ...live, status: 'ended', connection: 'online', endReason: 'customer', transcript: CONVERSATION },
  endedByAgent: {
    ...live,
    status: 'ended',
    connection: 'online',
    endReason: 'agent',
    transcript: [...CONVERSATION, 'Ava Text: Glad I could help. Goodbye!', 'Ava ParticipantLeft'],
  },
  endedByServer: { ...live, status: 'ended', connection: 'online', endReason: 'server', transcript: ['Chris ParticipantJoined'] },
  endedByTimeout: { ...live, status: 'ended', connection: 'online', endReason: 'timeout', transcript: [...CONVERSATION, 'Chris ParticipantLeft'] },
  error: { ...live, status: 'error', connection: 'online', error: 'gws_error', transcript: [] },
}

describe('state fixtures', () => {
  it.each(FIXTURE_NAMES)('%s shows a UI its status, connection, transcript and outbox', (name) => {
    expect(visible(chatFixtures[name].getSnapshot())).toEqual(EXPECTED[name])
    expect(chatFixtures[name].name).toBe(name)
  })

  it('has one fixture per end reason, each ended by it', () => {
    for (const [reason, name] of Object.entries(ENDED_FIXTURES) as [EndReason, FixtureName][]) {
      expect(chatFixtures[name].getSnapshot()).toMatchObject({ status: 'ended', endReason: reason })
    }
    expect(Object.keys(ENDED_FIXTURES).sort()).toEqual(['agent', 'customer', 'server', 'timeout'])
  })

  it('carries what a UI names people with: the agent, the visitor’s own id, the chat id, capabilities', () => {
    const snapshot = chatFixtures.connected.getSnapshot()
    expect(snapshot.participants.map((p) => `${p.nickname} (${p.type})`)).toEqual(['Chris (Customer)', 'Ava (Agent)'])
    expect(snapshot.visitorId).toBe(snapshot.transcript[0]!.from.participantId)
    expect(snapshot.chatId).toBe('chat-fixture')
    expect(snapshot.capabilities).toContain('SendMessage')
    // Entry times are the server's (utcTime), one minute apart.
    expect(snapshot.transcript.map((e) => new Date(e.time).toISOString().slice(11, 16))).toEqual(['09:30', '09:31', '09:32', '09:33', '09:34'])
    expect(chatFixtures.error.getSnapshot().error?.message).toBe('RequestChat: GWS statusCode 4 (The service is unavailable)')
  })

  it('records commands without changing state', () => {
    const chat = fixtureChat('failedSend')
    const before = chat.getSnapshot()
    const id = chat.getSnapshot().outbox[0]!.id
    expect(chat.send('Another one')).toBe('fixture-1')
    expect(chat.send('Mine', { id: 'own-id' })).toBe('own-id')
    chat.retryMessage(id)
    chat.setTyping(true)
    chat.end()
    chat.retry()
    chat.start({ nickname: 'Chris', subject: 'Again' })
    chat.setViewing(false)
    chat.markRead()
    expect(chat.calls).toEqual([
      { command: 'send', args: ['Another one'] },
      { command: 'send', args: ['Mine', { id: 'own-id' }] },
      { command: 'retryMessage', args: [id] },
      { command: 'setTyping', args: [true] },
      { command: 'end', args: [] },
      { command: 'retry', args: [] },
      { command: 'start', args: [{ nickname: 'Chris', subject: 'Again' }] },
      { command: 'setViewing', args: [false] },
      { command: 'markRead', args: [] },
    ])
    expect(chat.commands()).toEqual(['send', 'send', 'retryMessage', 'setTyping', 'end', 'retry', 'start', 'setViewing', 'markRead'])
    expect(chat.getSnapshot()).toBe(before)
    expect(visible(chat.getSnapshot())).toEqual(EXPECTED.failedSend)
  })

  it('subscribe and on accept listeners, never call them, and unsubscribe cleanly', () => {
    const chat = fixtureChat('connected')
    const calls: unknown[] = []
    const unsubscribe = chat.subscribe((snapshot) => calls.push(snapshot))
    const off = chat.on('message.received', (event) => calls.push(event))
    chat.send('Hello')
    chat.end()
    unsubscribe()
    off()
    expect(calls).toEqual([])
  })

  it('snapshots are deeply frozen: a UI that mutates one fails loudly instead of changing the fixture', () => {
    const snapshot = chatFixtures.connected.getSnapshot()
    expect(() => (snapshot.transcript as unknown[]).push({})).toThrow(TypeError)
    expect(() => {
      ;(snapshot.transcript[0]!.from as { nickname: string }).nickname = 'Mallory'
    }).toThrow(TypeError)
    expect(chatFixtures.connected.getSnapshot().transcript[0]!.from.nickname).toBe('Chris')
  })

  it('fixtureChat gives fresh fixtures with overrides over the recorded snapshot', () => {
    const a = fixtureChat('connected', { participants: [], agentTyping: true })
    const b = fixtureChat('connected')
    a.end()
    expect(b.calls).toEqual([])
    expect(a.getSnapshot()).toMatchObject({ status: 'connected', participants: [], agentTyping: true })
    expect(a.getSnapshot().transcript).toEqual(chatFixtures.connected.getSnapshot().transcript)
    expect(b.getSnapshot().participants).toHaveLength(2)
    expect(() => fixtureChat('nope' as FixtureName)).toThrow('fixtureChat: no fixture "nope"')
  })

  it('type-checks as ChatLike', () => {
    expectTypeOf(chatFixtures.connected).toExtend<ChatLike>()
    expectTypeOf(fixtureChat('idle')).toExtend<ChatLike>()
  })
})
