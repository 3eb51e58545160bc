import type { HttpAdapter, HttpRequest, HttpResponse } from '../../src/http/types'
import type { Participant, TranscriptEntry } from '../../src/types'

/** An entry as the server keeps it: the engine gives it its `time`. */
type ServerEntry = Omit<TranscriptEntry, 'time'>

/**
 * An in-memory GWS for the model-based suite: like `../fake-gws.ts` it answers
 * synchronously (so fake timers drive everything), and it adds what the world
 * of the model needs: a RequestChat held until the test answers it, a network
 * that drops, and a chat state (GetChat) that lags behind the transcript so a
 * test decides which poller notices a change first.
 */

export interface ModelCall {
  method: string
  path: string
  operation: string
  headers: Record<string, string>
  body: Record<string, unknown> | undefined
}

export interface ServerChat {
  id: string
  state: string
  participants: Participant[]
  transcript: ServerEntry[]
  completed: boolean
  gone: boolean
}

export interface ChatView {
  state: string
  participants: Participant[]
}

const json = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const envelope = (statusCode: number, statusMessage: string, status = 400) => json(status, { statusCode, statusMessage })

export const CUSTOMER: Participant = { nickname: 'Chris', participantId: '1', type: 'Customer' }
export const AGENT: Participant = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const SYSTEM: Participant = { nickname: 'system', participantId: '9', type: 'External' }
const CAPABILITIES = ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete']

