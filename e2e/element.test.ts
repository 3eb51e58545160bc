import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessibilityViolations, launchBrowser, serveDemo, waitForText } from './helpers'
import type { DemoServer } from '../demo/server.mjs'

/** The `/element/` demo page: `<gws-chat contact-center-id>` with `base-url` set, and `defineGwsChatElement()`. */
describe('the <gws-chat> element in Chromium', () => {
  let demo: DemoServer
  let browser: Browser
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([serveDemo({ timeScale: 0.25, seed: 2 }), launchBrowser()])
    page = await browser.newPage({ viewport: { width: 960, height: 720 } })
    page.on('pageerror', (error) => errors.push(error.message))
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await demo?.close()
  })

  it('creates its engine from its attributes and runs a short chat in its shadow root', async () => {
    await page.goto(`${demo.url}element/`)
    const element = page.locator('gws-chat')
    // The widget is in the element's open shadow root; the page itself has no form of its own.
    expect(await element.evaluate((node) => node.shadowRoot?.querySelector('form[part~=prechat]') !== null)).toBe(true)
    expect(await page.evaluate(() => document.querySelectorAll('form').length)).toBe(0)

    await page.getByRole('textbox', { name: 'Your name' }).fill('Chris')
    await page.getByRole('textbox', { name: 'How can we help?' }).fill('Asked from the custom element')
    expect(await accessibilityViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Start chat' }).click()
    await waitForText(page.getByRole('status'), 'Chatting with Ava')
    const log = page.getByRole('log', { name: 'Conversation' })
    await log.getByText("Hi, I'm Ava. How can I help?").waitFor()

    const message = page.getByRole('textbox', { name: 'Message' })
    await message.fill('Hello from the element')
    await message.press('Enter')
    await log.getByText('You said: Hello from the element').waitFor()

    await page.getByRole('button', { name: 'End chat' }).click()
    await page.getByText('You ended the chat.').waitFor()

    const [chat] = demo.sim.chats()
    const view = demo.sim.chat(chat!.id)!
    expect(view.nickname).toBe('Chris')
    expect(view.subject).toBe('Asked from the custom element')
    expect(view.transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual([
      "Hi, I'm Ava. How can I help?",
      'Hello from the element',
      'You said: Hello from the element',
    ])
    expect(view.endedBy).toBe('customer')
    expect(demo.sim.chats()).toHaveLength(1)
    expect(errors).toEqual([])
  }, 30_000)
})
