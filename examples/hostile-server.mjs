// What the engine does with a quirky or hostile server: a GWS stand-in (an HttpAdapter, no network) whose transcript
// has a `null` text, an entry without an index, an unreadable entry and a skipped index, and whose rate limit asks for
// a Retry-After of 35 days. Run with `node examples/hostile-server.mjs` after `pnpm build`.
import { createChat } from '@gws-chat/core'

const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const transcript = [
  { index: 1, type: 'ParticipantJoined', text: null, from: { nickname: 'Chris', participantId: '1', type: 'Customer' } },
  { index: 2, type: 'ParticipantJoined', text: null, from: agent },
  { type: 'Text', text: 'an entry without an index', from: agent },
  { index: 3, type: 'Text', text: 42, from: agent },
  // Index 4 never comes.
  { index: 5, type: 'Text', text: 'Hello, how can I help?', from: agent },
]
let limited = 2
const json = (status, body, headers = {}) => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
const http = async ({ method, url }) => {
  if (method === 'POST' && url.endsWith('/api/v2/chats')) return json(200, { statusCode: 0, id: 'c1', path: '/api/v2/chats/../../admin' })
  if (url.includes('/messages')) {
    if (limited-- > 0) return json(429, { statusCode: 4, statusMessage: 'slow down' }, { 'retry-after': '3000000' })
    return json(200, { statusCode: 0, messages: transcript })
  }
  return json(200, { statusCode: 0, chat: { state: 'Chatting', participants: [agent], capabilities: null } })
}

const chat = createChat({
  baseUrl: 'https://gws.example.com',
  contactCenterId: 'demo',
  http,
  persistence: false,
  watchPage: false,
  // Scaled down for the example: the defaults are 3 s, 500 ms and one minute.
  polling: { intervalMs: 100, activeIntervalMs: 50, maxRetryAfterMs: 200, backoffBaseMs: 50 },
})
chat.on('error', ({ error }) => console.log(`error ${error.code}${error.index ? ` at ${error.index}` : ''}: ${error.message}`))
chat.start({ nickname: 'Chris', subject: 'Hostile server' })
await new Promise((resolve) => setTimeout(resolve, 2000))
for (const entry of chat.getSnapshot().transcript) {
  console.log(`#${entry.index} ${entry.type}${entry.missingFrom ? ` (from #${entry.missingFrom})` : ''}${entry.text ? `: ${entry.text}` : ''}`)
}
console.log(`chat resource: ${chat.actor.getSnapshot().context.location?.chat}`)
chat.destroy()