export function createModelGws() {
  const calls: ModelCall[] = []
  const chats: ServerChat[] = []
  let online = true
  let garbled = 0
  let denied = 0
  /** The next RequestChat is held, then answered this way. */
  let held: { answer: 'accept' | 'refuse'; release?: () => void } | null = null
  /** The RequestChat being held. */
  let waiting: { release?: () => void } | null = null
  /** What GetChat shows; `null` = the live state. Set while a change waits for the transcript poll. */
  let lagging: { view: ChatView; untilIndex: number } | null = null
  /** GetMessages hides entries from this index on until GetChat has been answered. */
  let hiddenFrom: number | null = null
  let loseNextSendAnswer = false
  /** Complete is applied but none of its answers arrives. */
  let loseCompleteAnswers = false
  /** With Complete's answers lost, the engine's first GetChat to verify the end fails too (it asks again). */
  let failVerifyOnce = false
  /** The first GetMessages after GetChat reported the chat `Idle` fails once (the engine retries its final fetch). */
  let failFinalFetch = false
  let idleSeen = false

  const current = () => chats.at(-1)

  function add(chat: ServerChat, type: string, from: Participant, extra: Partial<ServerEntry> = {}) {
    chat.transcript.push({ index: chat.transcript.length + 1, type, from, ...extra })
  }

  function createServerChat(): ServerChat {
    const chat: ServerChat = {
      id: `chat-${chats.length + 1}`,
      state: 'WaitingForAgent',
      participants: [CUSTOMER],
      transcript: [],
      completed: false,
      gone: false,
    }
    add(chat, 'ParticipantJoined', CUSTOMER)
    chats.push(chat)
    lagging = null
    hiddenFrom = null
    idleSeen = false
    failFinalFetch = false
    loseCompleteAnswers = false
    return chat
  }

  function operationOf(method: string, path: string, body: Record<string, unknown> | undefined) {
    if (method === 'POST') return String(body?.operationName ?? 'unknown')
    return path.endsWith('/messages') ? 'GetMessages' : 'GetChat'
  }

  function serve(call: ModelCall, url: URL): HttpResponse {
    if (call.operation === 'RequestChat') {
      const chat = createServerChat()
      return json(200, { id: chat.id, statusCode: 0, path: `/api/v2/chats/${chat.id}` })
    }
    const chat = chats.find((c) => call.path === `/api/v2/chats/${c.id}` || call.path === `/api/v2/chats/${c.id}/messages`)
    if (!chat || chat.gone) return envelope(6, 'Chat not found', 404)
    if ((call.operation === 'GetMessages' || call.operation === 'GetChat') && denied > 0) {
      denied -= 1
      return envelope(20, 'Access denied', 401)
    }
    switch (call.operation) {
      case 'GetChat': {
        const view = lagging && chat === current() ? lagging.view : chat
        if (chat === current()) hiddenFrom = null
        if (chat === current() && view.state === 'Idle') idleSeen = true
        return json(200, { statusCode: 0, chat: { id: chat.id, state: view.state, participants: view.participants, capabilities: chat.completed ? [] : CAPABILITIES } })
      }
      case 'GetMessages': {
        if (garbled > 0) {
          garbled -= 1
          return { status: 200, headers: {}, body: '{"messages": [' }
        }
        if (failFinalFetch && idleSeen && chat === current()) {
          failFinalFetch = false
          return { status: 503, headers: {}, body: 'Service Unavailable' }
        }
        const from = Number(url.searchParams.get('index') ?? '0')
        const messages = chat.transcript.filter((e) => e.index >= from && (hiddenFrom === null || chat !== current() || e.index < hiddenFrom))
        if (lagging && chat === current() && messages.some((e) => e.index >= lagging!.untilIndex)) lagging = null
        return json(200, { statusCode: 0, messages })
      }
      case 'SendMessage':
        if (chat.completed) return envelope(2, 'Chat is over')
        add(chat, 'Text', CUSTOMER, { text: String(call.body?.text) })
        return json(200, { statusCode: 0 })
      case 'SendStartTypingNotification':
      case 'SendStopTypingNotification':
        if (chat.completed) return envelope(2, 'Chat is over')
        add(chat, call.operation === 'SendStartTypingNotification' ? 'TypingStarted' : 'TypingStopped', CUSTOMER)
        return json(200, { statusCode: 0 })
      case 'Complete':
        if (chat.completed) return envelope(2, 'Chat is over')
        chat.completed = true
        add(chat, 'ParticipantLeft', CUSTOMER)
        chat.participants = chat.participants.filter((p) => p.participantId !== CUSTOMER.participantId)
        chat.state = 'Idle'
        return json(200, { statusCode: 0 })
      default:
        return envelope(1, 'Unknown operation')
    }
  }

  const http: HttpAdapter = (request: HttpRequest) => {
    const url = new URL(request.url)
    const body = request.body === undefined ? undefined : (JSON.parse(request.body) as Record<string, unknown>)
    const call: ModelCall = { method: request.method, path: url.pathname, operation: operationOf(request.method, url.pathname, body), headers: request.headers, body }
    calls.push(call)
    if (!online) return Promise.reject(new TypeError('Failed to fetch'))
    if (call.operation === 'GetChat' && loseCompleteAnswers && failVerifyOnce) {
      failVerifyOnce = false
      return Promise.reject(new TypeError('network connection was lost'))
    }
    if (call.operation === 'Complete' && loseCompleteAnswers) {
      serve(call, url)
      return Promise.reject(new TypeError('network connection was lost'))
    }
    if (call.operation === 'SendMessage' && loseNextSendAnswer) {
      loseNextSendAnswer = false
      serve(call, url)
      return Promise.reject(new TypeError('network connection was lost'))
    }
    if (call.operation === 'RequestChat' && held) {
      const hold = held
      held = null
      return new Promise<HttpResponse>((resolve, reject) => {
        hold.release = () => resolve(hold.answer === 'accept' ? serve(call, url) : envelope(4, 'Internal error', 500))
        request.signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true })
        waiting = hold
      })
    }
    return Promise.resolve(serve(call, url))
  }

  /** Change the chat now; GetChat shows it only once GetMessages has delivered the entries added by `change`. */
  function changeSeenFirstInTranscript(change: (chat: ServerChat) => void) {
    const chat = current()
    if (!chat) throw new Error('no chat on the server')
    const view: ChatView = lagging?.view ?? { state: chat.state, participants: [...chat.participants] }
    const untilIndex = chat.transcript.length + 1
    change(chat)
    lagging = { view, untilIndex }
  }

  return {
    http,
    calls,
    chats,
    current,
    ops: (operation: string) => calls.filter((c) => c.operation === operation),
    setOnline(value: boolean) {
      online = value
    },
    hold(answer: 'accept' | 'refuse') {
      held = { answer }
    },
    answer() {
      const hold = waiting
      waiting = null
      if (!hold?.release) throw new Error('no RequestChat is waiting for an answer')
      hold.release()
    },
    /** The first agent of a chat shows in the transcript first; one who joins after a transfer, in the chat state first. */
    agentJoins() {
      const chat = current()!
      const rejoin = chat.transcript.some((e) => e.type === 'ParticipantLeft' && e.from.type === 'Agent')
      if (rejoin) {
        hiddenFrom = chat.transcript.length + 1
        lagging = null
        chat.participants = [...chat.participants, AGENT]
        chat.state = 'Chatting'
        add(chat, 'ParticipantJoined', AGENT)
        return
      }
      changeSeenFirstInTranscript((c) => {
        c.participants = [...c.participants, AGENT]
        c.state = 'Chatting'
        add(c, 'ParticipantJoined', AGENT)
      })
    },
    loseNextSendAnswer() {
      loseNextSendAnswer = true
    },
    agentTypes() {
      add(current()!, 'TypingStarted', AGENT)
    },
    agentSays(text: string) {
      add(current()!, 'Text', AGENT, { text })
    },
    agentLeaves(nextState: 'Idle' | 'WaitingForAgent') {
      changeSeenFirstInTranscript((chat) => {
        chat.participants = chat.participants.filter((p) => p.type !== 'Agent')
        add(chat, 'ParticipantLeft', AGENT)
        chat.state = nextState
      })
    },
    loseCompleteAnswers() {
      loseCompleteAnswers = true
      failVerifyOnce = true
    },
    /** Idle without a leave entry; the final transcript fetch fails once. */
    close() {
      failFinalFetch = true
      const chat = current()!
      chat.participants = chat.participants.filter((p) => p.type !== 'Agent')
      chat.state = 'Idle'
    },
    /** While waiting, the transcript shows the visitor's leave first; with an agent, GetChat shows `Idle` first. */
    timeOut() {
      const change = (chat: ServerChat) => {
        add(chat, 'Notice', SYSTEM, { text: 'The chat was closed for inactivity' })
        add(chat, 'ParticipantLeft', CUSTOMER)
        chat.participants = chat.participants.filter((p) => p.participantId !== CUSTOMER.participantId)
        chat.state = 'Idle'
      }
      const chat = current()!
      if (chat.state === 'Chatting') {
        hiddenFrom = chat.transcript.length + 1
        lagging = null
        change(chat)
      } else {
        changeSeenFirstInTranscript(change)
      }
    },
    forget() {
      current()!.gone = true
    },
    garble(answers: number) {
      garbled = answers
    },
    deny(answers: number) {
      denied = answers
    },
  }
}
