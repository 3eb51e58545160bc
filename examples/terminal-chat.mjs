// A whole GWS customer chat in the terminal: the engine talks over real HTTP to
// the simulator (started here on a free loopback port) and prints what a
// visitor would see. Run with `pnpm start` (it builds the packages first).
import { createChat } from '@gws-chat/core'
import { startSimulator } from '@gws-chat/simulator'

const sim = await startSimulator({ port: 0, scenario: 'friendly', contactCenterIds: ['demo'], timeScale: 0.5 })
console.log(`simulator: ${sim.url} (ContactCenterId "demo")\n`)

const chat = createChat({ baseUrl: sim.url, contactCenterId: 'demo', polling: { intervalMs: 1000 } })

chat.on('status.changed', ({ status, previous }) => console.log(`  [${previous} → ${status}]`))
chat.on('agent.typing', ({ typing }) => typing && console.log('  (agent is typing…)'))
chat.on('message.received', ({ entry }) => console.log(`${entry.from.nickname || entry.from.type}: ${entry.text ?? entry.url ?? entry.type}`))
chat.on('error', ({ error }) => console.log(`  ! ${error.code}: ${error.message}`))

const until = (predicate) =>
  new Promise((resolve) => {
    if (predicate(chat.getSnapshot())) return resolve(chat.getSnapshot())
    const stop = chat.subscribe((snapshot) => {
      if (predicate(snapshot)) {
        stop()
        resolve(snapshot)
      }
    })
  })
const echoed = (text) => (s) => s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Customer' && e.text === text)

chat.start({ nickname: 'Chris', subject: 'A question about my bill', userData: { source: 'terminal example' } })
await until((s) => s.status === 'connected')

for (const line of ['Hello! My last bill looks too high.', 'It is invoice 4711.']) {
  chat.setTyping(true)
  console.log(`Chris: ${line}`)
  chat.send(line)
  await until(echoed(line))
  await until((s) => s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Agent' && e.text?.includes(line)))
}

chat.end()
const done = await until((s) => s.status === 'ended')
console.log(`\nended (${done.endReason}); ${done.transcript.length} transcript entries; requests made: ${sim.requests.length}`)
chat.destroy()
await sim.close()
