import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { alias } from '../vitest.workspace'
import { launchBrowser, waitForText } from './helpers'

/**
 * `@gws-chat/testing/msw` in Chromium: `setupWorker(...sim.handlers)` with msw's service worker,
 * the in-process simulator in the page, and the DOM widget chatting with it. No simulator process.
 */

const require = createRequire(import.meta.url)
const here = fileURLToPath(new URL('.', import.meta.url))

const PAGE_SCRIPT = `
import { setupWorker } from 'msw/browser'
import { createSimulatorHandlers } from '@gws-chat/testing/msw'
import { createChat } from '@gws-chat/core'
import { mountChat } from '@gws-chat/dom'

const baseUrl = 'https://gws.example.test'
const sim = createSimulatorHandlers({ baseUrl, timeScale: 0.1 })
await setupWorker(...sim.handlers).start({ serviceWorker: { url: '/mockServiceWorker.js' }, onUnhandledRequest: 'bypass', quiet: true })
const chat = createChat({ baseUrl, contactCenterId: 'demo', withCredentials: false })
mountChat(document.getElementById('chat'), chat)
Object.assign(window, { sim, chat })
`

/** Resolves the workspace packages to their sources, as the vitest projects do. */
const workspaceSources: Plugin = {
  name: 'workspace-sources',
  setup(b) {
    b.onResolve({ filter: /^@gws-chat\// }, (args) => {
      for (const { find, replacement } of alias) {
        if (find.test(args.path)) return { path: args.path.replace(find, replacement) }
      }
      return undefined
    })
  },
}

let server: Server
let url: string
let browser: Browser

beforeAll(async () => {
  const bundled = await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: here, loader: 'ts' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [workspaceSources],
  })
  const app = bundled.outputFiles[0]?.text ?? ''
  const worker = await readFile(require.resolve('msw/mockServiceWorker.js'), 'utf8')
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>msw</title></head><body><main id="chat"></main><script type="module" src="/app.js"></script></body></html>'
  const files: Record<string, [string, string]> = {
    '/': ['text/html', html],
    '/app.js': ['text/javascript', app],
    '/mockServiceWorker.js': ['text/javascript', worker],
  }
  server = createServer((req, res) => {
    const file = files[req.url ?? '']
    if (!file) return void res.writeHead(404).end()
    res.writeHead(200, { 'Content-Type': file[0], 'Cache-Control': 'no-store' }).end(file[1])
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  browser = await launchBrowser()
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

describe('msw setupWorker with createSimulatorHandlers in Chromium', () => {
  it('the DOM widget reaches connected, shows the greeting and the answer; the page-side simulator logged the requests', async () => {
    const page: Page = await browser.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(url)
    await page.getByRole('textbox', { name: 'Your name' }).fill('Chris')
    await page.getByRole('textbox', { name: 'How can we help?' }).fill('A question about my bill')
    await page.getByRole('button', { name: 'Start chat' }).click()
    await waitForText(page.getByRole('status'), 'Chatting with Ava')
    const log = page.getByRole('log', { name: 'Conversation' })
    await log.getByText("Hi, I'm Ava. How can I help?").waitFor()
    const message = page.getByRole('textbox', { name: 'Message' })
    await message.fill('Hello through the service worker')
    await message.press('Enter')
    await log.getByText('You said: Hello through the service worker').waitFor()

    const seen = await page.evaluate(() => {
      const { sim, chat } = window as unknown as {
        sim: { requests: { method: string; path: string; operation?: string; headers: Record<string, string> }[] }
        chat: { getSnapshot(): { status: string } }
      }
      return {
        status: chat.getSnapshot().status,
        controlled: navigator.serviceWorker.controller !== null,
        writes: sim.requests.filter((r) => r.operation !== 'GetMessages' && r.operation !== 'GetChat').map((r) => [r.method, r.path.replace(/[0-9a-f-]{36}/, '{id}'), r.operation, r.headers.contactcenterid]),
      }
    })
    expect(seen.status).toBe('connected')
    expect(seen.controlled).toBe(true)
    expect(seen.writes).toEqual([
      ['POST', '/api/v2/chats', 'RequestChat', 'demo'],
      ['POST', '/api/v2/chats/{id}', 'SendStartTypingNotification', 'demo'],
      ['POST', '/api/v2/chats/{id}', 'SendMessage', 'demo'],
      ['POST', '/api/v2/chats/{id}', 'SendStopTypingNotification', 'demo'],
    ])
    expect(errors).toEqual([])
    await page.close()
  }, 60_000)
})
