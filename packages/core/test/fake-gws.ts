import type { HttpAdapter, HttpRequest, HttpResponse } from '../src/http/types'
import type { Participant, TranscriptEntry } from '../src/types'

/** An entry as the server keeps it: the engine gives it its `time`. */
type ServerEntry = Omit<TranscriptEntry, 'time'> & { utcTime?: unknown }

export interface RecordedCall {
  method: string
  url: string
  path: string
  query: URLSearchParams
  headers: Record<string, string>
  body: Record<string, unknown> | undefined
  operation: string
  /** `Date.now()` when the request was made (simulated under fake timers). */
  at: number
}

type Reply = HttpResponse | Error | 'hang'
type Override = (call: RecordedCall) => Reply | undefined

const json = (status: number, body: unknown): HttpResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

export const envelope = (statusCode: number, statusMessage: string, status = 400) => json(status, { statusCode, statusMessage })

/**
 * An in-memory GWS server behind a fake HTTP adapter: synchronous, no timers,
 * so engine tests run under fake time. `override` lets a test answer any call
 * itself (faults, hangs, odd bodies).
 */
export function createFakeGws(options: { chatId?: string; path?: string | null } = {}) {
  const chatId = options.chatId ?? 'chat-1'
  const calls: RecordedCall[] = []
  const overrides: Override[] = []
  const hanging: { call: RecordedCall; reject: (error: Error) => void }[] = []
  const customer: Participant = { nickname: 'Chris', participantId: '1', type: 'Customer' }
  const state = {
    exists: false,
    state: 'WaitingForAgent' as string,
    participants: [] as Participant[],
    capabilities: ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'],
    transcript: [] as ServerEntry[],
    completed: false,
  }

  function add(type: string, from: Participant, extra: Partial<ServerEntry> = {}) {
    state.transcript.push({ index: state.transcript.length + 1, type, from, ...extra })
  }

  function operationOf(method: string, path: string, body: Record<string, unknown> | undefined): string {
    if (method === 'POST') return String(body?.operationName ?? 'unknown')
    return path.endsWith('/messages') ? 'GetMessages' : 'GetChat'
  }

  function serve(call: RecordedCall): HttpResponse {
    if (call.operation === 'RequestChat') {
      state.exists = true
      state.participants = [customer]
      add('ParticipantJoined', customer)
      return json(200, { id: chatId, statusCode: 0, ...(options.path === null ? {} : { path: options.path ?? `/api/v2/chats/${chatId}` }) })
    }
    if (!state.exists) return envelope(6, 'Chat not found', 404)
    switch (call.operation) {
      case 'GetChat':
        return json(200, { chat: { id: chatId, state: state.state, participants: state.participants, capabilities: state.capabilities }, statusCode: 0 })
      case 'GetMessages': {
        const from = Number(call.query.get('index') ?? '0')
        // An entry without a usable index (a hostile test put it there) is sent with every answer, as a buggy server would.
        return json(200, { messages: state.transcript.filter((e) => !(Number.isInteger(e.index) && e.index >= 1) || e.index >= from), statusCode: 0 })
      }
      case 'SendMessage':
        if (state.completed) return envelope(2, 'Chat is over')
        add('Text', customer, { text: String(call.body?.text) })
        return json(200, { statusCode: 0 })
      case 'SendStartTypingNotification':
        add('TypingStarted', customer)
        return json(200, { statusCode: 0 })
      case 'SendStopTypingNotification':
        add('TypingStopped', customer)
        return json(200, { statusCode: 0 })
      case 'Complete':
        if (state.completed) return envelope(2, 'Chat is over')
        state.completed = true
        add('ParticipantLeft', customer)
        state.state = 'Idle'
        state.capabilities = []
        return json(200, { statusCode: 0 })
      default:
        return envelope(1, 'Unknown operation')
    }
  }

  const http: HttpAdapter = (request: HttpRequest) => {
    const url = new URL(request.url)
    const body = request.body === undefined ? undefined : (JSON.parse(request.body) as Record<string, unknown>)
    const call: RecordedCall = {
      method: request.method,
      url: request.url,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body,
      operation: operationOf(request.method, url.pathname, body),
      at: Date.now(),
    }
    calls.push(call)
    for (const override of overrides) {
      const reply = override(call)
      if (reply === undefined) continue
      if (reply === 'hang') {
        return new Promise<HttpResponse>((_, reject) => {
          hanging.push({ call, reject })
          request.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
        })
      }
      return reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply)
    }
    return Promise.resolve(serve(call))
  }

  const agent: Participant = { nickname: 'Ava', participantId: '2', type: 'Agent' }

  return {
    http,
    calls,
    state,
    customer,
    agent,
    /** Answer matching calls yourself; return undefined to let the fake serve it. */
    override(fn: Override) {
      overrides.push(fn)
      return () => overrides.splice(overrides.indexOf(fn), 1)
    },
    agentJoins(who: Participant = agent) {
      state.participants = [...state.participants, who]
      state.state = 'Chatting'
      add('ParticipantJoined', who)
    },
    agentSays(text: string, who: Participant = agent) {
      add('Text', who, { text })
    },
    agentTypes(who: Participant = agent) {
      add('TypingStarted', who)
    },
    agentLeaves(who: Participant = agent, nextState = 'Idle') {
      state.participants = state.participants.filter((p) => p.participantId !== who.participantId)
      add('ParticipantLeft', who)
      state.state = nextState
    },
    add,
    ops: (operation: string) => calls.filter((c) => c.operation === operation),
  }
}
