// Measures the simulator's resident memory while clients send oversized request bodies.
//
//   node packages/simulator/scripts/body-memory.mjs [path/to/dist/index.js] [--count 5] [--mb 50]
//
// The simulator runs in a child process (so the sender's buffers do not count); the body is streamed
// in 64 KiB chunks, never held whole. Prints the child's RSS before, after each body, and at the end.
// A measurement, not a test: the figures depend on the machine.
import { fork } from 'node:child_process'
import { request } from 'node:http'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { resolve } from 'node:path'

const args = process.argv.slice(2)
const flag = (name, fallback) => {
  const i = args.indexOf(name)
  return i === -1 ? fallback : Number(args[i + 1])
}

if (process.env.BODY_MEMORY_CHILD) {
  const { startSimulator } = await import(process.env.BODY_MEMORY_CHILD)
  const sim = await startSimulator({ port: 0 })
  const rss = () => {
    globalThis.gc?.()
    return process.memoryUsage().rss
  }
  process.on('message', (m) => {
    if (m === 'rss') process.send({ rss: rss(), logged: sim.requests.length })
    if (m === 'stop') void sim.close().then(() => process.exit(0))
  })
  process.send({ url: sim.url })
} else {
  const here = fileURLToPath(new URL('.', import.meta.url))
  const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'))
  const entry = pathToFileURL(resolve(positional[0] ?? `${here}../dist/index.js`)).href
  const count = flag('--count', 5)
  const mb = flag('--mb', 50)
  const child = fork(fileURLToPath(import.meta.url), [], { env: { ...process.env, BODY_MEMORY_CHILD: entry }, execArgv: ['--expose-gc'] })
  const next = () => new Promise((done) => child.once('message', done))
  const { url } = await next()
  const ask = async () => {
    child.send('rss')
    return next()
  }
  const mib = (n) => `${(n / 1024 / 1024).toFixed(0)} MiB`
  console.log(`simulator ${entry}`)
  console.log(`before: RSS ${mib((await ask()).rss)}`)
  const chunk = Buffer.alloc(64 * 1024, 'a')
  for (let i = 1; i <= count; i++) {
    const status = await new Promise((done) => {
      const target = new URL('/api/v2/chats', url)
      const req = request(target, { method: 'POST', headers: { 'content-type': 'application/json', contactcenterid: 'demo' } }, (res) => {
        res.resume()
        res.on('end', () => done(res.statusCode))
      })
      req.on('error', (e) => done(`connection ${e.code ?? e.message}`))
      let left = Math.ceil((mb * 1024 * 1024) / chunk.length)
      const pump = () => {
        while (left > 0) {
          left -= 1
          if (!req.write(chunk)) return void req.once('drain', pump)
        }
        req.end()
      }
      pump()
    })
    const { rss, logged } = await ask()
    console.log(`body ${i} (${mb} MiB): answer ${status}; RSS ${mib(rss)}; request log ${logged} entr${logged === 1 ? 'y' : 'ies'}`)
  }
  child.send('stop')
}
