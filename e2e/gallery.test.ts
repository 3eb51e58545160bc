import { mkdir, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FIXTURE_NAMES, fixtureChat, type FixtureName } from '@gws-chat/testing'
import { accessibilityViolations, launchBrowser, serveDemo } from './helpers'
import type { DemoServer } from '../demo/server.mjs'

const SCREENSHOT = fileURLToPath(new URL('../docs/screenshots/gallery.png', import.meta.url))
const RENDERERS = ['dom', 'react', 'vue'] as const

/** The line each state shows a visitor (the status line, or the words of the part that stands for the state). */
const SHOWS: Record<FixtureName, string> = {
  idle: 'Start chat',
  requesting: 'Connecting…',
  queued: 'Waiting for an agent…',
  connected: 'Chatting with Ava',
  agentTyping: 'Ava is typing…',
  unread: 'It is refunded within five days.',
  failedSend: 'Not sent',
  reconnecting: 'Connection lost, reconnecting…',
  offline: 'You are offline',
  endedByCustomer: 'You ended the chat.',
  endedByAgent: 'The agent ended the chat.',
  endedByServer: 'The chat was closed.',
  endedByTimeout: 'The chat was closed after a period of inactivity.',
  error: fixtureChat('error').getSnapshot().error!.message,
}

/** The `/gallery/` demo page: every state fixture in the DOM widget, React's and Vue's `<ChatWidget>`. */
describe('the gallery of every state in Chromium', () => {
  let demo: DemoServer
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([serveDemo({ seed: 3 }), launchBrowser()])
    page = await browser.newPage({ viewport: { width: 1900, height: 1000 } })
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return
      const url = message.location().url
      // The browser's own favicon request is no console error of the page's.
      if (!url.endsWith('/favicon.ico')) errors.push(`console.${message.type()}: ${message.text()} (${url})`)
    })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  it('renders every fixture in every renderer, with the words of its state, without a console error or a request', async () => {
    await page.goto(`${demo.url}gallery/`)
    // React renders its roots in later tasks than the DOM and Vue cells: wait until every cell holds its widget.
    await page.waitForFunction(() => [...document.querySelectorAll('[data-cell]')].every((cell) => cell.querySelector('[part~=root]')))
    const cells = await page.locator('[data-cell]').evaluateAll((nodes) =>
      nodes.map((node) => {
        const root = node.querySelector('[part~=root]')
        /** The visible words of the widget: text outside hidden parts and style elements. */
        const words = root
          ? [...root.querySelectorAll('*')]
              .filter((el) => !el.closest('[hidden]') && el.tagName !== 'STYLE')
              .flatMap((el) => [...el.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent!.trim()))
              .filter(Boolean)
          : []
        const box = node.getBoundingClientRect()
        const widget = root?.getBoundingClientRect()
        /** The whole widget lies inside its cell: nothing of the state is cut off in the picture. */
        const whole = widget !== undefined && widget.top >= box.top - 1 && widget.bottom <= box.bottom + 1 && widget.right <= box.right + 1
        return { cell: node.getAttribute('data-cell')!, words, whole, width: box.width, height: box.height }
      }),
    )
    expect(cells.map((c) => c.cell)).toEqual(FIXTURE_NAMES.flatMap((name) => RENDERERS.map((renderer) => `${name}/${renderer}`)))
    for (const name of FIXTURE_NAMES) {
      const [dom, react, vue] = RENDERERS.map((renderer) => cells.find((c) => c.cell === `${name}/${renderer}`)!)
      expect(dom!.words.join(' | '), name).toContain(SHOWS[name])
      // One widget behind all three: the same words in each.
      expect(react!.words, name).toEqual(dom!.words)
      expect(vue!.words, name).toEqual(dom!.words)
      for (const cell of [dom!, react!, vue!]) {
        expect(cell.width * cell.height, cell.cell).toBeGreaterThan(200 * 200)
        expect(cell.whole, `${cell.cell} shows the whole widget`).toBe(true)
      }
    }
    // Frozen fixtures: the gallery asks no server for anything.
    expect(demo.sim.requests).toEqual([])
    expect(await accessibilityViolations(page)).toEqual([])
    expect(errors).toEqual([])

    const png = await page.screenshot({ fullPage: true })
    expect(png.length).toBeGreaterThan(50_000)
    // Regenerated on request only, so a test run leaves the checked-in picture alone.
    if (process.env.GWS_SCREENSHOTS === '1') {
      await mkdir(fileURLToPath(new URL('../docs/screenshots/', import.meta.url)), { recursive: true })
      await writeFile(SCREENSHOT, png)
    }
  }, 60_000)
})
