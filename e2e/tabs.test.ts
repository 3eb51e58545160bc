import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessibilityViolations, launchBrowser, serveDemo, waitForText } from './helpers'
import type { DemoServer } from '../demo/server.mjs'

const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
/** The resting poll interval the pages run with (`?interval=`); the active interval is the same, so the rate is steady. */
const INTERVAL = 250

/**
 * The `/tabs/` demo page, `createSharedChat` under the DOM widget, in two and
 * then three tabs of one browser: one chat, one poller, and a takeover with
 * nothing lost or doubled when the polling tab closes.
 */
describe('one chat across tabs in Chromium', () => {
  let demo: DemoServer
  let browser: Browser
  let context: BrowserContext
  const errors: string[] = []
  /** The API requests each tab made itself, by tab. */
  const apiCalls = new Map<Page, string[]>()

  async function openTab(): Promise<Page> {
    const page = await context.newPage()
    apiCalls.set(page, [])
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('request', (request) => {
      const { pathname } = new URL(request.url())
      if (pathname.startsWith('/api/')) apiCalls.get(page)!.push(`${request.method()} ${pathname}`)
    })
    await page.goto(`${demo.url}tabs/?interval=${INTERVAL}`)
    return page
  }

  const role = (page: Page) => page.locator('#tab-role').getAttribute('data-role')
  const waitForRole = async (page: Page, wanted: 'leader' | 'follower', timeout = 5_000) => {
    await page.locator(`#tab-role[data-role=${wanted}]`).waitFor({ timeout })
  }
  /** The texts of the messages in the conversation, in order (outgoing rows not yet echoed are not included). */
  const shownMessages = (page: Page) => page.locator('[part~=transcript] [part~=message] [part~=text]').allTextContents()
  const send = async (page: Page, text: string) => {
    const message = page.getByRole('textbox', { name: 'Message' })
    await message.fill(text)
    await message.press('Enter')
  }
  const serverMessages = (chatId: string) =>
    demo.sim
      .chat(chatId)!
      .transcript.filter((e) => e.type === 'Text')
      .map((e) => e.text)
  const count = (operation: string) => demo.sim.requests.filter((r) => r.operation === operation).length

  beforeAll(async () => {
    // A quarter of the scripted delays: Ava joins after 0.5 s and answers 0.2 s after a message.
    ;[demo, browser] = await Promise.all([serveDemo({ timeScale: 0.25, seed: 3 }), launchBrowser()])
    context = await browser.newContext({ viewport: { width: 960, height: 720 } })
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await demo?.close()
  })

  it('shares one chat and one poller; when the polling tab closes another takes over with nothing lost or doubled', async () => {
    // (a) Tab A starts the chat; tab B, opened on the same page, shows it without asking for a second one.
    const a = await openTab()
    await waitForRole(a, 'leader')
    await a.getByRole('textbox', { name: 'Your name' }).fill('Chris')
    await a.getByRole('textbox', { name: 'How can we help?' }).fill('Two tabs, one chat')
    await a.getByRole('button', { name: 'Start chat' }).click()
    await waitForText(a.getByRole('status'), 'Chatting with Ava')
    await a.getByText("Hi, I'm Ava. How can I help?", { exact: true }).waitFor()
    const [chat] = demo.sim.chats()
    const chatId = chat!.id

    const b = await openTab()
    await waitForRole(b, 'follower')
    await waitForText(b.getByRole('status'), 'Chatting with Ava')
    await b.getByText("Hi, I'm Ava. How can I help?", { exact: true }).waitFor()
    expect(await b.getByRole('textbox', { name: 'Your name' }).isVisible()).toBe(false)
    expect(await shownMessages(b)).toEqual(await shownMessages(a))
    expect(await role(a)).toBe('leader')
    expect(count('RequestChat')).toBe(1)
    expect(demo.sim.chats()).toHaveLength(1)

    // (b) A message typed in the follower is sent once, by the leader, and shows in both tabs.
    await send(b, 'Sent from tab B')
    for (const page of [a, b]) await page.getByText('You said: Sent from tab B', { exact: true }).waitFor()
    for (const page of [a, b]) {
      expect(await shownMessages(page)).toEqual(["Hi, I'm Ava. How can I help?", 'Sent from tab B', 'You said: Sent from tab B'])
      expect(await page.getByText('Sent from tab B', { exact: true }).count()).toBe(1)
    }
    expect(serverMessages(chatId)).toEqual(["Hi, I'm Ava. How can I help?", 'Sent from tab B', 'You said: Sent from tab B'])
    expect(count('SendMessage')).toBe(1)

    await mkdir(SCREENSHOTS, { recursive: true })
    await a.screenshot({ path: `${SCREENSHOTS}tabs-leader.png` })
    await b.screenshot({ path: `${SCREENSHOTS}tabs-follower.png` })
    expect(await accessibilityViolations(b)).toEqual([])

    // (c) One tab polls: over two seconds the server sees one engine's rate, and the follower made no request at all.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const from = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const polls = demo.sim.requests.filter((r) => r.operation === 'GetMessages' && r.time >= from && r.time < from + 2_000).length
    const oneEngine = 2_000 / INTERVAL
    expect(polls).toBeGreaterThanOrEqual(oneEngine / 2)
    expect(polls).toBeLessThanOrEqual(oneEngine + 2)
    expect(apiCalls.get(b)).toEqual([])
    expect(apiCalls.get(a)!.filter((call) => call.endsWith('/messages')).length).toBeGreaterThan(0)

    // The leader tab goes to the background while B is in view: the visitor reads the chat in B, so the pace stays.
    // (Headless pages are never hidden: the page is told so the way the browser tells it.)
    await a.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    const hiddenFrom = Date.now()
    await new Promise((resolve) => setTimeout(resolve, 2_000))
    const pollsWhileHidden = demo.sim.requests.filter((r) => r.operation === 'GetMessages' && r.time >= hiddenFrom && r.time < hiddenFrom + 2_000).length
    expect(pollsWhileHidden).toBeGreaterThanOrEqual(oneEngine / 2)

    // (d) Close the leader: B takes over within a few seconds and polls from then on.
    await a.close()
    const closedAt = Date.now()
    await waitForRole(b, 'leader', 5_000)
    const takeover = Date.now() - closedAt
    expect(takeover).toBeLessThan(5_000)
    const pollsBefore = count('GetMessages')
    await demo.sim.waitFor(() => count('GetMessages') >= pollsBefore + 3, 5_000)
    expect(apiCalls.get(b)!.some((call) => call.endsWith('/messages'))).toBe(true)

    // What the agent says after the close reaches B; what B sends then is delivered once.
    demo.sim.agent(chatId).say('Are you still there?')
    await b.getByText('Are you still there?', { exact: true }).waitFor()
    await send(b, 'Yes, in the other tab')
    await b.getByText('You said: Yes, in the other tab', { exact: true }).waitFor()
    const expected = [
      "Hi, I'm Ava. How can I help?",
      'Sent from tab B',
      'You said: Sent from tab B',
      'Are you still there?',
      'Yes, in the other tab',
      'You said: Yes, in the other tab',
    ]
    expect(serverMessages(chatId)).toEqual(expected)
    expect(await shownMessages(b)).toEqual(expected)
    expect(count('SendMessage')).toBe(2)

    // Reloaded while it is the only tab, it leads again and resumes the chat from localStorage, nothing doubled.
    await b.reload()
    await waitForRole(b, 'leader')
    await b.getByText('You said: Yes, in the other tab', { exact: true }).waitFor()
    expect(await shownMessages(b)).toEqual(expected)

    // A third tab follows the new leader and shows the same conversation.
    const c = await openTab()
    await waitForRole(c, 'follower')
    await c.getByText('You said: Yes, in the other tab', { exact: true }).waitFor()
    expect(await shownMessages(c)).toEqual(expected)
    expect(await role(b)).toBe('leader')

    // Reloading the leader hands the chat to the third tab; the reloaded tab comes back as a follower, nothing doubled.
    await b.reload()
    await waitForRole(c, 'leader')
    await waitForRole(b, 'follower')
    await b.getByText('You said: Yes, in the other tab', { exact: true }).waitFor()
    expect(await shownMessages(b)).toEqual(expected)
    expect(await shownMessages(c)).toEqual(expected)

    // The follower ends the chat for every tab; still one chat on the server.
    await b.getByRole('button', { name: 'End chat' }).click()
    for (const page of [b, c]) await page.getByText('You ended the chat.').waitFor()
    expect(demo.sim.chat(chatId)!.ended).toBe(true)
    expect(demo.sim.chat(chatId)!.endedBy).toBe('customer')
    expect(count('RequestChat')).toBe(1)
    expect(count('Complete')).toBe(1)
    expect(errors).toEqual([])
  }, 30_000)
})
