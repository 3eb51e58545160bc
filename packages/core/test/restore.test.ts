import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChat, realmLocks } from '../src'
import { createMemoryStorage } from '../src/persistence/storage'
import { PERSIST_VERSION } from '../src/persistence/record'
import { createFakeGws } from './fake-gws'
import { persistChat } from '../src/persistence'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Restore me' }

/** Two page loads of the same site: one GWS, one storage, an engine per load. */
function site() {
  vi.useFakeTimers()
  const gws = createFakeGws()
  const storage = createMemoryStorage()
  const load = () =>
    createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, persistence: persistChat({ storage }) })
  const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
  return { gws, storage, load, tick }
}

describe('restore after reload', () => {
  it('resumes the same chat, rebuilds the transcript without duplicates and announces only what is new', async () => {
    const { gws, storage, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    gws.agentJoins()
    gws.agentSays('Hello Chris')
    first.send('Hi!')
    await tick(3000)
    expect(first.getSnapshot().status).toBe('connected')
    const before = first.getSnapshot().transcript
    first.destroy()

    const persisted = JSON.parse(storage.getItem('gws-chat:cc') ?? 'null')
    expect(persisted).toMatchObject({ v: PERSIST_VERSION, status: 'connected', location: { id: 'chat-1' }, lastIndex: 4, outbox: [] })

    gws.agentSays('Are you still there?')
    const second = load()
    const announced: string[] = []
    second.on('message.received', ({ entry }) => announced.push(entry.text ?? ''))
    expect(second.getSnapshot()).toMatchObject({ status: 'connected', chatId: 'chat-1' })
    await tick(1)
    const after = second.getSnapshot().transcript
    expect(after.map((e) => e.index)).toEqual([1, 2, 3, 4, 5])
    expect(after.slice(0, 4)).toEqual(before)
    expect(announced).toEqual(['Are you still there?'])
    expect(gws.ops('RequestChat')).toHaveLength(1)
    expect(gws.ops('GetMessages').at(-1)?.query.get('index')).toBe('1')
  })

  it('sends messages that were still queued at the reload, once each and in order', async () => {
    const { gws, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    first.actor.send({ type: 'network.offline' })
    first.send('one')
    first.send('two')
    await tick(100)
    expect(first.getSnapshot().outbox.map((m) => m.status)).toEqual(['queued', 'queued'])
    first.destroy()

    const second = load()
    expect(second.getSnapshot().outbox.map((m) => m.text)).toEqual(['one', 'two'])
    await tick(3000)

    expect(gws.ops('SendMessage').map((c) => c.body?.text)).toEqual(['one', 'two'])
    expect(second.getSnapshot().outbox).toEqual([])
    expect(second.getSnapshot().transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual(['one', 'two'])
  })

  it('a send in flight at the reload that reached the server is not sent again', async () => {
    const { gws, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    // The server applies the message, the page goes away before the answer.
    gws.override((call) => (call.operation === 'SendMessage' ? (gws.add('Text', gws.customer, { text: 'in flight' }), 'hang') : undefined))
    first.send('in flight')
    await tick(10)
    expect(first.getSnapshot().outbox[0]?.status).toBe('sending')
    first.destroy()

    const second = load()
    await tick(5000)
    expect(gws.ops('SendMessage')).toHaveLength(1)
    expect(second.getSnapshot().outbox).toEqual([])
    expect(second.getSnapshot().transcript.filter((e) => e.text === 'in flight')).toHaveLength(1)
  })

  it('a send in flight at the reload that never arrived is sent after the transcript shows it missing', async () => {
    const { gws, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    const undo = gws.override((call) => (call.operation === 'SendMessage' ? 'hang' : undefined))
    first.send('lost')
    await tick(10)
    first.destroy()
    undo()

    const second = load()
    await tick(5000)
    expect(gws.ops('SendMessage').map((c) => c.body?.text)).toEqual(['lost', 'lost'])
    expect(second.getSnapshot().transcript.filter((e) => e.text === 'lost')).toHaveLength(1)
    expect(second.getSnapshot().outbox).toEqual([])
  })

  it('a chat the server no longer knows ends with endReason server', async () => {
    const { gws, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    first.destroy()
    gws.state.exists = false
    const second = load()
    await tick(100)
    expect(second.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'server' })
  })

  it('a chat older than the limit ends with endReason timeout and makes no request', async () => {
    const { gws, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    first.destroy()
    await vi.advanceTimersByTimeAsync(31 * 60_000)
    const made = gws.calls.length
    const second = load()
    await tick(10_000)
    expect(second.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'timeout', chatId: null })
    expect(gws.calls.length).toBe(made)
    // And the next load starts fresh.
    expect(load().getSnapshot().status).toBe('idle')
  })

  it('a quiet chat that stays open longer than the limit is still resumed: polling keeps its record fresh', async () => {
    const { gws, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    gws.agentJoins()
    await tick(3000)
    // Forty quiet minutes: no snapshot changes, but the chat is polled and alive.
    await tick(40 * 60_000)
    first.destroy()
    const second = load()
    expect(second.getSnapshot()).toMatchObject({ status: 'connected', chatId: 'chat-1' })
    expect(gws.ops('RequestChat')).toHaveLength(1)
  })

  it('forgets the chat once it ended, and ignores records it cannot read', async () => {
    const { storage, load, tick } = site()
    const first = load()
    first.start(start)
    await tick()
    first.end()
    await tick()
    expect(storage.getItem('gws-chat:cc')).toBeNull()
    storage.setItem('gws-chat:cc', '{"v":99}')
    expect(load().getSnapshot().status).toBe('idle')
    storage.setItem('gws-chat:cc', 'not json')
    expect(load().getSnapshot().status).toBe('idle')
  })

  it('persists plain data only: no Error objects, no transcript', async () => {
    const { gws, storage, load, tick } = site()
    const chat = load()
    chat.start(start)
    await tick()
    gws.override((call) => (call.operation === 'SendMessage' ? { status: 400, headers: {}, body: '{"statusCode":1,"statusMessage":"bad"}' } : undefined))
    chat.send('rejected')
    await tick(10)
    const raw = storage.getItem('gws-chat:cc') ?? ''
    const record = JSON.parse(raw)
    expect(record.outbox).toEqual([{ id: expect.any(String), text: 'rejected', status: 'failed', error: expect.objectContaining({ code: 'gws_error' }) }])
    expect(record).not.toHaveProperty('transcript')
    expect(JSON.parse(JSON.stringify(record))).toEqual(record)
  })

  it('one record, one sender: a duplicated tab (the same record in a second engine) never sends a queued message twice', async () => {
    const { gws, storage, tick } = site()
    const locks = realmLocks(new Map())
    const load = (from = storage) => createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, persistence: persistChat({ storage: from }), locks })
    const original = load()
    original.start(start)
    await tick()
    original.actor.send({ type: 'network.offline' })
    original.send('queued before the copy')
    await tick(100)
    // "Duplicate tab" copies sessionStorage: the copy restores the same record while the original lives on.
    const copied = createMemoryStorage()
    copied.setItem('gws-chat:cc', storage.getItem('gws-chat:cc') ?? '')
    const duplicate = load(copied)
    expect(duplicate.getSnapshot().outbox.map((m) => m.text)).toEqual(['queued before the copy'])
    await tick(3000)
    expect(duplicate.getSnapshot().outbox, 'left to the original').toEqual([])
    duplicate.send('typed in the copy')
    original.actor.send({ type: 'network.online' })
    await tick(5000)
    expect(gws.ops('SendMessage').map((c) => c.body?.text).sort()).toEqual(['queued before the copy', 'typed in the copy'])
    for (const chat of [original, duplicate]) {
      expect(chat.getSnapshot().transcript.filter((e) => e.type === 'Text').map((e) => e.text).sort(), 'each shown once in both tabs').toEqual(['queued before the copy', 'typed in the copy'])
      expect(chat.getSnapshot().outbox).toEqual([])
      chat.destroy()
    }
  })

  it('two engines restoring one record after a reload: the one that gets the sender lock sends, once', async () => {
    const { gws, storage, tick } = site()
    const locks = realmLocks(new Map())
    const load = (from = storage) => createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, persistence: persistChat({ storage: from }), locks })
    const first = load()
    first.start(start)
    await tick()
    first.actor.send({ type: 'network.offline' })
    first.send('once')
    await tick(100)
    first.destroy()
    const copied = createMemoryStorage()
    copied.setItem('gws-chat:cc', storage.getItem('gws-chat:cc') ?? '')
    const a = load()
    const b = load(copied)
    await tick(10_000)
    expect(gws.ops('SendMessage').map((c) => c.body?.text)).toEqual(['once'])
    a.destroy()
    b.destroy()
  })
})
