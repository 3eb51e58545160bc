/** Test doubles shared by the bindings' tests: a stand-in engine, and a tiny GWS for a real one. */
import { vi } from 'vitest'
import { idleSnapshot as emptySnapshot, type Chat, type ChatSnapshot, type HttpAdapter, type HttpResponse, type TranscriptEntry } from '@gws-chat/core'

export const idleSnapshot: ChatSnapshot = emptySnapshot()

/** A stand-in engine: a subscribable snapshot and spy commands. */
export function createFakeChat(initial: Partial<ChatSnapshot> = {}) {
  let snapshot: ChatSnapshot = { ...idleSnapshot, ...initial }
  const listeners = new Set<(snapshot: ChatSnapshot) => void>()
  const chat = {
    start: vi.fn<Chat['start']>(),
    send: vi.fn<Chat['send']>(() => 'local-1'),
    retryMessage: vi.fn<Chat['retryMessage']>(),
    setTyping: vi.fn<Chat['setTyping']>(),
    end: vi.fn<Chat['end']>(),
    retry: vi.fn<Chat['retry']>(),
    markRead: vi.fn<Chat['markRead']>(),
    setViewing: vi.fn<Chat['setViewing']>(),
    setPageVisible: vi.fn<Chat['setPageVisible']>(),
    destroy: vi.fn<Chat['destroy']>(),
    on: vi.fn(() => () => {}) as unknown as Chat['on'],
    subscribe(listener: (snapshot: ChatSnapshot) => void) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    actor: undefined as unknown as Chat['actor'],
    store: undefined as unknown as Chat['store'],
  } satisfies Chat
  return {
    chat,
    listeners,
    update(patch: Partial<ChatSnapshot>) {
      snapshot = { ...snapshot, ...patch }
      listeners.forEach((listener) => listener(snapshot))
    },
  }
}

const ok = (body: Record<string, unknown> = {}): HttpResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ statusCode: 0, ...body }),
})

/** A tiny in-memory GWS behind the engine's HTTP adapter interface, recording each operation. */
export function createFakeHttp() {
  const operations: string[] = []
  const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
  const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
  // As the server keeps them: the engine gives each entry its `time`.
  const transcript: Omit<TranscriptEntry, 'time'>[] = []
  let state = 'WaitingForAgent'
  const add = (entry: Omit<TranscriptEntry, 'index' | 'time'>) => transcript.push({ index: transcript.length + 1, ...entry })
  const http: HttpAdapter = async (request) => {
    const body = request.body === undefined ? {} : (JSON.parse(request.body) as { operationName?: string; text?: string })
    const operation = request.method === 'POST' ? String(body.operationName) : request.url.includes('/messages') ? 'GetMessages' : 'GetChat'
    operations.push(operation)
    switch (operation) {
      case 'RequestChat':
        add({ type: 'ParticipantJoined', from: customer })
        return ok({ id: 'chat-1' })
      case 'GetChat':
        return ok({ chat: { id: 'chat-1', state, participants: state === 'Chatting' ? [customer, agent] : [customer], capabilities: ['SendMessage', 'Complete'] } })
      case 'GetMessages': {
        const from = Number(new URL(request.url).searchParams.get('index') ?? '0')
        return ok({ messages: transcript.filter((entry) => entry.index >= from) })
      }
      case 'SendMessage':
        add({ type: 'Text', text: String(body.text), from: customer })
        return ok()
      case 'Complete':
        state = 'Idle'
        add({ type: 'ParticipantLeft', from: customer })
        return ok()
      default:
        return ok()
    }
  }
  return {
    http,
    operations,
    count: (operation: string) => operations.filter((op) => op === operation).length,
    agentJoins() {
      state = 'Chatting'
      add({ type: 'ParticipantJoined', from: agent })
    },
    agentSays(text: string) {
      add({ type: 'Text', text, from: agent })
    },
  }
}
