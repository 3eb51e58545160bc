import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChat, ChatCommandError } from '../src'
import { envelope } from './fake-gws'
import { setup } from './engine'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Billing question' }

describe('a whole chat', () => {
  it('requests, queues, connects, talks and ends on the visitor’s Complete', async () => {
    const { chat, gws, statuses, tick, texts } = setup()
    expect(chat.getSnapshot().status).toBe('idle')
    chat.start(start)
    expect(chat.getSnapshot().status).toBe('requesting')
    await tick()
    expect(chat.getSnapshot()).toMatchObject({ status: 'queued', chatId: 'chat-1' })

    gws.agentJoins()
    gws.agentSays('Hi, I am Ava')
    await tick(3000)
    expect(chat.getSnapshot().status).toBe('connected')
    expect(chat.getSnapshot().participants.map((p) => p.type).sort()).toEqual(['Agent', 'Customer'])

    chat.send('My bill is wrong')
    await tick(3000)
    expect(texts()).toEqual(['Agent: Hi, I am Ava', 'Customer: My bill is wrong'])
    expect(chat.getSnapshot().outbox).toEqual([])

    chat.end()
    await tick()
    expect(chat.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'customer' })
    const made = gws.calls.length
    await tick(60_000)
    expect(gws.calls.length).toBe(made)
    expect(gws.calls.at(-1)?.operation).toBe('Complete')
    expect(statuses).toEqual(['idle', 'requesting', 'queued', 'connected', 'ended'])
  })

  it('sends ContactCenterId on every request and never an Authorization header', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    gws.agentJoins()
    chat.setTyping(true)
    chat.send('hello')
    await tick(10_000)
    chat.end()
    await tick()
    expect(new Set(gws.calls.map((c) => c.operation))).toEqual(
      new Set(['RequestChat', 'GetChat', 'GetMessages', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete']),
    )
    for (const call of gws.calls) {
      expect(call.headers.ContactCenterId).toBe('cfe5ad67-ba6d-4340-81f9-bb680ef5d498')
      expect(Object.keys(call.headers).some((h) => h.toLowerCase() === 'authorization')).toBe(false)
    }
  })

  it('fetches the transcript from the last index it holds, and merges without gaps or duplicates', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    gws.agentJoins()
    gws.agentSays('one')
    await tick(3000)
    // A poll whose answer repeats old entries and skips one: nothing doubled, nothing skipped.
    gws.agentSays('two')
    gws.agentSays('three')
    const undo = gws.override((call) =>
      call.operation === 'GetMessages'
        ? { status: 200, headers: {}, body: JSON.stringify({ statusCode: 0, messages: gws.state.transcript.filter((e) => e.index !== 4) }) }
        : undefined,
    )
    await tick(3000)
    undo()
    // The next polls fill the hole before the gap wait runs out: the real entry 4, no placeholder.
    await tick(6000)
    const indices = chat.getSnapshot().transcript.map((e) => e.index)
    expect(indices).toEqual([1, 2, 3, 4, 5])
    expect(chat.getSnapshot().transcript.map((e) => e.type)).not.toContain('Missing')
    const queries = gws.ops('GetMessages').map((c) => c.query.get('index'))
    expect(queries[0]).toBe('1')
    expect(queries.every((q) => q !== null)).toBe(true)
    expect(queries.at(-1)).toBe('6')
  })

  it('ends with endReason agent when the last agent leaves and the chat goes Idle', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    gws.agentJoins()
    await tick(3000)
    gws.agentSays('Goodbye')
    gws.agentLeaves()
    await tick(3000)
    expect(chat.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'agent' })
    expect(chat.getSnapshot().transcript.at(-1)?.type).toBe('ParticipantLeft')
  })

  it('goes back to queued on a transfer (the agent leaves, the chat waits again) and connects to the next agent', async () => {
    const { chat, gws, statuses, tick } = setup()
    chat.start(start)
    await tick()
    gws.agentJoins()
    await tick(3000)
    gws.agentLeaves(gws.agent, 'WaitingForAgent')
    await tick(3000)
    expect(chat.getSnapshot().status).toBe('queued')
    gws.agentJoins({ nickname: 'Ben', participantId: '3', type: 'Agent' })
    await tick(6000)
    expect(chat.getSnapshot().status).toBe('connected')
    expect(statuses).toEqual(['idle', 'requesting', 'queued', 'connected', 'queued', 'connected'])
  })

  it('ends with endReason server when the chat is gone (statusCode 6)', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    gws.state.exists = false
    await tick(6000)
    expect(chat.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'server' })
    const made = gws.calls.length
    await tick(60_000)
    expect(gws.calls.length).toBe(made)
  })

  it('ends with endReason timeout when the server closes the visitor’s side', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    gws.add('Notice', { nickname: 'system', participantId: '9', type: 'External' }, { text: 'Chat closed' })
    gws.add('ParticipantLeft', gws.customer)
    await tick(3000)
    expect(chat.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'timeout' })
  })

  it('uneventful polls change no snapshot: subscribers are not called', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    gws.agentJoins()
    await tick(10_000)
    let calls = 0
    chat.subscribe(() => calls++)
    const polls = gws.calls.length
    await tick(60_000)
    expect(gws.calls.length - polls).toBeGreaterThan(20)
    expect(calls).toBe(0)
    gws.agentSays('news')
    await tick(3000)
    expect(calls).toBeGreaterThan(0)
  })

  it('emits message.received, agent.typing and status.changed', async () => {
    const { chat, gws, tick } = setup()
    const seen: string[] = []
    chat.on('message.received', (e) => seen.push(`message:${e.entry.text}`))
    chat.on('agent.typing', (e) => seen.push(`typing:${e.typing}`))
    chat.on('status.changed', (e) => seen.push(`status:${e.previous}->${e.status}`))
    chat.start(start)
    await tick()
    gws.agentJoins()
    gws.agentTypes()
    await tick(3000)
    gws.agentSays('Hello!')
    await tick(3000)
    expect(seen).toEqual([
      'status:idle->requesting',
      'status:requesting->queued',
      'status:queued->connected',
      'typing:true',
      'message:Hello!',
      'typing:false',
    ])
  })
})

