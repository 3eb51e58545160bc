// The engine alone, per chat (forked by bench/concurrency.mjs with --expose-gc): CHATS connected chats at rest, with
// createChat's defaults, over an in-memory transport (answers after a 1 ms timer, no sockets), so the figures are the engine's own, free of any
// HTTP client: heap and RSS per idle connected chat after a forced GC, XState actors per chat, and the engine's CPU per
// request while every chat rests at the 3 s interval. The result goes to the parent over IPC.
import { createChat } from '@gws-chat/core'

const CHATS = Number(process.env.CONCURRENCY_MEMORY_CHATS ?? 2000)
const SETTLE_MS = 9000 // past the 5 s easing: every chat rests at 3 s
const MEASURE_MS = 9000

if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const weigh = () => (globalThis.gc(), globalThis.gc(), process.memoryUsage())

const customer = { nickname: 'visitor', participantId: '1', type: 'Customer' }
const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const JSON_HEADERS = { 'content-type': 'application/json' }
const joined = JSON.stringify({ statusCode: 0, messages: [{ index: 1, type: 'ParticipantJoined', from: customer }, { index: 2, type: 'ParticipantJoined', from: agent }] })
const nothingNew = JSON.stringify({ statusCode: 0, messages: [] })
const chatting = JSON.stringify({ statusCode: 0, chat: { state: 'Chatting', participants: [customer, agent], capabilities: ['SendMessage', 'Complete'] } })
let chatIds = 0
let requests = 0

/** A GWS whose agent is there at once and never writes; every answer comes 1 ms later, as from a fast server. */
const http = (request) =>
  new Promise((resolve) => {
    setTimeout(() => {
      requests++
      if (request.method === 'POST') {
        const id = `c${++chatIds}`
        resolve({ status: 200, headers: JSON_HEADERS, body: JSON.stringify({ statusCode: 0, id, path: `/api/v2/chats/${id}` }) })
      } else if (request.url.includes('/messages')) resolve({ status: 200, headers: JSON_HEADERS, body: request.url.endsWith('index=1') ? joined : nothingNew })
      else resolve({ status: 200, headers: JSON_HEADERS, body: chatting })
    }, 1)
  })

function actorsIn(actor) {
  const children = Object.values(actor.getSnapshot().children ?? {})
  return 1 + children.reduce((sum, child) => sum + (child ? actorsIn(child) : 0), 0)
}

// The actor system alone: chats created (every child machine running, contexts empty), never started, no request.
let base = weigh()
const unstarted = []
for (let i = 0; i < CHATS; i++) unstarted.push(createChat({ baseUrl: 'http://gws.invalid', contactCenterId: 'demo', http }))
const created = weigh()
const unstartedHeapPerChatBytes = (created.heapUsed - base.heapUsed) / CHATS
unstarted.forEach((chat) => chat.destroy())
unstarted.length = 0

base = weigh()
const chats = []
for (let i = 0; i < CHATS; i++) {
  const chat = createChat({ baseUrl: 'http://gws.invalid', contactCenterId: 'demo', http })
  chat.subscribe(() => {})
  chat.start({ nickname: `visitor ${i}`, subject: 'bench' })
  chats.push(chat)
  if (i % 100 === 99) await sleep(10)
}
await sleep(SETTLE_MS)
const connected = chats.filter((chat) => chat.getSnapshot().status === 'connected').length
const after = weigh()
const requestsBefore = requests
const cpu = process.cpuUsage()
await sleep(MEASURE_MS)
const used = process.cpuUsage(cpu)
const measured = requests - requestsBefore
const actorsPerChat = actorsIn(chats[0].actor)
chats.forEach((chat) => chat.destroy())
chats.length = 0

// The same without persistence (`persistence: false`, as a server-side tool that never reloads would run).
base = weigh()
for (let i = 0; i < CHATS; i++) {
  const chat = createChat({ baseUrl: 'http://gws.invalid', contactCenterId: 'demo', http, persistence: false })
  chat.subscribe(() => {})
  chat.start({ nickname: `visitor ${i}`, subject: 'bench' })
  chats.push(chat)
  if (i % 100 === 99) await sleep(10)
}
await sleep(SETTLE_MS)
const lean = weigh()
const leanConnected = chats.filter((chat) => chat.getSnapshot().status === 'connected').length

process.send?.({
  type: 'result',
  result: {
    chats: CHATS,
    connected,
    actorsPerChat,
    heapPerChatBytes: (after.heapUsed - base.heapUsed) / connected,
    unstartedHeapPerChatBytes,
    withoutPersistenceHeapPerChatBytes: (lean.heapUsed - base.heapUsed) / leanConnected,
    rssPerChatBytes: (after.rss - base.rss) / connected,
    requestsPerSecond: measured / (MEASURE_MS / 1000),
    cpuUsPerRequest: (used.user + used.system) / measured,
  },
})
chats.forEach((chat) => chat.destroy())
process.disconnect?.()
