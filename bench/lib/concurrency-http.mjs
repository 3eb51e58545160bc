// The HTTP clients alone, many requests in flight as with many chats (forked by bench/concurrency.mjs): LOOPS loops
// each asking the simulator at SIM_URL for one chat's GetMessages through an adapter, a pause between two, for a few
// seconds per adapter; CPU of this process per request. No engine: what each HTTP client itself costs at concurrency
// (a loop of one request at a time, as in bench/overhead.mjs, pays every wake-up alone and costs more per request).
import { createFetchAdapter, createOfetchAdapter } from '@gws-chat/core'
import { createNodeHttpAdapter } from '@gws-chat/core/node'

const SIM_URL = process.env.SIM_URL
const LOOPS = 500
const PAUSE_MS = 100
const MEASURE_MS = 6000
const WARMUP_MS = 2000
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const created = await (
  await fetch(`${SIM_URL}/api/v2/chats`, {
    method: 'POST',
    headers: { Accept: 'application/json', ContactCenterId: 'demo', 'Content-Type': 'application/json' },
    body: JSON.stringify({ operationName: 'RequestChat', nickname: 'visitor', subject: 'bench' }),
  })
).json()
const url = `${SIM_URL}/api/v2/chats/${created.id}/messages?index=3`
const headers = { Accept: 'application/json', ContactCenterId: 'demo' }

async function measure(http) {
  let requests = 0
  let counting = false
  let running = true
  const loop = async () => {
    while (running) {
      const answer = await http({ method: 'GET', url, headers, signal: new AbortController().signal, withCredentials: false })
      JSON.parse(answer.body)
      if (counting) requests++
      await sleep(PAUSE_MS)
    }
  }
  const loops = Array.from({ length: LOOPS }, loop)
  await sleep(WARMUP_MS)
  counting = true
  const cpu = process.cpuUsage()
  await sleep(MEASURE_MS)
  const used = process.cpuUsage(cpu)
  counting = false
  running = false
  await Promise.all(loops)
  return { requestsPerSecond: requests / (MEASURE_MS / 1000), cpuUsPerRequest: (used.user + used.system) / requests }
}

const result = {
  loops: LOOPS,
  node: await measure(createNodeHttpAdapter()),
  fetch: await measure(createFetchAdapter()),
  ofetch: await measure(createOfetchAdapter()),
}
process.send?.({ type: 'result', result })
process.disconnect?.()
