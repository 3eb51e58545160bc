/**
 * How the state fixtures are made: a real engine (`createChat`) is driven against a scripted GWS into each state a UI
 * must render, and its own `getSnapshot()` (the real `projectSnapshot` of the real machines) is kept. The result is
 * checked in as `fixtures.snapshots.ts`; a test records again and fails when the engine would now show anything else,
 * so a fixture can never drift from what the engine shows. Run with `GWS_UPDATE_FIXTURES=1` to rewrite the file.
 */
import { createChat, type Chat, type ChatSnapshot, type HttpAdapter, type HttpResponse, type Participant } from '@gws-chat/core'
import type { FixtureName } from './fixtures.names'

/** The chat every fixture is about. */
export const FIXTURE_CHAT_ID = 'chat-fixture'
const VISITOR: Participant = { nickname: 'Chris', participantId: 'p-visitor', type: 'Customer' }
const AGENT: Participant = { nickname: 'Ava', participantId: 'p-agent', type: 'Agent' }
/** Server times of the entries: 2026-01-05 09:30:00 UTC, one minute apart. */
const FIRST_ENTRY_TIME = Date.UTC(2026, 0, 5, 9, 30)

interface Entry {
  index: number
  type: string
  text?: string
  from: Participant
  utcTime: number
}

const answer = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const ok = (body: Record<string, unknown> = {}) => answer(200, { statusCode: 0, ...body })

/** A scripted GWS behind the engine's HTTP adapter: the recorder says what happens next, the engine polls it. */
function scriptedGws() {
  const transcript: Entry[] = []
  let state: 'WaitingForAgent' | 'Chatting' | 'Idle' = 'WaitingForAgent'
  const participants: Participant[] = []
  let requestChat: 'answer' | 'hang' | 'refuse' = 'answer'
  let sendMessage: 'answer' | 'refuse' = 'answer'
  let polls: 'answer' | 'unreachable' = 'answer'
  const add = (type: string, from: Participant, text?: string) => {
    const index = transcript.length + 1
    transcript.push({ index, type, ...(text === undefined ? {} : { text }), from, utcTime: FIRST_ENTRY_TIME + (index - 1) * 60_000 })
  }
  const join = (who: Participant) => {
    participants.push(who)
    add('ParticipantJoined', who)
  }
  const leave = (who: Participant) => {
    participants.splice(participants.indexOf(who), 1)
    add('ParticipantLeft', who)
  }
  const http: HttpAdapter = (request) =>
    new Promise((resolve, reject) => {
      const body = request.body === undefined ? {} : (JSON.parse(request.body) as { operationName?: string; message?: string; text?: string })
      const operation = request.method === 'POST' ? String(body.operationName) : request.url.includes('/messages') ? 'GetMessages' : 'GetChat'
      const fail = () => reject(new TypeError('Failed to fetch'))
      if (operation === 'RequestChat') {
        if (requestChat === 'hang') return void request.signal.addEventListener('abort', fail)
        if (requestChat === 'refuse') return resolve(answer(503, { statusCode: 4, statusMessage: 'The service is unavailable' }))
        join(VISITOR)
        return resolve(ok({ id: FIXTURE_CHAT_ID }))
      }
      if ((operation === 'GetChat' || operation === 'GetMessages') && polls === 'unreachable') return fail()
      switch (operation) {
        case 'GetChat':
          return resolve(ok({ chat: { id: FIXTURE_CHAT_ID, state, participants, capabilities: state === 'Idle' ? [] : ['SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'] } }))
        case 'GetMessages': {
          const from = Number(new URL(request.url).searchParams.get('index') ?? '1')
          return resolve(ok({ chatEnded: state === 'Idle', messages: transcript.filter((entry) => entry.index >= from) }))
        }
        case 'SendMessage':
          if (sendMessage === 'refuse') return resolve(answer(400, { statusCode: 2, statusMessage: 'The message was refused' }))
          add('Text', VISITOR, String(body.message ?? body.text))
          return resolve(ok())
        case 'Complete':
          if (participants.includes(VISITOR)) leave(VISITOR)
          state = 'Idle'
          return resolve(ok())
        default:
          return resolve(ok())
      }
    })
  return {
    http,
    hangRequestChat: () => void (requestChat = 'hang'),
    refuseRequestChat: () => void (requestChat = 'refuse'),
    refuseSends: () => void (sendMessage = 'refuse'),
    unreachable: () => void (polls = 'unreachable'),
    agentJoins() {
      state = 'Chatting'
      join(AGENT)
    },
    agentSays: (text: string) => add('Text', AGENT, text),
    agentTypes: () => add('TypingStarted', AGENT),
    agentLeaves() {
      leave(AGENT)
      state = 'Idle'
    },
    /** The server closes the chat with no agent ever in it. */
    closes: () => void (state = 'Idle'),
    /** The server drops the visitor after inactivity: their own leave is in the transcript. */
    dropsVisitor() {
      leave(VISITOR)
      state = 'Idle'
    },
  }
}

type World = ReturnType<typeof scriptedGws>

