// For the Vite cells (copied in as drive.mjs): builds the guide's app against a simulator (`vite build` with the
// VITE_GWS_* variables the guide reads), serves dist/, and runs a whole chat through the ready widget in Chromium:
// one widget, styled, and no error in the console.
import { spawnSync } from 'node:child_process'
import { startSimulator } from '@gws-chat/simulator'
import { serveStatic, withPage } from './browser.mjs'

const sim = await startSimulator({ port: 0, scenario: 'friendly', timeScale: 0.05 })
let site
try {
  const env = { ...process.env, VITE_GWS_BASE_URL: sim.url, VITE_GWS_CONTACT_CENTER_ID: 'demo' }
  const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build'], { env, stdio: 'inherit' })
  if (build.status !== 0) throw new Error(`vite build exited with ${build.status}`)
  site = await serveStatic(new URL('./dist', import.meta.url).pathname)
  await withPage(async (page, problems) => {
    await page.goto(site.url)
    const widget = page.locator('[part~=root]')
    await widget.waitFor()
    const count = await widget.count()
    if (count !== 1) throw new Error(`expected one widget on the page, found ${count}`)

    // Styled: the widget's stylesheet applies (the browser's defaults are a transparent background, square corners,
    // no padding and grey system buttons).
    const look = await widget.evaluate((root) => {
      // The card a visitor sees: the panel inside the root (the root itself in a widget without one).
      const style = getComputedStyle(root.querySelector('[part~=panel]') ?? root)
      const button = getComputedStyle(root.querySelector('[part~=start]'))
      const sheets = { adopted: document.adoptedStyleSheets.length, styleElements: document.querySelectorAll('style').length }
      return { background: style.backgroundColor, radius: style.borderRadius, padding: style.paddingTop, button: button.backgroundColor, buttonRadius: button.borderRadius, sheets }
    })
    const unstyled = Object.entries({
      background: look.background === 'rgba(0, 0, 0, 0)',
      radius: look.radius === '0px',
      padding: look.padding === '0px',
      button: ['rgb(239, 239, 239)', 'rgb(240, 240, 240)', 'rgba(0, 0, 0, 0)'].includes(look.button),
      buttonRadius: look.buttonRadius === '0px',
    }).filter(([, is]) => is)
    if (unstyled.length) throw new Error(`the widget renders unstyled (${unstyled.map(([name]) => name).join(', ')}): ${JSON.stringify(look)}`)

    await page.getByLabel('Your name').fill('Chris')
    await page.getByLabel('How can we help?').fill('A fresh Vite app')
    await page.getByRole('button', { name: 'Start chat' }).click()
    await page.getByRole('status').filter({ hasText: 'Chatting with' }).waitFor({ timeout: 15_000 })
    await page.getByRole('textbox', { name: 'Message' }).fill('Hello from the browser')
    await page.getByRole('button', { name: 'Send' }).click()
    const log = widget.locator('[part~=log]')
    await log
      .getByText('You said: Hello from the browser')
      .waitFor({ timeout: 15_000 })
      // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator's innerText keeps the lines apart
      .catch(async (error) => Promise.reject(new Error(`${error.message}\nthe widget shows: ${(await widget.innerText()).replace(/\n+/g, ' | ')}`)))
    await page.getByRole('button', { name: 'End chat' }).click()
    await page.getByText('You ended the chat.').waitFor({ timeout: 15_000 })
    const errors = problems.filter((p) => !p.startsWith('console.warning'))
    if (errors.length) throw new Error('errors in the browser console:\n' + errors.join('\n'))
    // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator's innerText keeps the lines apart
    console.log(`ok: styled ${JSON.stringify(look)}; ` + (await log.innerText()).replace(/\n/g, ' | '))
  })
} finally {
  await site?.close()
  await sim.close()
}
