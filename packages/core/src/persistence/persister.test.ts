import { afterEach, describe, expect, it, vi } from 'vitest'
import { setup } from '../../test/engine'
import { parseRecord, PERSIST_VERSION } from './record'
import { createMemoryStorage } from './storage'

afterEach(() => {
  vi.useRealTimers()
})

const good = {
  v: PERSIST_VERSION,
  location: { id: 'chat-1', chat: '/api/v2/chats/chat-1', messages: '/api/v2/chats/chat-1/messages' },
  status: 'connected',
  ownParticipantId: '1',
  participants: [{ nickname: 'Ava', participantId: '2', type: 'Agent' }],
  lastIndex: 3,
  outbox: [{ id: 'm1', text: 'hi', status: 'queued' }],
  startedAt: 1,
  savedAt: Date.now(),
}

describe('persisted records', () => {
  it('keeps a valid record and upgrades the first format', () => {
    expect(parseRecord(JSON.stringify(good))).toMatchObject({ location: { id: 'chat-1' }, participants: [{ type: 'Agent' }] })
    const { participants: _p, ...v1 } = good
    expect(parseRecord(JSON.stringify({ ...v1, v: 1 }))).toMatchObject({ v: PERSIST_VERSION, participants: [] })
  })

  it.each([
    ['a path to another host', { location: { ...good.location, chat: '//evil.example/x' } }],
    ['a path that climbs', { location: { ...good.location, messages: '/api/../../etc' } }],
    ['an absolute URL', { location: { ...good.location, chat: 'https://evil.example/api' } }],
    ['a negative index', { lastIndex: -1 }],
    ['a fractional index', { lastIndex: 1.5 }],
    ['an unknown outbox status', { outbox: [{ id: 'm1', text: 'hi', status: 'delivered' }] }],
    ['an outbox of a million messages', { outbox: Array.from({ length: 1_000 }, (_, i) => ({ id: `m${i}`, text: 'x', status: 'queued' })) }],
    ['a huge text', { outbox: [{ id: 'm1', text: 'x'.repeat(200_000), status: 'queued' }] }],
    ['an empty chat id', { location: { ...good.location, id: '' } }],
    ['an unknown version', { v: 99 }],
    ['a participant that is not one', { participants: [{ participantId: 2 }] }],
  ])('drops a record with %s', (_, change) => {
    expect(parseRecord(JSON.stringify({ ...good, ...change }))).toBeNull()
  })

  it('drops text that is not JSON, and nothing at all', () => {
    for (const text of ['{', 'null', '[]', '"x"', '', '__proto__']) expect(parseRecord(text)).toBeNull()
    expect(parseRecord(null)).toBeNull()
  })

  it('a hostile record is deleted: the page starts without a chat and makes no request for it', async () => {
    const storage = createMemoryStorage()
    storage.setItem('k', JSON.stringify({ ...good, location: { ...good.location, chat: '//evil.example/x' } }))
    const { chat, gws, tick } = setup({ persistence: { storage, key: 'k' } })
    await tick(5000)
    expect(chat.getSnapshot().status).toBe('idle')
    expect(gws.calls).toHaveLength(0)
    expect(storage.getItem('k')).toBeNull()
    chat.destroy()
  })

  it('a valid record resumes with its participants: an agent among them resumes connected', async () => {
    const storage = createMemoryStorage()
    storage.setItem('k', JSON.stringify({ ...good, savedAt: Date.now() }))
    const { chat, tick } = setup({ persistence: { storage, key: 'k' } })
    expect(chat.getSnapshot().status).toBe('connected')
    expect(chat.getSnapshot().participants.map((p) => p.nickname)).toEqual(['Ava'])
    await tick(0)
    chat.destroy()
  })
})
