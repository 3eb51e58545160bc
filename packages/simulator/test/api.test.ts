import { describe, expect, it } from 'vitest'
import { QUIET, client, start } from './helpers.js'

const LIVE = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete']

describe('RequestChat', () => {
  it('creates a chat on /api/v2/chats and on /api/v2/chats/', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    for (const path of ['/api/v2/chats', '/api/v2/chats/']) {
      const r = await c.post(path, { operationName: 'RequestChat', nickname: 'Chris', subject: 'Billing', userData: { plan: 'gold' }, endpoint: 'sales' })
      expect(r.status).toBe(200)
      expect(Object.keys(r.body).sort()).toEqual(['id', 'path', 'statusCode'])
      expect(r.body.statusCode).toBe(0)
      expect(r.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(r.body.path).toBe(`/api/v2/chats/${r.body.id}`)
      const view = sim.chat(r.body.id)
      expect(view).toMatchObject({ nickname: 'Chris', subject: 'Billing', endpoint: 'sales', userData: { plan: 'gold' }, state: 'WaitingForAgent' })
    }
    expect(sim.chats()).toHaveLength(2)
  })

  it.each([
    [{ nickname: 'Chris', subject: 'x' }, 'operationName'],
    [{ operationName: 'RequestChat', subject: 'x' }, 'nickname'],
    [{ operationName: 'RequestChat', nickname: 'Chris' }, 'subject'],
  ])('answers statusCode 1 when a required field is missing (%j)', async (body, field) => {
    const sim = await start()
    const r = await client(sim).post('/api/v2/chats', body)
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ statusCode: 1, statusMessage: `Missing required parameter: ${field}` })
    expect(sim.chats()).toHaveLength(0)
  })

  it('rejects a userData that is not an object', async () => {
    const sim = await start()
    const r = await client(sim).post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'a', subject: 'b', userData: [1] })
    expect(r.body.statusCode).toBe(1)
  })

  it('gives the same ids for the same seed and different ids for another seed', async () => {
    const ids = async (seed: number) => {
      const sim = await start({ seed, scenario: QUIET })
      const c = client(sim)
      return [await c.requestChat(), await c.requestChat()]
    }
    const a = await ids(7)
    expect(await ids(7)).toEqual(a)
    expect(await ids(8)).not.toEqual(a)
    expect(a[0]).not.toBe(a[1])
  })
})

describe('GetChat', () => {
  it('answers on both path families, with and without a trailing slash', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    for (const path of [`/api/v2/chats/${id}`, `/api/v2/chats/${id}/`, `/api/v2/me/chat/${id}`]) {
      const r = await c.get(path)
      expect(r.status).toBe(200)
      expect(r.body).toEqual({
        chat: { capabilities: LIVE, id, participants: [{ nickname: 'Chris', participantId: '1', type: 'Customer' }], state: 'WaitingForAgent' },
        statusCode: 0,
      })
    }
  })

  it('sends numeric participant ids with participantIdType number', async () => {
    const sim = await start({ scenario: QUIET, participantIdType: 'number' })
    const c = client(sim)
    const id = await c.requestChat()
    sim.agent(id).join('Kim')
    const r = await c.chat(id)
    expect(r.body.chat.participants).toEqual([
      { nickname: 'Chris', participantId: 1, type: 'Customer' },
      { nickname: 'Kim', participantId: 2, type: 'Agent' },
    ])
    expect(r.body.chat.state).toBe('Chatting')
    const m = await c.messages(id)
    expect(m.body.messages.map((e: any) => e.from.participantId)).toEqual([1, 2])
  })

  it('answers statusCode 6 for an unknown chat, with the configured HTTP status', async () => {
    const sim = await start({ errorHttpStatus: { notFound: 200 } })
    const c = client(sim)
    for (const path of ['/api/v2/chats/nope', '/api/v2/me/chat/nope/messages']) {
      const r = await c.get(path)
      expect(r.status).toBe(200)
      expect(r.body).toEqual({ statusCode: 6, statusMessage: 'Chat not found: nope' })
    }
    const post = await c.op('nope', 'SendMessage', { text: 'hi' })
    expect(post.body.statusCode).toBe(6)
  })

  it('also answers POST for GetChat and GetMessages with postVariants', async () => {
    const sim = await start({ scenario: QUIET, postVariants: true })
    const c = client(sim)
    const id = await c.requestChat()
    expect((await c.post(`/api/v2/chats/${id}`)).body.chat.state).toBe('WaitingForAgent')
    expect((await c.post(`/api/v2/chats/${id}`, { operationName: 'GetChat' })).body.chat.id).toBe(id)
    const m = await c.post(`/api/v2/me/chat/${id}/messages`)
    expect(m.body.messages).toHaveLength(1)
    expect(sim.requests.at(-1)?.operation).toBe('GetMessages')
  })

  it('refuses POST on /messages without postVariants', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    const r = await c.post(`/api/v2/chats/${id}/messages`)
    expect(r.status).toBe(405)
    expect(r.body).toEqual({ statusCode: 3, statusMessage: `Method POST is not supported on /api/v2/chats/${id}/messages` })
  })
})