describe('failures', () => {
  it('a failed RequestChat leads to error, and retry() requests again', async () => {
    const { chat, gws, tick } = setup()
    const undo = gws.override((call) => (call.operation === 'RequestChat' ? envelope(4, 'Internal error', 500) : undefined))
    chat.start(start)
    await tick()
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'gws_error', statusCode: 4, operation: 'RequestChat' } })
    undo()
    chat.retry()
    await tick()
    expect(chat.getSnapshot()).toMatchObject({ status: 'queued', error: null })
    expect(gws.ops('RequestChat')).toHaveLength(2)
  })

  it.each([
    ['a network error', () => new TypeError('fetch failed'), 'network_error'],
    ['a 503', () => ({ status: 503, headers: {}, body: 'busy' }), 'http_error'],
    ['malformed JSON', () => ({ status: 200, headers: {}, body: '{"messages": [' }), 'invalid_response'],
    ['a schema mismatch', () => ({ status: 200, headers: {}, body: '{"statusCode":0,"messages":{}}' }), 'invalid_response'],
  ])('retries polls after %s with backoff and stays connected', async (_name, reply, code) => {
    const { chat, gws, tick } = setup()
    const errors: string[] = []
    chat.on('error', (e) => errors.push(e.error.code))
    chat.start(start)
    await tick()
    gws.agentJoins()
    await tick(3000)
    const undo = gws.override((call) => (call.operation === 'GetMessages' ? reply() : undefined))
    await tick(5000)
    expect(chat.getSnapshot()).toMatchObject({ status: 'connected', connection: 'reconnecting' })
    expect(errors).toContain(code)
    undo()
    gws.agentSays('still here')
    await tick(25_000)
    expect(chat.getSnapshot()).toMatchObject({ status: 'connected', connection: 'online' })
    expect(chat.getSnapshot().transcript.at(-1)?.text).toBe('still here')
  })

  it('waits at least Retry-After before polling again after a 429', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    let limited = true
    gws.override((call) =>
      limited && call.operation === 'GetMessages' ? { status: 429, headers: { 'retry-after': '8' }, body: '' } : undefined,
    )
    await tick(3000)
    limited = false
    expect(gws.ops('GetMessages')).toHaveLength(1)
    await tick(4900)
    expect(gws.ops('GetMessages')).toHaveLength(1)
    await tick(200)
    expect(gws.ops('GetMessages')).toHaveLength(2)
  })

  it('a non-recoverable poll answer (statusCode 20) leads to error; retry() resumes the same chat', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    const undo = gws.override((call) => (call.operation === 'GetChat' ? envelope(20, 'Access denied', 401) : undefined))
    await tick(6000)
    expect(chat.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'gws_error', statusCode: 20 } })
    undo()
    chat.retry()
    await tick()
    expect(chat.getSnapshot()).toMatchObject({ status: 'queued', chatId: 'chat-1', error: null })
    expect(gws.ops('RequestChat')).toHaveLength(1)
  })

  it('a rejected send is failed with its error, never dropped, and retryMessage sends it again', async () => {
    const { chat, gws, tick, texts } = setup()
    chat.start(start)
    await tick()
    const undo = gws.override((call) => (call.operation === 'SendMessage' ? envelope(1, 'text is missing') : undefined))
    const id = chat.send('Anyone there?')
    await tick()
    expect(chat.getSnapshot().outbox).toEqual([
      { id, text: 'Anyone there?', status: 'failed', error: expect.objectContaining({ code: 'gws_error', statusCode: 1 }) },
    ])
    undo()
    chat.retryMessage(id)
    await tick(3000)
    expect(chat.getSnapshot().outbox).toEqual([])
    expect(texts()).toEqual(['Customer: Anyone there?'])
  })

  it('a Complete lost in the network is retried; a Complete for a chat already over still ends it', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    let drops = 1
    gws.override((call) => (call.operation === 'Complete' && drops-- > 0 ? new TypeError('socket hang up') : undefined))
    chat.end()
    await tick(5000)
    expect(chat.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'customer' })
    expect(gws.ops('Complete')).toHaveLength(2)
  })
})

