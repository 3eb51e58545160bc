// An in-memory GWS Customer Chat server behind an HttpAdapter, for simulated time: every answer
// arrives `latencyMs` later on the (fake) clock. It records each request and when each transcript
// entry was appended (`latencyMs: 0` answers on the next microtask, no timer), so a benchmark can count requests and measure delivery latency.

const json = (status, body) => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })

export function createFakeGws({ latencyMs = 50, now = () => Date.now(), chatId = 'chat-1' } = {}) {
  const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
  const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
  const state = { exists: false, state: 'WaitingForAgent', participants: [], transcript: [], completed: false }
  const appendedAt = new Map()
  const requests = []

  function add(type, from, extra = {}) {
    const index = state.transcript.length + 1
    state.transcript.push({ index, type, from, ...extra })
    appendedAt.set(index, now())
    return index
  }

  function serve(method, url, body) {
    const operation = method === 'POST' ? String(body?.operationName) : url.pathname.endsWith('/messages') ? 'GetMessages' : 'GetChat'
    requests.push({ time: now(), operation })
    if (operation === 'RequestChat') {
      state.exists = true
      state.participants = [customer]
      add('ParticipantJoined', customer)
      return json(200, { id: chatId, statusCode: 0, path: `/api/v2/chats/${chatId}` })
    }
    if (!state.exists) return json(404, { statusCode: 6, statusMessage: 'Chat not found' })
    switch (operation) {
      case 'GetChat':
        return json(200, {
          statusCode: 0,
          chat: { id: chatId, state: state.state, participants: state.participants, capabilities: ['SendMessage', 'Complete'] },
        })
      case 'GetMessages': {
        const from = Number(url.searchParams.get('index') ?? '1')
        return json(200, { statusCode: 0, messages: state.transcript.slice(Math.max(0, from - 1)) })
      }
      case 'SendMessage':
        add('Text', customer, { text: String(body.text) })
        return json(200, { statusCode: 0 })
      case 'SendStartTypingNotification':
        add('TypingStarted', customer)
        return json(200, { statusCode: 0 })
      case 'SendStopTypingNotification':
        add('TypingStopped', customer)
        return json(200, { statusCode: 0 })
      case 'Complete':
        state.completed = true
        state.state = 'Idle'
        add('ParticipantLeft', customer)
        return json(200, { statusCode: 0 })
      default:
        return json(400, { statusCode: 1, statusMessage: 'Unknown operation' })
    }
  }

  /** The HttpAdapter the engine (or a baseline client) calls. */
  const http = (request) =>
    latencyMs === 0
      ? Promise.resolve().then(() => serve(request.method, new URL(request.url), request.body === undefined ? undefined : JSON.parse(request.body)))
      : new Promise((resolve, reject) => {
      const body = request.body === undefined ? undefined : JSON.parse(request.body)
      // The server applies the request when it arrives (half the round trip), the answer comes back later.
      setTimeout(() => {
        const response = serve(request.method, new URL(request.url), body)
        const onAbort = () => (clearTimeout(timer), reject(new Error('aborted')))
        const timer = setTimeout(() => (request.signal?.removeEventListener('abort', onAbort), resolve(response)), latencyMs / 2)
        request.signal?.addEventListener('abort', onAbort, { once: true })
      }, latencyMs / 2)
    })

  return {
    http,
    state,
    requests,
    appendedAt,
    customer,
    agent,
    agentJoins() {
      state.participants = [...state.participants, agent]
      state.state = 'Chatting'
      add('ParticipantJoined', agent)
    },
    agentSays: (text) => add('Text', agent, { text }),
    agentTypes: () => add('TypingStarted', agent),
    visitorSays: (text) => add('Text', customer, { text }),
  }
}
