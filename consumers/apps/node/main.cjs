// Node CommonJS consumer (run with --no-experimental-require-module): require the packed packages, run a whole chat against the simulator.
const assert = require('node:assert/strict')
const { createChat } = require('@gws-chat/core')
const { startSimulator } = require('@gws-chat/simulator')
async function main() {

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
  chat.start({ nickname: 'Chris', subject: 'CJS consumer' })
  await until((s) => s.status === 'connected', 'the agent')
  chat.send('Hello from CJS')
  const s = await until((s) => s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Agent' && e.text?.includes('Hello from CJS')), "the agent's answer")
  assert.ok(s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Customer' && e.text === 'Hello from CJS'), 'own message in the transcript')
  chat.end()
  const done = await until((s) => s.status === 'ended', 'ended')
  assert.equal(done.endReason, 'customer')
  console.log(`ok: ${done.transcript.length} entries, ${sim.requests.length} requests`)
} finally {
  chat.destroy()
  await sim.close()
}
}
main().catch((error) => { console.error(error); process.exit(1) })
