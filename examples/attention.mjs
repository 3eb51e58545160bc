// Unread messages, entry times and the title badge, without a browser: a GWS stand-in (an HttpAdapter, no network)
// whose agent answers while the visitor's chat panel is closed, and a stand-in `document` with the page's title.
// Run with `node examples/attention.mjs` after `pnpm build`.
import { createChat } from '@gws-chat/core'
import { titleBadge } from '@gws-chat/core/attention'

globalThis.document = { title: 'Shop – Orders' }

const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const transcript = [{ index: 1, type: 'ParticipantJoined', from: { nickname: 'Chris', participantId: '1', type: 'Customer' } }]
const say = (text, extra = {}) => transcript.push({ index: transcript.length + 1, type: 'Text', text, from: agent, ...extra })
const json = (body) => ({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ statusCode: 0, ...body }) })
const http = async ({ method, url }) => {
  if (method === 'POST' && url.endsWith('/api/v2/chats')) return json({ id: 'c1' })
  const from = Number(new URL(url).searchParams.get('index'))
  if (url.includes('/messages')) return json({ messages: transcript.filter((entry) => entry.index >= from) })
  return json({ chat: { state: 'Chatting', participants: [agent], capabilities: [] } })
}

// The engine's clock (here: 5 January 2026, 09:31 UTC when the script starts) stamps entries without a time of their own.
const startedAt = Date.now()
const chat = createChat({
  baseUrl: 'https://gws.example.com',
  contactCenterId: 'demo',
  http,
  persistence: false,
  watchPage: false,
  now: () => Date.UTC(2026, 0, 5, 9, 31) + (Date.now() - startedAt),
  // Scaled down for the example: the default is a poll every 3 s.
  polling: { intervalMs: 50, activeIntervalMs: 50 },
})
const stopBadge = titleBadge(chat)
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const show = (what) => console.log(`${what}: unread ${chat.getSnapshot().unreadCount}, title "${document.title}"`)

chat.start({ nickname: 'Chris', subject: 'Where is my parcel?' })
await wait(200)
chat.setViewing(false) // the visitor closed the chat panel
say('Your parcel left our warehouse today.', { utcTime: '2026-01-05T09:12:00Z' })
say('It arrives on Thursday.')
await wait(300)
show('panel closed')
chat.setViewing(true) // the panel is open again: what it shows is read
chat.markRead()
show('panel open')
for (const entry of chat.getSnapshot().transcript.filter((e) => e.type === 'Text')) {
  console.log(`${new Date(entry.time).toISOString().slice(11, 16)} ${entry.from.nickname}: ${entry.text}`)
}
stopBadge()
chat.destroy()
