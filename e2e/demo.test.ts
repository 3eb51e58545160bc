import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { accessibilityViolations, launchBrowser, serveDemo, waitForText } from './helpers'
import type { DemoServer } from '../demo/server.mjs'

const SCREENSHOTS = fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
const XSS = '<img src=x onerror="window.__xss=1">'

/** The three demo pages show the same chat with the same words, so one script drives them all. */
describe.each([
  { name: 'DOM widget', path: 'dom', screenshot: 'dom.png' },
  { name: 'React', path: 'react', screenshot: 'react.png' },
  { name: 'Vue', path: 'vue', screenshot: 'vue.png' },
])('the $name demo page in Chromium', ({ path, screenshot }) => {
  let demo: DemoServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  const errors: string[] = []

  beforeAll(async () => {
    // A quarter of the scripted delays: Ava joins after 0.5 s.
    ;[demo, browser] = await Promise.all([serveDemo({ timeScale: 0.25, seed: 1 }), launchBrowser()])
    context = await browser.newContext({ viewport: { width: 960, height: 720 } })
    page = await context.newPage()
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('dialog', (dialog) => void dialog.dismiss())
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await demo?.close()
  })

  it('runs a whole chat: pre-chat form, queue, agent, messages both ways, typing, a failed send and its retry, end', async () => {
    await page.goto(`${demo.url}${path}/?interval=200`)
    const status = page.getByRole('status')
    const log = page.getByRole('log', { name: 'Conversation' })
    const message = page.getByRole('textbox', { name: 'Message' })
    const send = async (text: string) => {
      await message.fill(text)
      await message.press('Enter')
    }

    // Pre-chat form
    await page.getByRole('textbox', { name: 'Your name' }).fill('Chris')
    await page.getByRole('textbox', { name: 'How can we help?' }).fill('A question about my bill')
    expect(await accessibilityViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Start chat' }).click()

    // Queued, then the agent joins and greets
    await waitForText(status, 'Waiting for an agent…')
    await waitForText(status, 'Chatting with Ava')
    await log.getByText('Ava joined the chat').waitFor()
    await log.getByText("Hi, I'm Ava. How can I help?").waitFor()
    const [chat] = demo.sim.chats()
    expect(chat!.nickname).toBe('Chris')
    expect(chat!.subject).toBe('A question about my bill')

    // Messages both ways; Enter sends and the message box keeps focus
    await send('Hello there')
    await log.getByText('Hello there', { exact: true }).waitFor()
    await log.getByText('You said: Hello there').waitFor()
    expect(await message.inputValue()).toBe('')
    expect(demo.sim.requests.some((r) => r.operation === 'SendStartTypingNotification')).toBe(true)

    // A reload resumes the same chat: the page rebuilds the conversation from the server
    await page.reload()
    await waitForText(status, 'Chatting with Ava')
    await log.getByText('You said: Hello there').waitFor()
    expect(demo.sim.chats()).toHaveLength(1)

    // The agent types, then answers
    const agent = demo.sim.agent(chat!.id)
    agent.typing(true)
    await page.getByText('Ava is typing…').waitFor()
    agent.say('Let me look that up.')
    await log.getByText('Let me look that up.').waitFor()
    await page.getByText('Ava is typing…').waitFor({ state: 'detached' })

    // Markup in a message is shown as text, in both directions
    await send(XSS)
    await log.getByText(`You said: ${XSS}`).waitFor()
    expect(await log.getByText(XSS, { exact: true }).count()).toBeGreaterThan(0)
    expect(await page.locator('img').count()).toBe(0)
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()

    // A send the server refuses fails at once; Retry sends it again
    demo.sim.addFault({ kind: 'http-error', operation: 'SendMessage', status: 400, times: 1 })
    await send('Is my payment through?')
    await page.getByText('Not sent').waitFor()
    const retry = page.getByRole('button', { name: 'Retry' })
    await retry.waitFor()
    expect(await accessibilityViolations(page)).toEqual([])
    await mkdir(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: `${SCREENSHOTS}${screenshot}` })
    await retry.click()
    await log.getByText('You said: Is my payment through?').waitFor()
    expect(await page.getByText('Not sent').count()).toBe(0)

    // A pushed URL is a link showing the address it opens (host in ASCII); one with a user name in front of the host stays text
    agent.pushUrl('https://b\u0430nk.example/help')
    agent.pushUrl('https://bank.example@evil.example/')
    await log.getByRole('link', { name: 'https://xn--bnk-6cd.example/help', exact: true }).waitFor()
    await log.getByText('https://bank.example@evil.example/', { exact: true }).waitFor()
    expect(await log.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://xn--bnk-6cd.example/help'])

    // End
    await page.getByRole('button', { name: 'End chat' }).click()
    await page.getByText('You ended the chat.').waitFor()
    await page.getByRole('button', { name: 'Start a new chat' }).waitFor()
    expect(await message.count()).toBe(0)
    expect(await accessibilityViolations(page)).toEqual([])

    // What the server saw
    const view = demo.sim.chat(chat!.id)!
    expect(view.ended).toBe(true)
    expect(view.endedBy).toBe('customer')
    const customerTexts = view.transcript.filter((e) => e.type === 'Text' && e.from.type === 'Customer').map((e) => e.text)
    expect(customerTexts).toEqual(['Hello there', XSS, 'Is my payment through?'])
    expect(demo.sim.requests.filter((r) => r.operation === 'RequestChat')).toHaveLength(1)
    expect(errors).toEqual([])
  }, 60_000)

  it('attaches the Stately inspector when its switch is checked', async () => {
    await page.goto(`${demo.url}${path}/`)
    const toggle = page.getByRole('checkbox', { name: 'Attach the Stately inspector' })
    expect(await toggle.isChecked()).toBe(false)
    // The inspector opens its own window on stately.ai (it cannot load here without the internet; that is fine).
    const inspectorRequest = context.waitForEvent('request', (request) => new URL(request.url()).hostname.endsWith('stately.ai'))
    await Promise.all([page.waitForURL(/[?&]inspect=1/), toggle.check()])
    await inspectorRequest
    await Promise.all(context.pages().filter((other) => other !== page).map((other) => other.close()))
    expect(await page.getByRole('checkbox', { name: 'Attach the Stately inspector' }).isChecked()).toBe(true)
    await page.getByRole('button', { name: 'Start chat' }).waitFor()
    expect(errors).toEqual([])
  }, 30_000)
})
