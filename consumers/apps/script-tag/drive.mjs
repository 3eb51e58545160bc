// A page with no bundler: <script src="gws-chat.iife.js"> and <gws-chat base-url contact-center-id>; a chat through
// the widget (in the element's open shadow root) in Chromium against the simulator.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { startSimulator } from '@gws-chat/simulator'
import { serveStatic, withPage } from './browser.mjs'

const iife = new URL('./node_modules/@gws-chat/dom/dist/gws-chat.iife.js', import.meta.url).pathname
if (!existsSync(iife)) {
  const files = readFileSync(new URL('./node_modules/@gws-chat/dom/package.json', import.meta.url), 'utf8')
  throw new Error(`dist/gws-chat.iife.js is not in the @gws-chat/dom tarball (package.json files/exports: ${JSON.stringify(JSON.parse(files).files)})`)
}
const sim = await startSimulator({ port: 0, scenario: 'friendly', timeScale: 0.05 })
mkdirSync('site', { recursive: true })
copyFileSync(iife, 'site/gws-chat.iife.js')
writeFileSync('site/index.html', readFileSync('index.html', 'utf8').replace('__SIM_URL__', sim.url))
const site = await serveStatic(new URL('./site', import.meta.url).pathname)
try {
  await withPage(async (page, problems) => {
    await page.goto(`${site.url}/index.html`)
    const global = await page.evaluate(() => typeof window.GwsChat)
    if (global !== 'object') throw new Error(`window.GwsChat is ${global}`)
    const chat = page.locator('gws-chat') // playwright locators pierce open shadow roots
    await chat.locator('input[name=nickname]').fill('Chris')
    await chat.locator('input[name=subject]').fill('Script tag')
    await chat.locator('[part~=start]').click()
    await chat.locator('[part~=root][data-status=connected]').waitFor({ timeout: 15_000 })
    await chat.locator('[part~=message-input]').fill('Hello from a script tag')
    await chat.locator('[part~=send]').click()
    await chat.locator('[part~=transcript]').getByText('You said: Hello from a script tag').waitFor({ timeout: 15_000 })
    await chat.locator('[part~=end]').click()
    await chat.locator('[part~=root][data-status=ended]').waitFor({ timeout: 15_000 })
    const errors = problems.filter((p) => !p.startsWith('console.warning'))
    if (errors.length) throw new Error('errors in the browser console:\n' + errors.join('\n'))
    console.log('ok: ' + (await chat.locator('[part~=transcript]').innerText()).replace(/\n/g, ' | '))
  })
} finally {
  await site.close()
  await sim.close()
}