describe('chat operations', () => {
  it('dispatches on operationName on both path families', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    expect((await c.post(`/api/v2/chats/${id}`, { operationName: 'SendStartTypingNotification' })).body).toEqual({ statusCode: 0 })
    expect((await c.post(`/api/v2/me/chat/${id}`, { operationName: 'SendStopTypingNotification' })).body).toEqual({ statusCode: 0 })
    expect((await c.post(`/api/v2/me/chat/${id}/`, { operationName: 'SendMessage', text: 'Hello?' })).body).toEqual({ statusCode: 0 })
    const types = sim.chat(id)?.transcript.map((e) => e.type)
    expect(types).toEqual(['ParticipantJoined', 'TypingStarted', 'TypingStopped', 'Text'])
  })

  it('answers statusCode 1 for a missing text, a missing or unknown operationName and a non-object body', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    expect((await c.op(id, 'SendMessage')).body).toEqual({ statusCode: 1, statusMessage: 'Missing required parameter: text' })
    expect((await c.post(`/api/v2/chats/${id}`, {})).body).toEqual({ statusCode: 1, statusMessage: 'Missing required parameter: operationName' })
    expect((await c.op(id, 'Dance')).body).toEqual({ statusCode: 1, statusMessage: 'Unsupported operationName: Dance' })
    expect((await c.post(`/api/v2/chats/${id}`, [1, 2])).body.statusCode).toBe(1)
    expect(sim.chat(id)?.transcript).toHaveLength(1)
  })

  it('answers statusCode 1 with HTTP 400 for a malformed JSON body', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    for (const path of ['/api/v2/chats', `/api/v2/chats/${id}`]) {
      const r = await c.post(path, '{"operationName": "SendMessage", "te')
      expect(r.status).toBe(400)
      expect(r.body).toEqual({ statusCode: 1, statusMessage: 'The request body is not valid JSON' })
    }
    expect(sim.requests.at(-1)?.body).toBe('{"operationName": "SendMessage", "te')
  })

  it('ends the chat on Complete: ParticipantLeft, Idle, no capabilities, later ops statusCode 2, reads still work', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    expect((await c.op(id, 'Complete')).body).toEqual({ statusCode: 0 })
    const chat = (await c.chat(id)).body.chat
    expect(chat).toEqual({ capabilities: [], id, participants: [], state: 'Idle' })
    const messages = (await c.messages(id)).body.messages
    expect(messages.at(-1)).toEqual({ from: { nickname: 'Chris', participantId: '1', type: 'Customer' }, index: 2, type: 'ParticipantLeft' })
    for (const op of LIVE) {
      const r = await c.op(id, op, { text: 'late' })
      expect(r.status).toBe(400)
      expect(r.body).toEqual({ statusCode: 2, statusMessage: `${op} is not allowed in the current state of chat ${id}` })
    }
    expect(sim.chat(id)).toMatchObject({ ended: true, endedBy: 'customer', state: 'Idle' })
  })

  it("keeps only Complete after the end with capabilitiesAfterEnd 'complete-only'", async () => {
    const sim = await start({ scenario: QUIET, capabilitiesAfterEnd: 'complete-only' })
    const c = client(sim)
    const id = await c.requestChat()
    sim.agent(id).join('Kim')
    sim.agent(id).end('Bye now')
    expect((await c.chat(id)).body.chat).toMatchObject({ capabilities: ['Complete'], state: 'Idle' })
    expect((await c.op(id, 'SendMessage', { text: 'x' })).body.statusCode).toBe(2)
    expect((await c.op(id, 'Complete')).body.statusCode).toBe(0)
    const tail = (await c.messages(id, 0)).body.messages.slice(-3).map((e: any) => [e.type, e.from.type, e.text])
    expect(tail).toEqual([
      ['Text', 'Agent', 'Bye now'],
      ['ParticipantLeft', 'Agent', undefined],
      ['ParticipantLeft', 'Customer', undefined],
    ])
  })
})

