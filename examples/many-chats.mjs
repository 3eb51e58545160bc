// Many chats in one Node process (a bot, a load test, an agent-side tool): the chats spread over worker threads, each
// with its own event loop and its own node:http adapter, so one process polls on every core. The simulator plays the
// server. Run with `node examples/many-chats.mjs` after `pnpm build`.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { createChat } from '@gws-chat/core'
import { createNodeHttpAdapter } from '@gws-chat/core/node'
import { startSimulator } from '@gws-chat/simulator'

const THREADS = 2 // one per core the process has (os.availableParallelism())
const CHATS_PER_THREAD = 10

/** A worker thread: its chats, one adapter (keep-alive sockets shared by its chats), until told to end them. */
async function runChats({ url, first, count }) {
  const http = createNodeHttpAdapter()
  const chats = Array.from({ length: count }, () => createChat({ baseUrl: url, contactCenterId: 'demo', http }))
  // Each chat's status once it is one of `statuses`, or after `ms` whatever it is (a chat that fails is counted, not waited for).
  const settle = (statuses, ms) => {
    let timer
    const all = chats.map(
      (chat) =>
        new Promise((resolve) => {
          if (statuses.includes(chat.getSnapshot().status)) return resolve()
          const stop = chat.subscribe((snapshot) => statuses.includes(snapshot.status) && (stop(), resolve()))
        }),
    )
    return Promise.race([Promise.all(all), new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer))
  }
  chats.forEach((chat, i) => chat.start({ nickname: `visitor ${first + i}`, subject: 'many chats' }))
  await settle(['connected', 'ended', 'error'], 10_000)
  parentPort.postMessage(chats.filter((chat) => chat.getSnapshot().status === 'connected').length)
  await new Promise((resolve) => parentPort.once('message', resolve)) // "end them"
  chats.forEach((chat) => chat.end())
  await settle(['ended'], 10_000)
  parentPort.postMessage(chats.every((chat) => chat.getSnapshot().status === 'ended'))
  chats.forEach((chat) => chat.destroy())
}

if (!isMainThread) await runChats(workerData)
else {
  const agent = { nickname: 'Ava', joinAfterMs: 100, reply: 'none' }
  const sim = await startSimulator({ port: 0, scenario: { name: 'many', queue: false, agent }, contactCenterIds: ['demo'] })
  console.log(`${THREADS} worker threads in one process, ${CHATS_PER_THREAD} chats each`)
  const workers = Array.from(
    { length: THREADS },
    (_, t) => new Worker(new URL(import.meta.url), { workerData: { url: sim.url, first: t * CHATS_PER_THREAD, count: CHATS_PER_THREAD } }),
  )
  const connected = await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))))
  connected.forEach((n, t) => console.log(`thread ${t + 1}: ${n} of ${CHATS_PER_THREAD} chats connected`))
  workers.forEach((worker) => worker.postMessage('end them'))
  const ended = await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('message', resolve))))
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('exit', resolve))))
  console.log(ended.every(Boolean) ? 'every chat ended' : 'some chats did not end')
  await sim.close()
}
