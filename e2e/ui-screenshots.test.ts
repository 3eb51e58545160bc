import { access, mkdir, readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, serveDemo } from './helpers'
import { inLog, openWidget, widgetContext, widgetRoot, widgetUrl, type WidgetContext, type WidgetQuery } from './ui-harness'
import type { DemoServer } from '../demo/server.mjs'

/**
 * The screenshots in the guides (docs/screenshots/widget-*.png). Every run takes them and checks what they show;
 * they are written only with GWS_SCREENSHOTS=1 (`GWS_SCREENSHOTS=1 npx vitest run --project e2e ui-screenshots`),
 * so a test run leaves the tree as it was. The clock starts at a fixed instant in UTC and the agent is the
 * simulator's seeded script, so the times and words shown are the same on every run.
 */
const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
const WRITE = process.env.GWS_SCREENSHOTS === '1'
const CLOCK = new Date('2026-03-10T09:41:00Z')

const taken = new Set<string>()

async function save(name: string, png: Buffer): Promise<void> {
  expect(png.subarray(1, 4).toString()).toBe('PNG')
  taken.add(name)
  if (!WRITE) return
  await mkdir(SCREENSHOTS, { recursive: true })
  await writeFile(`${SCREENSHOTS}${name}`, png)
}

describe('the screenshots of the styled widget', () => {
  let demo: DemoServer
  let browser: Browser
  let w: WidgetContext | undefined

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([serveDemo({ timeScale: 0.25, seed: 6 }), launchBrowser()])
  }, 60_000)

  afterAll(async () => {
    await w?.context.close()
    await browser?.close()
    await demo?.close()
  })

  /** A fresh page at `width`, the widget as `query` says, a chat started and one exchange of messages. */
  async function chatting(query: WidgetQuery, width: number, height: number, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
    await w?.context.close()
    w = await widgetContext(browser, { viewport: { width, height }, colorScheme, deviceScaleFactor: 1, clock: CLOCK })
    const { page } = w
    await openWidget(w, widgetUrl(demo.url, query))
    if (query.layout === 'launcher') await page.locator('[part~=launcher]').click()
    await page.locator('[part~=prechat] input[name=nickname]').fill('Chris')
    await page.locator('[part~=prechat] input[name=subject]').fill('A question about my bill')
    await page.locator('[part~=prechat] [part~=start]').click()
    await inLog(page, "Hi, I'm Ava. How can I help?")
    const message = page.locator('[part~=message-input]')
    await message.fill('Is my payment through?')
    await message.press('Enter')
    await inLog(page, 'You said: Is my payment through?')
    // The agent's link card, and the typing line empty again
    demo.sim.agent(demo.sim.chats().at(-1)!.id).pushUrl('https://help.example/billing')
    await page.locator('[part~=log] a[href="https://help.example/billing"]').first().waitFor()
    await page.locator('[part~=typing]').filter({ hasText: /./ }).waitFor({ state: 'detached' }).catch(() => {})
    return page
  }

  /** The whole viewport, or the widget with a margin of the page around it (on whole pixels, so every run is the same). */
  async function shot(page: Page, target: 'widget' | 'page'): Promise<Buffer> {
    const options = { animations: 'disabled', caret: 'hide' } as const
    if (target === 'page') return page.screenshot(options)
    const box = (await widgetRoot(page).boundingBox())!
    const [x, y] = [Math.max(0, Math.floor(box.x) - 12), Math.max(0, Math.floor(box.y) - 12)]
    return page.screenshot({ ...options, clip: { x, y, width: Math.ceil(box.x + box.width) + 12 - x, height: Math.ceil(box.y + box.height) + 12 - y } })
  }

  it('light and dark differ, each with its own surface', async () => {
    const light = await chatting({ binding: 'dom', theme: 'light' }, 1280, 800)
    const lightBackground = await light.locator('[part~=panel]').evaluate((el) => getComputedStyle(el).backgroundColor)
    const lightPng = await shot(light, 'widget')
    await save('widget-light.png', lightPng)
    const dark = await chatting({ binding: 'dom', theme: 'dark' }, 1280, 800, 'dark')
    const darkBackground = await dark.locator('[part~=panel]').evaluate((el) => getComputedStyle(el).backgroundColor)
    const darkPng = await shot(dark, 'widget')
    await save('widget-dark.png', darkPng)
    expect(darkPng.equals(lightPng)).toBe(false)
    const luminance = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).reduce((sum, c) => sum + Number(c), 0)
    expect(luminance(darkBackground)).toBeLessThan(luminance(lightBackground))
  }, 60_000)

  it('mobile: the launcher panel fills a 375 px screen', async () => {
    const page = await chatting({ binding: 'dom', layout: 'launcher', theme: 'light' }, 375, 740)
    const box = (await page.locator('[part~=panel]').boundingBox())!
    expect([box.x, box.width, Math.round(box.height)]).toEqual([0, 375, 740])
    await save('widget-mobile.png', await shot(page, 'page'))
  }, 60_000)

  it('inline on a short phone screen: the card is no taller than the viewport, the composer inside it', async () => {
    const page = await chatting({ binding: 'dom', theme: 'light' }, 375, 420)
    const panel = page.locator('[part~=panel]')
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    const box = (await panel.boundingBox())!
    expect(Math.round(box.height)).toBeLessThanOrEqual(420)
    const composer = (await page.locator('[part~=composer]').boundingBox())!
    expect(composer.y + composer.height).toBeLessThanOrEqual(Math.ceil(box.y + box.height))
    expect(composer.y + composer.height).toBeLessThanOrEqual(420)
  }, 60_000)

  it('launcher: closed with its unread badge, then open', async () => {
    const page = await chatting({ binding: 'dom', layout: 'launcher', theme: 'light' }, 900, 640)
    await save('widget-launcher-open.png', await shot(page, 'page'))
    await page.getByRole('button', { name: 'Close chat' }).click()
    demo.sim.agent(demo.sim.chats().at(-1)!.id).say('Your payment arrived this morning.')
    await page.locator('[part~=badge]').getByText('1', { exact: true }).waitFor()
    await save('widget-launcher-closed.png', await shot(page, 'page'))
  }, 60_000)

  it('RTL: lang=ar lays the widget out right to left', async () => {
    const page = await chatting({ binding: 'dom', lang: 'ar', theme: 'light' }, 1280, 800)
    expect(await widgetRoot(page).evaluate((el) => getComputedStyle(el).direction)).toBe('rtl')
    await save('widget-rtl.png', await shot(page, 'widget'))
  }, 60_000)

  it.each(['react', 'vue'] as const)('%s: <ChatWidget> looks like the DOM widget', async (binding) => {
    const page = await chatting({ binding, theme: 'light' }, 1280, 800)
    await save(`${binding}-widget.png`, await shot(page, 'widget'))
  }, 60_000)

  it("shows in the guides' Screenshots sections only what this suite takes, and each file is there", async () => {
    for (const guide of ['docs/dom.md', 'docs/react.md', 'docs/vue.md']) {
      const text = await readFile(new URL(`../${guide}`, import.meta.url), 'utf8')
      const section = text.slice(text.indexOf('\n## Screenshots\n'))
      const shown = [...section.matchAll(/\]\(screenshots\/([\w-]+\.png)\)/g)].map((m) => m[1]!)
      expect(shown.length, guide).toBeGreaterThan(0)
      for (const name of shown) {
        expect(taken.has(name), `${guide} shows ${name}`).toBe(true)
        await expect(access(`${SCREENSHOTS}${name}`)).resolves.toBeUndefined()
      }
    }
  })
})