/** Until the engine shows what `done` wants (or fail after `timeoutMs` with what it shows). */
function until(chat: Chat, done: (snapshot: ChatSnapshot) => boolean, what: string, timeoutMs = 5000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (done(chat.getSnapshot())) return resolve()
    const timer = setTimeout(() => {
      stop()
      reject(new Error(`fixture recorder: the engine never showed ${what}; it shows ${JSON.stringify(chat.getSnapshot())}`))
    }, timeoutMs)
    const stop = chat.subscribe((snapshot) => {
      if (!done(snapshot)) return
      clearTimeout(timer)
      stop()
      resolve()
    })
  })
}

const START = { nickname: VISITOR.nickname, subject: 'A question about my bill' }

const queued = async (chat: Chat) => {
  chat.start(START)
  await until(chat, (s) => s.status === 'queued' && s.visitorId !== null && s.transcript.length === 1, 'queued')
}

/** Connected, a greeting, one message each way, nothing waiting in the outbox. */
async function conversation(chat: Chat, world: World) {
  await queued(chat)
  world.agentJoins()
  world.agentSays("Hi, I'm Ava. How can I help?")
  await until(chat, (s) => s.status === 'connected' && s.transcript.length === 3, 'the greeting')
  chat.send('Hello, my last bill looks too high.')
  await until(chat, (s) => s.transcript.length === 4 && s.outbox.length === 0, 'the visitor’s message echoed')
  world.agentSays('Let me look that up for you.')
  await until(chat, (s) => s.transcript.length === 5, 'the answer')
}

const ended = (reason: ChatSnapshot['endReason']) => (s: ChatSnapshot) => s.status === 'ended' && s.endReason === reason

/** Each fixture: drive the engine from a fresh start until it shows the state. */
const SCRIPTS: Record<FixtureName, (chat: Chat, world: World) => Promise<void>> = {
  idle: async () => {},
  requesting: async (chat, world) => {
    world.hangRequestChat()
    chat.start(START)
    await until(chat, (s) => s.status === 'requesting', 'requesting')
  },
  queued,
  connected: conversation,
  agentTyping: async (chat, world) => {
    await conversation(chat, world)
    world.agentTypes()
    await until(chat, (s) => s.agentTyping, 'the agent typing')
  },
  unread: async (chat, world) => {
    await conversation(chat, world)
    // The visitor closed the panel; the agent writes twice meanwhile.
    chat.setViewing(false)
    world.agentSays('I found the problem: a duplicate charge.')
    world.agentSays('It is refunded within five days.')
    await until(chat, (s) => s.unreadCount === 2, 'two unread messages')
  },
  failedSend: async (chat, world) => {
    await conversation(chat, world)
    world.refuseSends()
    chat.send('Can you send me a copy?')
    await until(chat, (s) => s.outbox[0]?.status === 'failed', 'a failed send')
  },
  reconnecting: async (chat, world) => {
    await conversation(chat, world)
    world.unreachable()
    await until(chat, (s) => s.connection === 'reconnecting', 'reconnecting')
  },
  offline: async (chat, world) => {
    await conversation(chat, world)
    // What the browser's `offline` event tells the engine.
    chat.actor.send({ type: 'network.offline' })
    await until(chat, (s) => s.connection === 'offline', 'offline')
  },
  endedByCustomer: async (chat, world) => {
    await conversation(chat, world)
    chat.end()
    await until(chat, ended('customer'), 'the end by the visitor')
  },
  endedByAgent: async (chat, world) => {
    await conversation(chat, world)
    world.agentSays('Glad I could help. Goodbye!')
    world.agentLeaves()
    await until(chat, ended('agent'), 'the end by the agent')
  },
  endedByServer: async (chat, world) => {
    await queued(chat)
    world.closes()
    await until(chat, ended('server'), 'the end by the server')
  },
  endedByTimeout: async (chat, world) => {
    await conversation(chat, world)
    world.dropsVisitor()
    await until(chat, ended('timeout'), 'the end after inactivity')
  },
  error: async (chat, world) => {
    world.refuseRequestChat()
    chat.start(START)
    await until(chat, (s) => s.status === 'error', 'the error')
  },
}

/** Record one fixture's snapshot from a fresh engine. */
export async function recordFixture(name: FixtureName): Promise<ChatSnapshot> {
  const world = scriptedGws()
  const fast = 5
  const chat = createChat({
    baseUrl: 'https://gws.example.com',
    contactCenterId: 'fixtures',
    http: world.http,
    persistence: false,
    locks: null,
    watchPage: false,
    random: () => 0.5,
    polling: { intervalMs: fast, activeIntervalMs: fast, hiddenIntervalMs: fast, easeMs: 1, chatStateEvery: 1, backoffBaseMs: fast, backoffMaxMs: fast, minIntervalMs: 1 },
  })
  try {
    await SCRIPTS[name](chat, world)
    return structuredClone(chat.getSnapshot())
  } finally {
    chat.destroy()
  }
}

/** Every fixture's snapshot, in the order of `FIXTURE_NAMES`. */
export async function recordFixtures(names: readonly FixtureName[]): Promise<Record<FixtureName, ChatSnapshot>> {
  const entries = await Promise.all(names.map(async (name) => [name, await recordFixture(name)] as const))
  return Object.fromEntries(entries) as Record<FixtureName, ChatSnapshot>
}
