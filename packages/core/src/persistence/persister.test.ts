import { afterEach, describe, expect, it, vi } from 'vitest'
import { setup } from '../../test/engine'
import { MAX_OUTBOX } from '../machine/limits'
import { parseRecord, PERSIST_VERSION } from './record'
import { createMemoryStorage } from './storage'
import { persistChat } from '.'

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
  startedAt: Date.now() - 60_000,
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
    ['an absurd last index', { lastIndex: 9_007_199_254_740_991 }],
    ['savedAt "yesterday"', { savedAt: 'yesterday' }],
    ['savedAt NaN (serialised as null)', { savedAt: null }],
    ['savedAt in year 1970', { savedAt: 5 }],
    ['savedAt in year 9999', { savedAt: 253_402_300_799_000 }],
    ['a fractional savedAt', { savedAt: Date.now() + 0.5 }],
    ['an absurd Retry-After in an outbox error', { outbox: [{ id: 'm1', text: 'hi', status: 'failed', error: { code: 'http_error', message: 'x', retryAfterMs: 1e15 } }] }],
    ['an unknown error code', { outbox: [{ id: 'm1', text: 'hi', status: 'failed', error: { code: 'pwned', message: 'x' } }] }],
    ['a percent-encoded climb', { location: { ...good.location, chat: '/api/v2/chats/%2e%2e/%2e%2e/admin' } }],
    ['a chat id of ".."', { location: { id: '..', chat: '/api/v2/chats/..', messages: '/api/v2/chats/../messages' } }],
  ])('drops a record with %s', (_, change) => {
    expect(parseRecord(JSON.stringify({ ...good, ...change }))).toBeNull()
  })

  it('drops a record saved in the future or started after it was saved', () => {
    const now = Date.now()
    expect(parseRecord(JSON.stringify(good), now)).not.toBeNull()
    expect(parseRecord(JSON.stringify({ ...good, savedAt: now + 60 * 60_000 }), now)).toBeNull()
    expect(parseRecord(JSON.stringify({ ...good, startedAt: good.savedAt + 1 }), now)).toBeNull()
  })

  it('writes the record once for a burst of changes, not once per change', async () => {
    const storage = createMemoryStorage()
    let writes = 0
    const counting = { ...storage, setItem: (key: string, value: string) => (writes++, storage.setItem(key, value)) }
    const { chat, tick } = setup({ persistence: persistChat({ storage: counting, key: 'k' }) })
    chat.start({ nickname: 'Chris', subject: 'burst' })
    await tick(100)
    chat.actor.send({ type: 'network.offline' })
    await tick(0)
    writes = 0
    for (let i = 0; i < MAX_OUTBOX; i++) chat.send(`message ${i}`)
    expect(() => chat.send('one too many'), 'the outbox holds what a record can restore').toThrow(/500 messages are waiting already/)
    expect(writes, 'nothing written while the burst runs').toBe(0)
    await Promise.resolve()
    expect(writes).toBe(1)
    expect(parseRecord(storage.getItem('k'))?.outbox, 'the record restores').toHaveLength(MAX_OUTBOX)
    chat.destroy()
  })

  it('drops text that is not JSON, and nothing at all', () => {
    for (const text of ['{', 'null', '[]', '"x"', '', '__proto__']) expect(parseRecord(text)).toBeNull()
    expect(parseRecord(null)).toBeNull()
  })

  it.each([
    ['a hostile record', { ...good.location, chat: '//evil.example/x' }],
    ['a record for a resource this engine does not use', { id: 'chat-1', chat: '/api/v2/other/chat-1', messages: '/api/v2/other/chat-1/messages' }],
  ])('%s is deleted: the page starts without a chat and makes no request for it', async (_, location) => {
    const storage = createMemoryStorage()
    storage.setItem('k', JSON.stringify({ ...good, location }))
    const { chat, gws, tick } = setup({ persistence: persistChat({ storage, key: 'k' }) })
    await tick(5000)
    expect(chat.getSnapshot().status).toBe('idle')
    expect(gws.calls).toHaveLength(0)
    expect(storage.getItem('k')).toBeNull()
    chat.destroy()
  })

  it('a valid record resumes with its participants: an agent among them resumes connected', async () => {
    const storage = createMemoryStorage()
    storage.setItem('k', JSON.stringify({ ...good, savedAt: Date.now() }))
    const { chat, tick } = setup({ persistence: persistChat({ storage, key: 'k' }) })
    expect(chat.getSnapshot().status).toBe('connected')
    expect(chat.getSnapshot().participants.map((p) => p.nickname)).toEqual(['Ava'])
    await tick(0)
    chat.destroy()
  })
})
