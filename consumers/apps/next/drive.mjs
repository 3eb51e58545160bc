// Starts the simulator, `next build` (the simulator's URL is baked in as NEXT_PUBLIC_GWS_SIM_URL), `next start`,
// then in Chromium: start a chat, send, reload the page with the live chat, and check that it hydrates without a
// hydration error or warning and shows the live chat again.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { startSimulator } from '@gws-chat/simulator'
import { withPage } from './browser.mjs'

const HYDRATION = /#418|#423|#425|hydrat|did not match|server rendered html/i
const next = new URL('./node_modules/next/dist/bin/next', import.meta.url).pathname
const run = (args, env) =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [next, ...args], { stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next ${args.join(' ')} exited with ${code}`))))
  })
const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

const sim = await startSimulator({ port: 0, scenario: 'friendly', timeScale: 0.05 })
let server
try {
  const env = { NEXT_PUBLIC_GWS_SIM_URL: sim.url, NEXT_TELEMETRY_DISABLED: '1' }
  await run(['build'], env)
  const port = await freePort()
  server = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], { stdio: 'inherit', env: { ...process.env, ...env } })
  const url = `http://127.0.0.1:${port}/`
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(url)).ok) break
    } catch {}
    if (i > 150) throw new Error('next start did not answer')
    await new Promise((r) => setTimeout(r, 200))
  }
  await withPage(async (page, problems) => {
    await page.goto(url)
    await page.locator('body[data-hydrated=true]').waitFor({ timeout: 15_000 })
    await page.getByRole('button', { name: 'Start chat' }).click()
    await page.getByTestId('status').filter({ hasText: 'connected' }).waitFor({ timeout: 15_000 })
    await page.getByLabel('Message').fill('Hello from Next')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByTestId('transcript').getByText('You said: Hello from Next').waitFor({ timeout: 15_000 })
    const before = problems.length

    await page.reload()
    await page.locator('body[data-hydrated=true]').waitFor({ timeout: 15_000 })
    await page.getByTestId('transcript').getByText('You said: Hello from Next').waitFor({ timeout: 15_000 })
    await page.getByTestId('status').filter({ hasText: 'connected' }).waitFor({ timeout: 15_000 })
    await page.waitForTimeout(500)
    const hydration = problems.filter((p) => HYDRATION.test(p))
    if (hydration.length) throw new Error(`hydration problems after reload (${problems.length - before} console lines):\n` + hydration.join('\n'))

    await page.getByRole('button', { name: 'End chat' }).click()
    await page.getByTestId('status').filter({ hasText: 'ended' }).waitFor({ timeout: 15_000 })
    console.log('ok: ' + (await page.getByTestId('transcript').innerText()).replace(/\n/g, ' | '))
  })
} finally {
  server?.kill()
  await sim.close()
}
