// One worker thread of the concurrency ramp's `workers` client (bench/lib/concurrency-client.mjs): it hosts the chats
// the main thread hands it, on its own event loop with its own node:http adapter, and answers the main thread's
// requests for its event-loop delay, its heap and a CPU profile of itself.
import { Session } from 'node:inspector/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parentPort, workerData } from 'node:worker_threads'
import { createNodeHttpAdapter } from '@gws-chat/core/node'
import { openEngineChat } from './engine-chat.mjs'

const { simUrl, loopResolutionMs } = workerData
const http = createNodeHttpAdapter()
const chats = new Map()
const loop = monitorEventLoopDelay({ resolution: loopResolutionMs })
loop.enable()
const now = () => performance.timeOrigin + performance.now()

function open(i) {
  const destroy = openEngineChat({
    baseUrl: simUrl,
    http,
    i,
    onConnected: () => parentPort.postMessage({ type: 'connected', i, at: now() }),
    onError: (message) => parentPort.postMessage({ type: 'error', message }),
  })
  chats.set(i, destroy)
}

async function answer(request) {
  if (request.type === 'loop') {
    const empty = loop.count === 0
    const stats = { count: loop.count, p50: empty ? null : loop.percentile(50) / 1e6, p99: empty ? null : loop.percentile(99) / 1e6, max: empty ? null : loop.max / 1e6, heapUsed: process.memoryUsage().heapUsed }
    loop.reset()
    return stats
  }
  if (request.type === 'weigh') {
    globalThis.gc()
    globalThis.gc()
    return { heapUsed: process.memoryUsage().heapUsed }
  }
  if (request.type === 'profile') {
    const session = new Session()
    session.connect()
    await session.post('Profiler.enable')
    await session.post('Profiler.setSamplingInterval', { interval: request.intervalUs })
    await session.post('Profiler.start')
    await new Promise((resolve) => setTimeout(resolve, request.ms))
    const { profile } = await session.post('Profiler.stop')
    session.disconnect()
    return profile
  }
  if (request.type === 'close') {
    for (const destroy of chats.values()) destroy()
    chats.clear()
    loop.disable()
    return null
  }
  throw new Error(`unknown request ${request.type}`)
}

parentPort.on('message', (message) => {
  if (message.type === 'open') return open(message.i)
  answer(message).then(
    (value) => parentPort.postMessage({ type: 'answer', id: message.id, value }),
    (error) => parentPort.postMessage({ type: 'answer', id: message.id, error: error instanceof Error ? error.message : String(error) }),
  )
})