describe('headers and unknown resources', () => {
  it('answers statusCode 1 (HTTP 400) naming the header when ContactCenterId is missing', async () => {
    const sim = await start()
    const c = client(sim, null)
    const r = await c.post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'a', subject: 'b' })
    expect(r.status).toBe(400)
    expect(r.body).toEqual({ statusCode: 1, statusMessage: 'Missing required header: ContactCenterId' })
  })

  it('answers statusCode 3 (HTTP 403) for an unknown contact center', async () => {
    const sim = await start({ contactCenterIds: ['cc-1', 'cc-2'] })
    const r = await client(sim, 'cc-9').post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'a', subject: 'b' })
    expect(r.status).toBe(403)
    expect(r.body).toEqual({ statusCode: 3, statusMessage: 'Unknown contact center: cc-9' })
  })

  it('scopes chats to the contact center that created them', async () => {
    const sim = await start({ contactCenterIds: ['cc-1', 'cc-2'], scenario: QUIET })
    const id = await client(sim, 'cc-1').requestChat()
    expect((await client(sim, 'cc-2').chat(id)).body.statusCode).toBe(6)
    expect((await client(sim, 'cc-1').chat(id)).body.statusCode).toBe(0)
  })

  it('accepts and records Authorization and unknown headers', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    await c.post('/api/v2/chats', { operationName: 'RequestChat', nickname: 'a', subject: 'b' }, { Authorization: 'Basic eDp5', apikey: 'k' })
    const entry = sim.requests[0]
    expect(entry?.status).toBe(200)
    expect(entry?.headers.authorization).toBe('Basic eDp5')
    expect(entry?.headers.apikey).toBe('k')
    expect(entry?.headers.contactcenterid).toBe('demo')
  })

  it('answers statusCode 20 on secured resources and 6 on unknown ones', async () => {
    const sim = await start({ errorHttpStatus: { notAuthenticated: 403 } })
    const c = client(sim)
    for (const path of ['/api/v2/me', '/api/v2/me/chats', '/api/v2/chats']) {
      const r = await c.get(path)
      expect(r.status).toBe(403)
      expect(r.body).toEqual({ statusCode: 20, statusMessage: 'Access denied: this resource needs an authenticated user' })
    }
    const r = await c.get('/api/v2/elsewhere')
    expect(r.status).toBe(404)
    expect(r.body).toEqual({ statusCode: 6, statusMessage: 'No resource at /api/v2/elsewhere' })
  })

  it('logs method, path, query, body, status, operation and chat id', async () => {
    const sim = await start({ scenario: QUIET })
    const c = client(sim)
    const id = await c.requestChat()
    await c.messages(id, 3)
    const [create, poll] = sim.requests
    expect(create).toMatchObject({ id: 1, method: 'POST', path: '/api/v2/chats', status: 200, operation: 'RequestChat' })
    expect(create?.body).toMatchObject({ operationName: 'RequestChat', nickname: 'Chris' })
    expect(poll).toMatchObject({ id: 2, method: 'GET', query: { index: '3' }, status: 200, operation: 'GetMessages', chatId: id, body: '' })
    expect(poll?.durationMs).toBeGreaterThanOrEqual(0)
    sim.clearRequests()
    expect(sim.requests).toEqual([])
  })
})
