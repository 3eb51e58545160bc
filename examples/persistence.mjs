// Restore after reload, without a browser: the engine keeps its record in a storage (here an in-memory one standing
// in for the page's sessionStorage), and a second engine on the same storage (the page after a reload) resumes the
// chat. A GWS stand-in (an HttpAdapter, no network) plays the server. Run with `node examples/persistence.mjs` after `pnpm build`.
import { createChat } from '@gws-chat/core'
import { createMemoryStorage, persistChat } from '@gws-chat/core/persistence'

const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const transcript = [{ index: 1, type: 'ParticipantJoined', from: { nickname: 'Chris', participantId: '1', type: 'Customer' } }]
const json = (body) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ statusCode: 0, ...body }) })
const http = async ({ method, url, body }) => {
  if (method === 'POST' && url.endsWith('/api/v2/chats')) return json({ id: 'c1' })
  const sent = method === 'POST' ? JSON.parse(body) : null
  if (sent?.operationName === 'SendMessage') transcript.push({ index: transcript.length + 1, type: 'Text', text: sent.text, from: transcript[0].from })
  if (sent) return json({})
  const from = Number(new URL(url).searchParams.get('index'))
  if (url.includes('/messages')) return json({ messages: transcript.filter((entry) => entry.index >= from) })
  return json({ chat: { state: 'Chatting', participants: [agent], capabilities: [] } })
}
const storage = createMemoryStorage() // in a browser, leave `storage` out: persistChat() uses sessionStorage
// Scaled down for the example: the default is a poll every 3 s.
const options = { baseUrl: 'https://gws.example.com', contactCenterId: 'demo', http, watchPage: false, polling: { intervalMs: 50, activeIntervalMs: 50 } }
const page = (extra) => createChat({ ...options, ...extra })
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const show = (what, chat) => {
  const { status, chatId, transcript } = chat.getSnapshot()
  console.log(`${what}: ${status}, chat ${chatId}, ${transcript.filter((e) => e.type === 'Text').map((e) => `${e.from.nickname}: ${e.text}`).join(' | ') || 'no messages'}`)
}

const before = page({ persistence: persistChat({ storage }) })
before.start({ nickname: 'Chris', subject: 'Where is my parcel?' })
await wait(100)
transcript.push({ index: 2, type: 'Text', text: 'Hello Chris, how can I help?', from: agent })
before.send('My parcel is late.')
await wait(200)
show('before the reload', before)
before.destroy() // the page goes away; its record stays in the storage

const after = page({ persistence: persistChat({ storage }) })
show('after the reload', after) // resumed at once, before any request
await wait(200)
show('a moment later', after)
after.destroy()

const without = page({}) // no persistence: no record is read or written
show('without persistence', without)
without.destroy()

try {
  page({ persistence: { storage } }) // the object form of earlier versions
} catch (error) {
  console.log(`${error.name}: ${error.message}`)
}
