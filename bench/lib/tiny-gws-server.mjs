// A tiny GWS Customer Chat server for loopback benchmarks, run as a child process (node:child_process
// fork): every chat exists, polls answer at once with fixed small bodies. Sends { url } to its parent.
import http from 'node:http'

const entriesPerPoll = Number(process.env.TINY_GWS_ENTRIES ?? 0)
const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
let chats = 0

function messages(from) {
  const list = []
  for (let i = 0; i < entriesPerPoll; i++) list.push({ index: from + i, type: 'Text', from: agent, text: `line ${from + i}` })
  return list
}

const server = http.createServer((request, response) => {
  const url = new URL(request.url, 'http://x')
  let body = ''
  request.on('data', (chunk) => (body += chunk))
  request.on('end', () => {
    let answer
    if (request.method === 'POST') {
      const operation = body ? JSON.parse(body).operationName : ''
      answer = operation === 'RequestChat' ? { statusCode: 0, id: `c${++chats}`, path: `/api/v2/chats/c${chats}` } : { statusCode: 0 }
    } else if (url.pathname.endsWith('/messages')) {
      answer = { statusCode: 0, messages: messages(Number(url.searchParams.get('index') ?? 1)) }
    } else {
      answer = { statusCode: 0, chat: { id: 'c', state: 'Chatting', participants: [customer, agent], capabilities: ['SendMessage', 'Complete'] } }
    }
    const text = JSON.stringify(answer)
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) })
    response.end(text)
  })
})
let connections = 0
server.on('connection', () => connections++)
if (process.env.TINY_GWS_REPORT) setInterval(() => console.error('connections', connections), 2000).unref()
server.keepAliveTimeout = 60_000
server.listen(0, '127.0.0.1', () => process.send?.({ url: `http://127.0.0.1:${server.address().port}` }))
process.on('disconnect', () => process.exit(0))
