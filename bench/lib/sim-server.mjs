// The simulator in its own process: startSimulator on a random loopback port, { url } to the parent.
// Options come as JSON in SIM_OPTIONS. The request log is drained every 100 ms so a long run stays flat.
//
// With SIM_POLL_WATCH='{"restingMs":3000,"slackMs":500}' it also keeps the request log of every chat's GetMessages and
// sends the parent a `window` message every second: requests answered, GetMessages seen, polls missed, and this
// process's own event-loop delay and CPU (so a reader can tell a slow client from a slow simulator). A poll is missed
// when a chat's last GetMessages answer left this server more than restingMs + slackMs ago and no GetMessages of that
// chat has arrived since: counted once per such gap, when the next request arrives or, for a chat that never asks
// again, by the sweep that runs every 100 ms.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { startSimulator } from '@gws-chat/simulator'

const options = JSON.parse(process.env.SIM_OPTIONS ?? '{}')
const watch = process.env.SIM_POLL_WATCH ? JSON.parse(process.env.SIM_POLL_WATCH) : null
const sim = await startSimulator({ port: 0, host: '127.0.0.1', ...options })

/** Per chat: the last GetMessages entry (updated in place by the simulator when answered) and whether its gap was counted. */
const chats = new Map()
const window = { requests: 0, polls: 0, missed: 0, lateMs: [] }
let totalMissed = 0
let watching = watch !== null

function answeredAt(entry) {
  return entry.status === 0 ? null : entry.time + entry.durationMs
}

function drain(now) {
  const entries = sim.requests
  sim.clearRequests()
  if (!watching) return
  window.requests += entries.length
  for (const entry of entries) {
    if (entry.operation !== 'GetMessages' || !entry.chatId) continue
    window.polls++
    const last = chats.get(entry.chatId)
    if (last) {
      const answered = answeredAt(last.entry)
      if (answered !== null) {
        const late = entry.time - answered - watch.restingMs
        window.lateMs.push(late)
        if (late > watch.slackMs && !last.counted) {
          window.missed++
          totalMissed++
        }
      }
    }
    chats.set(entry.chatId, { entry, counted: false })
  }
  // A chat that stopped asking: its gap is counted as soon as it is over the limit.
  for (const last of chats.values()) {
    if (last.counted) continue
    const answered = answeredAt(last.entry)
    if (answered !== null && now - answered - watch.restingMs > watch.slackMs) {
      last.counted = true
      window.missed++
      totalMissed++
    }
  }
}

setInterval(() => drain(Date.now()), 100).unref()

if (watch) {
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  let cpu = process.cpuUsage()
  let at = performance.now()
  setInterval(() => {
    const used = process.cpuUsage(cpu)
    const now = performance.now()
    const late = window.lateMs.sort((a, b) => a - b)
    process.send?.({
      type: 'window',
      chats: chats.size,
      requests: window.requests,
      polls: window.polls,
      missed: window.missed,
      totalMissed,
      pollLateP99Ms: late.length ? late[Math.floor((late.length - 1) * 0.99)] : null,
      pollLateMaxMs: late.length ? late[late.length - 1] : null,
      loopP99Ms: loop.percentile(99) / 1e6 - 10,
      loopMaxMs: loop.max / 1e6 - 10,
      cpuPercent: (100 * (used.user + used.system)) / 1000 / (now - at),
      rssBytes: process.memoryUsage.rss(),
    })
    loop.reset()
    cpu = process.cpuUsage()
    at = now
    window.requests = 0
    window.polls = 0
    window.missed = 0
    window.lateMs = []
  }, 1000).unref()
  // The parent may stop the watch (e.g. before it tears the chats down): what arrived so far is still counted.
  process.on('message', (message) => {
    if (message?.type !== 'unwatch') return
    drain(Date.now())
    watching = false
    chats.clear()
  })
}

process.send?.({ url: sim.url })
process.on('disconnect', async () => {
  await sim.close()
  process.exit(0)
})
