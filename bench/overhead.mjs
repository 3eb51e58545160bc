// Engine overhead per poll: CPU time of the client process per request, the whole engine (HTTP
// adapter, validation, machine, store, one subscriber) against a bare loop doing the same fetch +
// JSON.parse. Both over loopback against a tiny GWS server in a child process, so its CPU is not counted.
import path from 'node:path'
import { createChat, createFetchAdapter, createOfetchAdapter } from '@gws-chat/core'
import { createNodeHttpAdapter } from '@gws-chat/core/node'
import http from 'node:http'
import { startChild } from './lib/child.mjs'
import { BENCH_DIR, fmt, header, median, saveResult, table } from './lib/report.mjs'

const REQUESTS = Number(process.env.OVERHEAD_REQUESTS ?? 3000)
const ROUNDS = Number(process.env.OVERHEAD_ROUNDS ?? 3)
const FAST = { intervalMs: 1, activeIntervalMs: 1, easeMs: 1, hiddenIntervalMs: 1 }
const HEADERS = { Accept: 'application/json', ContactCenterId: 'demo' }

function cpuSince(start) {
  const used = process.cpuUsage(start)
  return used.user + used.system
}

/** The whole engine, polling as fast as its options allow; stops after `requests` HTTP requests. */
function engineRun(url, requests, adapter) {
  return new Promise((resolve) => {
    let count = 0
    let cpuStart = null
    let wallStart = 0
    let done = false
    const inner = adapter === 'fetch' ? createFetchAdapter() : adapter === 'node' ? createNodeHttpAdapter() : createOfetchAdapter()
    const http = async (request) => {
      const response = await inner(request)
      if (request.method === 'GET' && ++count === requests && !done) {
        done = true
        const cpu = cpuSince(cpuStart)
        const wall = performance.now() - wallStart
        setImmediate(() => {
          chat.destroy()
          resolve({ cpuUs: cpu, wallMs: wall, requests })
        })
      }
      return response
    }
    const chat = createChat({ baseUrl: url, contactCenterId: 'demo', http, polling: FAST })
    let seen = 0
    chat.subscribe((snapshot) => {
      seen = snapshot.transcript.length
    })
    void seen
    cpuStart = process.cpuUsage()
    wallStart = performance.now()
    chat.start({ nickname: 'Chris', subject: 'bench' })
  })
}

/** The same requests as the engine (GetMessages each round, GetChat every second round) with `get` + nothing else. */
async function bareLoop(url, requests, pauseMs, get) {
  const location = `${url}/api/v2/chats/c1`
  const cpuStart = process.cpuUsage()
  const wallStart = performance.now()
  let count = 0
  for (let i = 0; count < requests; i++) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs))
    if (i % 2 === 0 && count + 1 < requests) {
      await Promise.all([get(`${location}/messages?index=1`), get(location)])
      count += 2
    } else {
      await get(`${location}/messages?index=1`)
      count += 1
    }
  }
  return { cpuUs: cpuSince(cpuStart), wallMs: performance.now() - wallStart, requests: count }
}

/** The floor: fetch + JSON.parse. */
const bareRun = (url, requests, pauseMs = 0) =>
  bareLoop(url, requests, pauseMs, async (target) => JSON.parse(await (await fetch(target, { headers: HEADERS })).text()))

/** The floor for the Node adapter: `http.request` on a keep-alive agent + JSON.parse. */
async function bareHttpRun(url, requests, pauseMs = 1) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 })
  const get = (target) =>
    new Promise((resolve, reject) => {
      http
        .get(target, { headers: HEADERS, agent }, (response) => {
          let body = ''
          response.setEncoding('utf8')
          response.on('data', (chunk) => (body += chunk))
          response.on('end', () => resolve(JSON.parse(body)))
        })
        .on('error', reject)
    })
  try {
    return await bareLoop(url, requests, pauseMs, get)
  } finally {
    agent.destroy()
  }
}

export async function run() {
  const server = await startChild(path.join(BENCH_DIR, 'lib/tiny-gws-server.mjs'))
  try {
    const variants = {
      bare: (n) => bareRun(server.url, n),
      barePaced: (n) => bareRun(server.url, n, 1),
      engine: (n) => engineRun(server.url, n, 'ofetch'),
      engineFetch: (n) => engineRun(server.url, n, 'fetch'),
      bareHttp: (n) => bareHttpRun(server.url, n),
      engineNode: (n) => engineRun(server.url, n, 'node'),
    }
    for (const runVariant of Object.values(variants)) await runVariant(Math.round(REQUESTS / 3)) // warm-up
    const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]))
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, runVariant] of Object.entries(variants)) {
        const result = await runVariant(REQUESTS)
        samples[name].push({ cpuPerRequestUs: result.cpuUs / result.requests, wallPerRequestMs: result.wallMs / result.requests })
      }
    }
    const summary = Object.fromEntries(
      Object.entries(samples).map(([name, list]) => [
        name,
        { cpuPerRequestUs: median(list.map((s) => s.cpuPerRequestUs)), wallPerRequestMs: median(list.map((s) => s.wallPerRequestMs)), samples: list },
      ]),
    )
    const labels = {
      bare: 'bare loop: fetch + JSON.parse, back to back',
      barePaced: 'bare loop, 1 ms pause between polls (the engine\'s pace)',
      engine: 'engine, default ofetch adapter',
      engineFetch: 'engine, createFetchAdapter',
      bareHttp: 'bare loop on node:http (keep-alive), 1 ms pause',
      engineNode: 'engine, createNodeHttpAdapter (@gws-chat/core/node)',
    }
    header(`Engine overhead per poll (loopback, ${ROUNDS} rounds of ${REQUESTS} requests, median; server in a child process)`)
    console.log(table(
      ['Client', 'CPU µs / request', 'wall ms / request', 'vs bare loop', 'vs paced bare loop'],
      Object.entries(summary).map(([name, s]) => [
        labels[name],
        fmt(s.cpuPerRequestUs, 0),
        fmt(s.wallPerRequestMs, 3),
        `${fmt(s.cpuPerRequestUs / summary.bare.cpuPerRequestUs, 2)}×`,
        `${fmt(s.cpuPerRequestUs / summary.barePaced.cpuPerRequestUs, 2)}×`,
      ]),
    ))
    const ratio = summary.engine.cpuPerRequestUs / summary.barePaced.cpuPerRequestUs
    const ratioFetch = summary.engineFetch.cpuPerRequestUs / summary.barePaced.cpuPerRequestUs
    const ratioNode = summary.engineNode.cpuPerRequestUs / summary.bareHttp.cpuPerRequestUs
    console.log(`\nTarget ≤ 1.30× (engine vs the bare fetch loop at the same pace): ofetch ${fmt(ratio, 2)}×, fetch adapter ${fmt(ratioFetch, 2)}× (${ratioFetch <= 1.3 ? 'met' : 'missed'})`)
    console.log(`Node adapter vs a bare node:http loop: ${fmt(ratioNode, 2)}×; vs the bare fetch loop: ${fmt(summary.engineNode.cpuPerRequestUs / summary.barePaced.cpuPerRequestUs, 2)}×`)
    saveResult('overhead', { requests: REQUESTS, rounds: ROUNDS, summary, ratio, ratioBackToBack: summary.engine.cpuPerRequestUs / summary.bare.cpuPerRequestUs, ratioFetchAdapter: ratioFetch, ratioNodeAdapter: ratioNode, ratioNodeVsFetchLoop: summary.engineNode.cpuPerRequestUs / summary.barePaced.cpuPerRequestUs })
  } finally {
    await server.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run()