describe('commands', () => {
  it('refuses empty messages and sends before a chat exists', () => {
    const { chat } = setup()
    expect(() => chat.send('hello')).toThrow(expect.objectContaining({ code: 'invalid_state' }))
    chat.start(start)
    expect(() => chat.send('   ')).toThrow(ChatCommandError)
    expect(() => chat.send('')).toThrow('send: the message is empty')
    expect(() => chat.start({ nickname: '', subject: 'x' })).toThrow('"nickname" must be a non-empty string')
  })

  it('queues messages sent while RequestChat is in flight and sends them in order', async () => {
    const { chat, gws, tick, texts } = setup()
    chat.start(start)
    chat.send('first')
    chat.send('second')
    expect(chat.getSnapshot().outbox.map((m) => m.status)).toEqual(['queued', 'queued'])
    await tick(3000)
    expect(gws.ops('SendMessage').map((c) => c.body?.text)).toEqual(['first', 'second'])
    expect(texts()).toEqual(['Customer: first', 'Customer: second'])
  })

  it('send with a caller’s id keeps that id and takes the same id once', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    expect(chat.send('from another tab', { id: 'tab-1' })).toBe('tab-1')
    expect(chat.send('from another tab', { id: 'tab-1' })).toBe('tab-1')
    expect(chat.getSnapshot().outbox.map((m) => m.id)).toEqual(['tab-1'])
    await tick(3000)
    expect(gws.ops('SendMessage')).toHaveLength(1)
  })

  it('a second start() never creates a second chat', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    chat.start(start)
    await tick()
    chat.start(start)
    await tick(3000)
    expect(gws.ops('RequestChat')).toHaveLength(1)
  })

  it('end() while RequestChat is in flight completes the chat as soon as it exists', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    chat.end()
    await tick()
    expect(chat.getSnapshot()).toMatchObject({ status: 'ended', endReason: 'customer' })
    expect(gws.calls.map((c) => c.operation)).toEqual(['RequestChat', 'Complete'])
  })

  it('typing: Start once, Stop after 5 s idle, Stop on send', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    const typingOps = () => gws.calls.filter((c) => c.operation.startsWith('SendSt')).map((c) => c.operation.replace(/Send|TypingNotification/g, ''))
    chat.setTyping(true)
    chat.setTyping(true)
    await tick(3000)
    chat.setTyping(true)
    await tick(4900)
    expect(typingOps()).toEqual(['Start'])
    await tick(200)
    expect(typingOps()).toEqual(['Start', 'Stop'])
    chat.setTyping(true)
    chat.send('done typing')
    await tick()
    expect(typingOps()).toEqual(['Start', 'Stop', 'Start', 'Stop'])
    chat.setTyping(false)
    await tick()
    expect(typingOps()).toHaveLength(4)
  })

  it('destroy() stops every request and does not end the chat on the server', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    chat.destroy()
    const made = gws.calls.length
    await tick(60_000)
    expect(gws.calls.length).toBe(made)
    expect(gws.ops('Complete')).toHaveLength(0)
  })
})

