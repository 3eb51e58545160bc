// Hostile inputs at scale: the longest stretch one GetMessages answer of 100,000 entries blocks the event loop
// (from the answer's arrival to the snapshot showing it, JSON.parse included), what 10,000 send() calls in a row cost
// with persistence on, and how many typing requests 500 typing toggles make.
import { createChat } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import { createFakeGws } from './lib/fake-gws.mjs'
import { fmt, header, median, saveResult, table } from './lib/report.mjs'

const ENTRIES = 100_000
const MANUAL = { intervalMs: 3_600_000, activeIntervalMs: 3_600_000, hiddenIntervalMs: 3_600_000, keepAliveMs: 36_000_000 }
const settle = () => new Promise((resolve) => setImmediate(resolve))

/** A connected chat over the in-memory GWS whose next GetMessages answer is measured. */
async function connectedChat(options = {}) {
  const gws = createFakeGws({ latencyMs: 0 })
  const blocks = []
  let measure = false
  const http = (request) =>
    gws.http(request).then((response) => {
      if (measure && response.body.length > 1_000_000) {
        // The answer has arrived (the fake server's own JSON.stringify is behind us): time until the loop is free.
        const arrived = performance.now()
        setImmediate(() => {
          const block = performance.now() - arrived
          // What any client pays for the same body: one bare JSON.parse.
          const parseStart = performance.now()
          JSON.parse(response.body)
          blocks.push({ block, parse: performance.now() - parseStart })
        })
      }
      return response
    })
  const storage = new Map()
  const chat = createChat({
    baseUrl: 'https://gws.example.com',
    contactCenterId: 'bench',
    http,
    polling: MANUAL,
    watchPage: false,
    persistence: persistChat({ storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) } }),
    ...options,
  })
  chat.start({ nickname: 'Chris', subject: 'bench' })
  for (let i = 0; i < 5; i++) await settle()
  gws.agentJoins()
  chat.setPageVisible(false)
  chat.setPageVisible(true)
  for (let i = 0; i < 5; i++) await settle()
  return { chat, gws, blocks, measureNext: () => (measure = true) }
}

async function largeAnswer() {
  const { chat, gws, blocks, measureNext } = await connectedChat()
  measureNext()
  for (let i = 0; i < ENTRIES; i++) gws.agentSays(`line ${i}`)
  const target = gws.state.transcript.length
  await new Promise((resolve) => setTimeout(resolve, 300))
  chat.setPageVisible(false)
  chat.setPageVisible(true)
  while (chat.getSnapshot().transcript.length < target) await new Promise((resolve) => setTimeout(resolve, 5))
  await settle()
  chat.destroy()
  return blocks[0]
}

async function manySends() {
  const { chat } = await connectedChat()
  chat.setPageVisible(true)
  chat.actor.send({ type: 'network.offline' })
  const start = performance.now()
  let accepted = 0
  let refused = 0
  for (let i = 0; i < 10_000; i++) {
    try {
      chat.send(`message ${i}`)
      accepted++
    } catch {
      refused++
    }
  }
  const loop = performance.now() - start
  const queuedAt = performance.now()
  for (let i = 0; i < 9_500; i++) {
    try {
      chat.send('refused')
    } catch {
      // counted above
    }
  }
  const refusals = performance.now() - queuedAt
  await settle()
  const total = performance.now() - start
  chat.destroy()
  return { loop, total, accepted, refused, refusals }
}

async function typingToggles() {
  const { chat, gws } = await connectedChat()
  const before = gws.requests.length
  for (let i = 0; i < 500; i++) chat.setTyping(i % 2 === 0)
  await new Promise((resolve) => setTimeout(resolve, 200))
  const typing = gws.requests.slice(before).filter((r) => r.operation.includes('Typing')).length
  chat.destroy()
  return typing
}

export async function run() {
  await largeAnswer() // warm-up, discarded
  const runs = []
  for (let i = 0; i < 5; i++) runs.push(await largeAnswer())
  const blocks = runs.map((r) => r.block)
  const own = runs.map((r) => r.block - r.parse)
  const sends = await manySends()
  const typing = await typingToggles()
  header('Hostile inputs at scale (in-memory GWS, no network)')
  console.log(table(
    ['Case', 'Measured', 'Target'],
    [
      [`One answer of ${ENTRIES.toLocaleString('en-US')} entries: event-loop block, median of 5 (max)`, `${fmt(median(blocks), 0)} ms (${fmt(Math.max(...blocks), 0)} ms)`, '–'],
      ['… of it the engine’s own work (the block less a bare JSON.parse of the same body)', `${fmt(median(own), 0)} ms (${fmt(Math.max(...own), 0)} ms)`, '≤ 100 ms'],
      ['10,000 send() calls with persistence on: the loop, and until the record is written', `${fmt(sends.loop, 0)} ms, ${fmt(sends.total, 0)} ms (${sends.accepted} queued, ${sends.refused} refused: the outbox holds 500)`, 'no quadratic rewrite'],
      ['500 typing toggles in a row: typing requests', `${typing}`, '≤ 2'],
    ],
  ))
  saveResult('hostile', { entries: ENTRIES, runs, blockMedian: median(blocks), ownMedian: median(own), sends, typing })
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
