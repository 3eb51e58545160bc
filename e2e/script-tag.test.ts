import { existsSync } from 'node:fs'
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '@gws-chat/simulator'
import { launchBrowser, waitForText } from './helpers'

/**
 * The script-tag build of @gws-chat/dom as a CMS page uses it: a plain HTML page, no bundler, no import map, nothing
 * but one `<script>` for the built file and a `<gws-chat>` element. The page comes from a static server on one port,
 * the simulator answers on another (cross-origin, allowed by its default CORS origins `http://127.0.0.1:*`).
 * It tests the files `pnpm build` writes: build first.
 */
const DIST = fileURLToPath(new URL('../packages/adapters/dom/dist/', import.meta.url))
const FILES = ['gws-chat.iife.js', 'gws-chat.iife.js.map', 'gws-chat.browser.js', 'gws-chat.browser.js.map']
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.map': 'application/json' }

const page = (title: string, body: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head>
  <body>
    <h1>${title}</h1>
    ${body}
  </body>
</html>
`

describe('the script-tag build of @gws-chat/dom in Chromium', () => {
  let dir: string
  let server: Server
  let origin: string
  let sim: Simulator
  let browser: Browser

  beforeAll(async () => {
    const missing = FILES.filter((file) => !existsSync(join(DIST, file)))
    if (missing.length > 0) throw new Error(`packages/adapters/dom/dist lacks ${missing.join(', ')}: run pnpm build first`)
    dir = await mkdtemp(join(tmpdir(), 'gws-chat-script-tag-'))
    await Promise.all(FILES.map((file) => copyFile(join(DIST, file), join(dir, file))))
    ;[sim, browser] = await Promise.all([
      startSimulator({ scenario: 'friendly', contactCenterIds: ['cms'], timeScale: 0.25, seed: 2 }),
      launchBrowser(),
    ])
    const element = `<gws-chat base-url="${sim.url}" contact-center-id="cms"></gws-chat>`
    await writeFile(join(dir, 'iife.html'), page('Classic script', `${element}\n    <script src="gws-chat.iife.js"></script>`))
    await writeFile(join(dir, 'module.html'), page('Module script', `${element}\n    <script type="module" src="gws-chat.browser.js"></script>`))
    // docs/dom.md's scripted example, against the simulator.
    await writeFile(
      join(dir, 'scripted.html'),
      page(
        'Scripted',
        `<div id="help"></div>
    <script src="gws-chat.iife.js"></script>
    <script>
      const element = document.createElement('gws-chat')
      element.options = { nickname: 'Chris', labels: { title: 'Help' } }
      element.chat = GwsChat.createChat({ baseUrl: ${JSON.stringify(sim.url)}, contactCenterId: 'cms' })
      document.getElementById('help').append(element)
    </script>`,
      ),
    )
    await writeFile(
      join(dir, 'both.html'),
      page('Both builds', `${element}\n    <script src="gws-chat.iife.js"></script>\n    <script type="module" src="gws-chat.browser.js"></script>`),
    )
    // A static file server: only the files written above, by name.
    server = createServer(async (req, res) => {
      const name = new URL(req.url ?? '/', 'http://x').pathname.slice(1)
      if (!/^[\w.-]+$/.test(name)) return void res.writeHead(404).end()
      try {
        const body = await readFile(join(dir, name))
        res.writeHead(200, { 'content-type': TYPES[extname(name)] ?? 'application/octet-stream' }).end(body)
      } catch {
        res.writeHead(404).end()
      }
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await sim?.close()
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  async function runChat(file: string, nickname: string, onForm?: (tab: Page) => Promise<void>) {
    const context = await browser.newContext({ viewport: { width: 960, height: 720 } })
    const tab = await context.newPage()
    const errors: string[] = []
    const foreign: string[] = []
    tab.on('pageerror', (error) => errors.push(error.message))
    tab.on('console', (message) => {
      // A failed request is reported with its address below.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) errors.push(`console: ${message.text()}`)
    })
    tab.on('response', (response) => {
      if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`)
    })
    tab.on('request', (request) => {
      const url = new URL(request.url())
      if (url.origin !== origin && url.origin !== new URL(sim.url).origin) foreign.push(request.url())
    })
    try {
      await tab.goto(`${origin}/${file}`)
      const element = tab.locator('gws-chat')
      await tab.getByRole('textbox', { name: 'Your name' }).waitFor()
      expect(await element.evaluate((node) => node.querySelector('form[part~=prechat]') !== null)).toBe(true)
      expect(await element.count()).toBe(1)
      await onForm?.(tab)

      const before = sim.chats().length
      await tab.getByRole('textbox', { name: 'Your name' }).fill(nickname)
      await tab.getByRole('textbox', { name: 'How can we help?' }).fill(`Asked from ${file}`)
      await tab.getByRole('button', { name: 'Start chat' }).click()
      await waitForText(tab.getByRole('status'), 'Chatting with Ava')
      const log = tab.getByRole('log', { name: 'Conversation' })
      await log.getByText("Hi, I'm Ava. How can I help?").waitFor()

      const message = tab.getByRole('textbox', { name: 'Message' })
      await message.fill(`Hello from ${file}`)
      await message.press('Enter')
      await log.getByText(`You said: Hello from ${file}`).waitFor()

      await tab.getByRole('button', { name: 'End chat' }).click()
      await tab.getByText('You ended the chat.').waitFor()

      const chats = sim.chats()
      expect(chats).toHaveLength(before + 1)
      const view = sim.chat(chats.at(-1)!.id)!
      expect(view.nickname).toBe(nickname)
      expect(view.transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual([
        "Hi, I'm Ava. How can I help?",
        `Hello from ${file}`,
        `You said: Hello from ${file}`,
      ])
      expect(view.endedBy).toBe('customer')
      expect(errors).toEqual([])
      expect(foreign).toEqual([])
      return tab
    } catch (error) {
      await context.close()
      throw error
    }
  }

  it('IIFE: one classic <script> defines the GwsChat global, registers <gws-chat> and runs a whole chat', async () => {
    const tab = await runChat('iife.html', 'Chris')
    const global = await tab.evaluate(() => {
      const g = (window as unknown as { GwsChat?: Record<string, unknown> }).GwsChat
      return {
        keys: g ? Object.keys(g).sort() : null,
        registered: g ? customElements.get('gws-chat') === g.GwsChatElement : false,
        element: g ? document.querySelector('gws-chat') instanceof (g.GwsChatElement as typeof HTMLElement) : false,
      }
    })
    expect(global.keys).toEqual(expect.arrayContaining(['GwsChatElement', 'createChat', 'defineGwsChatElement', 'mountChat']))
    expect(global.registered).toBe(true)
    expect(global.element).toBe(true)
    await tab.context().close()
  }, 30_000)

  it('ESM: one <script type="module"> registers <gws-chat> and runs a whole chat, without a global', async () => {
    const tab = await runChat('module.html', 'Sam')
    expect(await tab.evaluate(() => 'GwsChat' in window)).toBe(false)
    expect(await tab.evaluate(() => customElements.get('gws-chat') !== undefined)).toBe(true)
    // A string, so that vitest leaves the `import()` to the page.
    const exports = await tab.evaluate<string[]>(`import('${origin}/gws-chat.browser.js').then((m) => Object.keys(m).sort())`)
    expect(exports).toEqual(expect.arrayContaining(['GwsChatElement', 'createChat', 'defineGwsChatElement', 'mountChat']))
    await tab.context().close()
  }, 30_000)

  it('scripted from the GwsChat global (docs/dom.md): options and an engine set before the element is connected', async () => {
    const tab = await runChat('scripted.html', 'Chris', async (tab) => {
      expect(await tab.getByRole('textbox', { name: 'Your name' }).inputValue()).toBe('Chris')
      expect(await tab.getByRole('heading', { name: 'Help' }).count()).toBe(1)
    })
    expect(await tab.evaluate(() => document.querySelector('gws-chat')!.hasAttribute('base-url'))).toBe(false)
    await tab.context().close()
  }, 30_000)

  it('both builds on one page: the second finds <gws-chat> registered and leaves it, with no error', async () => {
    const tab = await runChat('both.html', 'Alex')
    const same = await tab.evaluate<boolean>(
      `import('${origin}/gws-chat.browser.js').then((m) => m.GwsChatElement === window.GwsChat.GwsChatElement && m.GwsChatElement === customElements.get('gws-chat'))`,
    )
    expect(same).toBe(true)
    expect(await tab.evaluate(() => document.querySelector('gws-chat')!.querySelectorAll('[part~=root]').length)).toBe(1)
    await tab.context().close()
  }, 30_000)
})
