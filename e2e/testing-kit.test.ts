import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DemoServer } from '../demo/server.mjs'
import {
  getLifecyclePaths,
  LIFECYCLE_SCENARIO,
  SIMULATOR_UNSUPPORTED,
  simulatorServer,
  type LifecycleExpectation,
  type LifecycleWorld,
} from '@gws-chat/testing'
import { launchBrowser, serveDemo } from './helpers'

/**
 * The example of docs/testing.md: every shortest lifecycle path of
 * `@gws-chat/testing`, run against the DOM widget (`mountChat`) in Chromium.
 * The visitor clicks and types; the browser goes offline through Playwright;
 * the server is the simulator, driven by `simulatorServer`.
 */

const TIME_SCALE = 0.05
const ENDED_TEXT = {
  customer: 'You ended the chat.',
  agent: 'The agent ended the chat.',
  server: 'The chat was closed.',
  timeout: 'The chat was closed after a period of inactivity.',
}

let demo: DemoServer
let browser: Browser

beforeAll(async () => {
  ;[demo, browser] = await Promise.all([
    serveDemo({ scenario: LIFECYCLE_SCENARIO, timeScale: TIME_SCALE, contactCenterIds: ['demo'] }),
    launchBrowser(),
  ])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await demo?.close()
})

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Retry `check` until it passes: the page gets there by polling the simulator in real time. */
async function eventually(check: () => Promise<void>, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      await check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await pause(50)
    }
  }
}

/** A world whose visitor is a person in front of the DOM widget. */
function widgetWorld(context: BrowserContext, page: Page): LifecycleWorld {
  const server = simulatorServer(demo.sim, { timeScale: TIME_SCALE, holdMs: 1500 })
  const message = page.getByRole('textbox', { name: 'Message' })
  const setVisibility = (state: 'hidden' | 'visible') =>
    page.evaluate((value) => {
      Object.defineProperty(document, 'visibilityState', { value, configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    }, state)

  return {
    ...server,
    async start() {
      const again = page.getByRole('button', { name: 'Start a new chat' })
      if (await again.isVisible()) await again.click()
      await page.getByRole('textbox', { name: 'How can we help?' }).fill('A question about my bill')
      await page.getByRole('button', { name: 'Start chat' }).click()
    },
    async send(text) {
      await message.fill(text)
      await message.press('Enter')
    },
    async sendUnanswered(text) {
      server.loseNextSendAnswer()
      await message.fill(text)
      await message.press('Enter')
    },
    async type() {
      await message.fill('I am typ')
      await pause(300)
      await message.fill('')
    },
    end: () => page.getByRole('button', { name: 'End chat' }).click(),
    async endUnanswered() {
      server.loseCompleteAnswers()
      await page.getByRole('button', { name: 'End chat' }).click()
    },
    retry: () => page.getByRole('button', { name: 'Try again' }).click(),
    async hidePage() {
      await setVisibility('hidden')
      await pause(500)
      await setVisibility('visible')
    },
    async reload() {
      await page.reload()
    },
    returnLater() {
      throw new Error('excluded: SIMULATOR_UNSUPPORTED')
    },
    dropNetwork: () => context.setOffline(true),
    restoreNetwork: () => context.setOffline(false),
    expect: (expected: LifecycleExpectation) =>
      eventually(async () => {
        // What the visitor sees, read in one go.
        const seen = await page.evaluate(() => {
          const root = document.querySelector<HTMLElement>('.gws-chat')
          const ended = root?.querySelector<HTMLElement>('[part~="ended"]')
          return {
            status: root?.dataset.status,
            line: root?.querySelector('[part~="status"]')?.textContent?.trim() ?? '',
            ended: ended && !ended.hidden ? (ended.textContent ?? '') : '',
            unsent: root?.querySelectorAll('[data-delivery="queued"], [data-delivery="sending"]').length ?? 0,
          }
        })
        expect(seen.status, 'status').toBe(expected.status)
        if (expected.connection === 'offline') expect(seen.line).toBe('You are offline')
        if (expected.connection === 'online') expect(seen.line).not.toMatch(/offline|reconnecting/)
        if (expected.endReason) expect(seen.ended).toContain(ENDED_TEXT[expected.endReason])
        expect(seen.unsent > 0, 'messages waiting to be sent').toBe(expected.unsent)
      }),
  }
}

// `GWS_MBT=all`: every transition of the model (page reloads, hidden pages, lost answers, typing…), a few minutes.
const kind = process.env.GWS_MBT === 'all' ? 'transitions' : 'shortest'
// A page cannot be loaded while the browser is offline (this page has no service worker).
const paths = getLifecyclePaths({ kind, exclude: SIMULATOR_UNSUPPORTED })
  .filter((path) => !path.steps.some((step) => step.event === 'page.reload' && step.offline))

describe(`lifecycle paths (${kind}, ${paths.length}) against the DOM widget in Chromium`, () => {
  it.each(paths.map((path) => [path.description, path] as const))(
    '%s',
    async (_, path) => {
      const context = await browser.newContext()
      try {
        const page = await context.newPage()
        await page.goto(`${demo.url}dom/?interval=200`)
        await path.run(widgetWorld(context, page))
      } finally {
        demo.sim.clearFaults()
        await context.close()
      }
    },
    60_000,
  )
})
