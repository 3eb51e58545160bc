import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import type { SimulatorOptions } from '@gws-chat/simulator'
import { buildDemo } from '../demo/build.mjs'
import { startDemo, type DemoServer } from '../demo/server.mjs'
import { findChromium } from './chromium.mjs'

const require = createRequire(import.meta.url)

/** A system Chromium ($GWS_CHROMIUM, $CHROMIUM_PATH, /usr/bin/chromium, or on PATH; see chromium.mjs); never a downloaded browser. */
const lookup = findChromium()

export async function launchBrowser(): Promise<Browser> {
  if (lookup.error !== undefined) throw new Error(lookup.error)
  return chromium.launch({
    executablePath: lookup.path,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
}

/** Build the pages into a temporary folder and serve them with a simulator; `close` removes everything. */
export async function serveDemo(simulator: SimulatorOptions): Promise<DemoServer> {
  const dist = await mkdtemp(join(tmpdir(), 'gws-chat-demo-'))
  await buildDemo({ outDir: dist })
  const demo = await startDemo({ dist, simulator })
  return {
    url: demo.url,
    sim: demo.sim,
    async close() {
      await demo.close()
      await rm(dist, { recursive: true, force: true })
    },
  }
}

/** Serious and critical axe-core violations on the page as it is now. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') })
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run()
    return result.violations
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

/** Wait until the locator's text is exactly `text` (trimmed). */
export async function waitForText(locator: Locator, text: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout
  let last: string | null = null
  while (Date.now() < deadline) {
    last = ((await locator.textContent({ timeout }).catch(() => null)) ?? '').trim()
    if (last === text) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`Expected text ${JSON.stringify(text)}, last saw ${JSON.stringify(last)}`)
}
