// For the Vite cells (copied in as drive.mjs): serves dist/ (after `vite build`), runs a chat through the UI in Chromium against the simulator.
import { startSimulator } from '@gws-chat/simulator'
import { serveStatic, withPage } from './browser.mjs'

const sim = await startSimulator({ port: 0, scenario: 'friendly', timeScale: 0.05 })
const site = await serveStatic(new URL('./dist', import.meta.url).pathname)
try {
  await withPage(async (page, problems) => {
    await page.goto(`${site.url}/?sim=${encodeURIComponent(sim.url)}`)
    await page.getByRole('button', { name: 'Start chat' }).click()
    await page.getByTestId('status').filter({ hasText: 'connected' }).waitFor({ timeout: 15_000 })
    await page.getByLabel('Message').fill('Hello from the browser')
    await page.getByRole('button', { name: 'Send' }).click()
    await page.getByTestId('transcript').getByText('You said: Hello from the browser').waitFor({ timeout: 15_000 })
    await page.getByRole('button', { name: 'End chat' }).click()
    await page.getByTestId('status').filter({ hasText: 'ended' }).waitFor({ timeout: 15_000 })
    const errors = problems.filter((p) => !p.startsWith('console.warning'))
    if (errors.length) throw new Error('errors in the browser console:\n' + errors.join('\n'))
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator's innerText keeps the lines apart
    console.log('ok: ' + (await page.getByTestId('transcript').innerText()).replace(/\n/g, ' | '))
  })
} finally {
  await site.close()
  await sim.close()
}