describe('configuration', () => {
  it('names a missing option', () => {
    expect(() => createChat({ contactCenterId: 'x' } as never)).toThrow('createChat: "baseUrl" is required')
    expect(() => createChat({ baseUrl: 'https://x' } as never)).toThrow('createChat: "contactCenterId" is required')
    expect(() => createChat({ baseUrl: 'not a url', contactCenterId: 'x' })).toThrow('"baseUrl" must be an absolute URL')
  })

  it('refuses options that would escape or overflow: another scheme, credentials, a header-splitting id, a timer past 2^31 - 1 ms', () => {
    const base = { baseUrl: 'https://gws.example.com', contactCenterId: 'cc', persistence: false as const }
    expect(() => createChat({ ...base, baseUrl: 'javascript:alert(1)' })).toThrow('"baseUrl" must be an http or https URL')
    expect(() => createChat({ ...base, baseUrl: 'file:///etc/passwd' })).toThrow('"baseUrl" must be an http or https URL')
    expect(() => createChat({ ...base, baseUrl: 'https://user:pw@gws.example.com' })).toThrow('without credentials')
    expect(() => createChat({ ...base, baseUrl: 'https://gws.example.com/?x=1' })).toThrow('without credentials, query or fragment')
    expect(() => createChat({ ...base, contactCenterId: 'cc\r\nX-Injected: 1' })).toThrow('"contactCenterId" must be a header value')
    expect(() => createChat({ ...base, typingIdleMs: 2 ** 31 })).toThrow('"typingIdleMs" must be a positive number of at most 2147483647')
    expect(() => createChat({ ...base, typingIdleMs: -1 })).toThrow(TypeError)
    expect(() => createChat({ ...base, polling: { keepAliveMs: Number.POSITIVE_INFINITY } })).toThrow(TypeError)
    expect(() => createChat({ ...base, baseUrl: 'https://gws.example.com/gws/' }).destroy()).not.toThrow()
  })

  it('me-chat polls /api/v2/me/chat/{id} and posts operations there', async () => {
    const { chat, gws, tick } = setup({ paths: 'me-chat' })
    chat.start(start)
    await tick()
    chat.send('hi')
    await tick(3000)
    expect(new Set(gws.calls.filter((c) => c.operation !== 'RequestChat').map((c) => `${c.method} ${c.path}`))).toEqual(
      new Set(['GET /api/v2/me/chat/chat-1/messages', 'GET /api/v2/me/chat/chat-1', 'POST /api/v2/me/chat/chat-1']),
    )
    expect(gws.ops('RequestChat')[0]?.path).toBe('/api/v2/chats')
  })

  it('the chats family follows the path RequestChat returns', async () => {
    const { chat, gws, tick } = setup({ gws: { chatId: 'c9', path: '/api/v2/chats/c9-elsewhere' } })
    chat.start(start)
    await tick()
    expect(gws.calls.filter((c) => c.method === 'GET').map((c) => c.path)).toContain('/api/v2/chats/c9-elsewhere/messages')
  })

  it('polls at the configured resting interval', async () => {
    const { chat, gws, tick } = setup({ polling: { intervalMs: 2000 } })
    chat.start(start)
    // Right after the start polling is fast, then it rests.
    await tick(5000)
    expect(gws.ops('GetMessages').length).toBeGreaterThan(4)
    const before = gws.ops('GetMessages').length
    await tick(20_000)
    expect(gws.ops('GetMessages').length - before).toBe(10)
    expect(gws.ops('GetChat').length).toBeLessThan(gws.ops('GetMessages').length)
  })
})
