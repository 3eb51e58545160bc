import { describe, expect, it } from 'vitest'
import { createApiClient, judge, parseRetryAfter } from './client'
import { OkResponseSchema, GetMessagesResponseSchema } from './schemas'
import type { HttpRequest, HttpResponse } from '../http/types'

const at = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
const ok = (body: unknown): HttpResponse => ({ status: 200, headers: {}, body: JSON.stringify(body) })

function recordingClient(reply: (request: HttpRequest) => HttpResponse | Promise<HttpResponse>, timeoutMs = 1000) {
  const requests: HttpRequest[] = []
  const api = createApiClient({
    baseUrl: 'https://gws.example.com/',
    contactCenterId: 'cc-42',
    http: async (request) => {
      requests.push(request)
      return reply(request)
    },
    withCredentials: true,
    requestTimeoutMs: timeoutMs,
    requestChatPath: '/api/v2/chats',
  })
  return { api, requests }
}

const signal = () => new AbortController().signal

describe('operations build the documented requests', () => {
  it('RequestChat posts the visitor details with ContactCenterId and no Authorization', async () => {
    const { api, requests } = recordingClient(() => ok({ id: 'c1', statusCode: 0, path: '/api/v2/chats/c1' }))
    const result = await api.requestChat({ nickname: 'Chris', subject: 'Billing', endpoint: 'sales', userData: { k: 'v' } }, signal())
    expect(result).toEqual({ id: 'c1', statusCode: 0, path: '/api/v2/chats/c1' })
    const [request] = requests
    expect(request?.method).toBe('POST')
    expect(request?.url).toBe('https://gws.example.com/api/v2/chats')
    expect(request?.headers).toEqual({ Accept: 'application/json', ContactCenterId: 'cc-42', 'Content-Type': 'application/json' })
    expect(Object.keys(request?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain('authorization')
    expect(JSON.parse(request?.body ?? '')).toEqual({
      operationName: 'RequestChat',
      nickname: 'Chris',
      subject: 'Billing',
      endpoint: 'sales',
      userData: { k: 'v' },
    })
    expect(request?.withCredentials).toBe(true)
  })

  it('omits endpoint and userData when not given', async () => {
    const { api, requests } = recordingClient(() => ok({ id: 'c1', statusCode: 0 }))
    await api.requestChat({ nickname: 'Chris', subject: 'Q' }, signal())
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual({ operationName: 'RequestChat', nickname: 'Chris', subject: 'Q' })
  })

  it('GetChat and GetMessages are GETs without a body; GetMessages always names its index', async () => {
    const { api, requests } = recordingClient((request) =>
      request.url.includes('/messages')
        ? ok({ statusCode: 0, messages: [] })
        : ok({ statusCode: 0, chat: { id: 'c1', state: 'WaitingForAgent', capabilities: [], participants: [] } }),
    )
    await api.getChat(at, signal())
    await api.getMessages(at, 7, signal())
    expect(requests.map((r) => [r.method, r.url, r.body])).toEqual([
      ['GET', 'https://gws.example.com/api/v2/chats/c1', undefined],
      ['GET', 'https://gws.example.com/api/v2/chats/c1/messages?index=7', undefined],
    ])
    expect(requests.every((r) => r.headers.ContactCenterId === 'cc-42' && !('Content-Type' in r.headers))).toBe(true)
  })

  it.each([
    ['sendMessage', (api: ReturnType<typeof createApiClient>) => api.sendMessage(at, 'Hello?', signal()), { operationName: 'SendMessage', text: 'Hello?' }],
    ['start typing', (api: ReturnType<typeof createApiClient>) => api.sendTyping(at, true, signal()), { operationName: 'SendStartTypingNotification' }],
    ['stop typing', (api: ReturnType<typeof createApiClient>) => api.sendTyping(at, false, signal()), { operationName: 'SendStopTypingNotification' }],
    ['complete', (api: ReturnType<typeof createApiClient>) => api.complete(at, signal()), { operationName: 'Complete' }],
  ])('%s posts its operationName to the chat resource', async (_name, run, body) => {
    const { api, requests } = recordingClient(() => ok({ statusCode: 0 }))
    await run(api)
    expect(requests[0]?.method).toBe('POST')
    expect(requests[0]?.url).toBe('https://gws.example.com/api/v2/chats/c1')
    expect(JSON.parse(requests[0]?.body ?? '')).toEqual(body)
  })

  it('turns a rejected request into network_error and a silent server into timeout', async () => {
    const failing = recordingClient(() => Promise.reject(new TypeError('fetch failed')))
    await expect(failing.api.complete(at, signal())).rejects.toMatchObject({ code: 'network_error', operation: 'Complete' })
    const silent = recordingClient(
      (request) =>
        new Promise((_, reject) => request.signal.addEventListener('abort', () => reject(new Error('aborted')))),
      20,
    )
    await expect(silent.api.getChat(at, signal())).rejects.toMatchObject({ code: 'timeout', operation: 'GetChat' })
  })
})

describe('judge', () => {
  it('names the GWS error envelope', () => {
    expect(() => judge('SendMessage', { status: 400, headers: {}, body: '{"statusCode":2,"statusMessage":"Invalid state"}' }, OkResponseSchema)).toThrow(
      expect.objectContaining({ code: 'gws_error', statusCode: 2, httpStatus: 400, message: 'SendMessage: GWS statusCode 2 (Invalid state)' }),
    )
  })

  it('an envelope with HTTP 200 is still an error', () => {
    expect(() => judge('GetChat', { status: 200, headers: {}, body: '{"statusCode":6,"statusMessage":"Not found"}' }, OkResponseSchema)).toThrow(
      expect.objectContaining({ code: 'gws_error', statusCode: 6, httpStatus: 200 }),
    )
  })

  it('reports HTTP errors without an envelope, with Retry-After', () => {
    expect(() => judge('GetMessages', { status: 429, headers: { 'retry-after': '3' }, body: 'slow down' }, GetMessagesResponseSchema)).toThrow(
      expect.objectContaining({ code: 'http_error', httpStatus: 429, retryAfterMs: 3000 }),
    )
  })

  it('rejects bodies that are not JSON, or empty', () => {
    expect(() => judge('GetMessages', { status: 200, headers: {}, body: '{"messages":[' }, GetMessagesResponseSchema)).toThrow(
      expect.objectContaining({ code: 'invalid_response', message: 'GetMessages: the server answered with a body that is not JSON' }),
    )
    expect(() => judge('GetMessages', { status: 200, headers: {}, body: '' }, GetMessagesResponseSchema)).toThrow(
      expect.objectContaining({ code: 'invalid_response', message: 'GetMessages: the server answered with an empty body' }),
    )
  })

  it('rejects an answer whose messages are not a list, and says where', () => {
    const body = JSON.stringify({ statusCode: 0, messages: { index: 1 } })
    expect(() => judge('GetMessages', { status: 200, headers: {}, body }, GetMessagesResponseSchema)).toThrow(
      expect.objectContaining({ code: 'invalid_response', message: expect.stringContaining('messages') }),
    )
  })

  it('reads GetMessages entry by entry: numeric participant ids become strings, unknown types are kept', async () => {
    const messages = [
      { index: 1, type: 'Text', text: 'hi', from: { nickname: 'A', participantId: 2, type: 'Agent' } },
      { index: 2, type: 'CoBrowseStarted', from: { nickname: 'A', participantId: '2', type: 'Agent' } },
      { index: 'one', type: 'Text', from: { participantId: '1', type: 'Agent' } },
    ]
    const { api } = recordingClient(() => ok({ statusCode: 0, messages }))
    const read = await api.getMessages(at, 1, signal())
    expect(read.entries.map((entry) => [entry.index, entry.type, entry.from.participantId])).toEqual([[1, 'Text', '2'], [2, 'CoBrowseStarted', '2']])
    expect(read.problems).toEqual([{ index: null, reason: 'index "one" is not a transcript position' }])
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000)
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4000)).toBe(6000)
    expect(parseRetryAfter('soon')).toBeUndefined()
    expect(parseRetryAfter(undefined)).toBeUndefined()
  })

  it('cuts absurd values to one minute and refuses odd ones', () => {
    expect(parseRetryAfter('3000000')).toBe(60_000)
    expect(parseRetryAfter('999999')).toBe(60_000)
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', 0)).toBe(60_000)
    expect(parseRetryAfter(new Date(1000).toUTCString(), 5000)).toBe(0)
    expect(parseRetryAfter('-5')).toBeUndefined()
    expect(parseRetryAfter('1e400')).toBeUndefined()
    expect(parseRetryAfter('Infinity')).toBeUndefined()
    expect(parseRetryAfter('0x10')).toBeUndefined()
    expect(parseRetryAfter('5'.repeat(100))).toBeUndefined()
    expect(parseRetryAfter(' 2 ')).toBe(2000)
  })
})
