// Node ESM consumer: import the packed packages, run a whole chat against the simulator.
import assert from 'node:assert/strict'
import { createChat } from '@gws-chat/core'
import { startSimulator } from '@gws-chat/simulator'

const sim = await startSimulator({ port: 0, scenario: 'friendly', timeScale: 0.05 })
const chat = createChat({ baseUrl: sim.url, contactCenterId: 'demo', persistence: false, polling: { intervalMs: 100 } })
const until = (predicate, what, ms = 10_000) =>
  new Promise((resolve, reject) => {
    let stop = () => {}
    const timer = setTimeout(() => (stop(), reject(new Error(`timed out waiting for ${what}; status ${chat.getSnapshot().status}`))), ms)
    const check = (s) => predicate(s) && (clearTimeout(timer), stop(), resolve(s), true)
    if (!check(chat.getSnapshot())) stop = chat.subscribe(check)
  })
try {
  chat.start({ nickname: 'Chris', subject: 'ESM consumer' })
  await until((s) => s.status === 'connected', 'the agent')
  chat.send('Hello from ESM')
  const s = await until((s) => s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Agent' && e.text?.includes('Hello from ESM')), "the agent's answer")
  assert.ok(s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Customer' && e.text === 'Hello from ESM'), 'own message in the transcript')
  chat.end()
  const done = await until((s) => s.status === 'ended', 'ended')
  assert.equal(done.endReason, 'customer')
  console.log(`ok: ${done.transcript.length} entries, ${sim.requests.length} requests`)
} finally {
  chat.destroy()
  await sim.close()
}
