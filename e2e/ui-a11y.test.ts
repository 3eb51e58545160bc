import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, serveDemo } from './helpers'
import { axeViolations, BINDINGS, cspViolations, inLog, liveAnnouncements, openWidget, widgetContext, widgetUrl, type WidgetContext } from './ui-harness'
import type { DemoServer } from '../demo/server.mjs'

const SCHEMES = ['light', 'dark'] as const
const WIDTHS = [375, 1280] as const

/** axe at every impact level in both colour schemes and at both widths, as the page is now; `moment` names it. */
async function axeEverywhere(page: Page, moment: string): Promise<string[]> {
  const failures: string[] = []
  for (const colorScheme of SCHEMES) {
    await page.emulateMedia({ colorScheme })
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: width < 480 ? 740 : 800 })
      for (const violation of await axeViolations(page)) failures.push(`${moment}, ${colorScheme}, ${width} px: ${violation}`)
    }
  }
  return failures
}

/** The pre-chat form filled and sent with the mouse (the keyboard-only chat is in ui-keyboard.test.ts). */
async function startChat(page: Page, subject: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Your name' }).fill('Chris')
  await page.getByRole('textbox', { name: 'How can we help?' }).fill(subject)
  await page.getByRole('button', { name: 'Start chat' }).click()
  await inLog(page, "Hi, I'm Ava. How can I help?")
}

async function send(page: Page, text: string): Promise<void> {
  const message = page.getByRole('textbox', { name: 'Message' })
  await message.fill(text)
  await message.press('Enter')
  await inLog(page, `You said: ${text}`)
}

describe.each(BINDINGS)('the styled $name in Chromium, under a strict CSP', ({ binding }) => {
  let demo: DemoServer
  let browser: Browser
  let w: WidgetContext | undefined

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([serveDemo({ timeScale: 0.25, seed: 3 }), launchBrowser()])
  }, 60_000)

  afterAll(async () => {
    await w?.context.close()
    await browser?.close()
    await demo?.close()
  })

  it('passes axe at every impact level, light and dark, 375 and 1280 px, through a whole chat (theme auto)', async () => {
    w = await widgetContext(browser)
    const { page } = w
    await openWidget(w, widgetUrl(demo.url, { binding, theme: 'auto' }))
    const failures = await axeEverywhere(page, 'pre-chat form')

    await startChat(page, 'A question about my bill')
    await send(page, 'Hello there')
    failures.push(...(await axeEverywhere(page, 'connected, messages both ways')))

    await page.getByRole('button', { name: 'End chat' }).click()
    await page.getByRole('button', { name: 'Start a new chat' }).waitFor()
    failures.push(...(await axeEverywhere(page, 'ended')))

    expect(failures).toEqual([])
    expect(await cspViolations(page)).toEqual([])
    expect(w.errors).toEqual([])
  }, 90_000)

  it('passes axe with the launcher closed, with an unread badge, and open (full screen at 375 px)', async () => {
    await w?.context.close()
    w = await widgetContext(browser)
    const { page } = w
    await openWidget(w, widgetUrl(demo.url, { binding, layout: 'launcher', theme: 'auto' }))
    const launcher = page.locator('[part~=launcher]')
    const failures = await axeEverywhere(page, 'launcher closed')

    await launcher.click()
    await startChat(page, 'From the launcher')
    failures.push(...(await axeEverywhere(page, 'launcher open, connected')))
    await page.getByRole('button', { name: 'Close chat' }).click()
    const chat = demo.sim.chats().at(-1)!
    demo.sim.agent(chat.id).say('Are you still there?')
    // The badge counts what arrived while the panel was closed, and the launcher's name says it
    await page.locator('[part~=badge]').getByText('1', { exact: true }).waitFor()
    await page.getByRole('button', { name: 'Open chat 1 unread' }).waitFor()
    failures.push(...(await axeEverywhere(page, 'launcher closed, 1 unread')))
    await launcher.click()
    await inLog(page, 'Are you still there?')
    expect(await page.locator('[part~=badge]').isVisible()).toBe(false)
    failures.push(...(await axeEverywhere(page, 'launcher reopened')))
    expect(failures).toEqual([])
    expect(await cspViolations(page)).toEqual([])
    expect(w.errors).toEqual([])
  }, 90_000)

  it('announces an agent message once through a live region', async () => {
    await w?.context.close()
    w = await widgetContext(browser)
    const { page } = w
    await openWidget(w, widgetUrl(demo.url, { binding }))
    await startChat(page, 'Live region')
    await send(page, 'Hello there')
    const chat = demo.sim.chats().at(-1)!
    demo.sim.agent(chat.id).say('Let me look that up for you.')
    await inLog(page, 'Let me look that up for you.')
    // Several polls later (the element polls every 3 s): nothing said again.
    await page.waitForTimeout(binding === 'element' ? 3_500 : 1_000)
    const said = await liveAnnouncements(page)
    const times = (text: string) => said.filter((a) => a.text.includes(text)).length
    expect(times('Let me look that up for you.'), JSON.stringify(said, null, 1)).toBe(1)
    expect(times('You said: Hello there'), JSON.stringify(said, null, 1)).toBe(1)
    expect(times("Hi, I'm Ava. How can I help?"), JSON.stringify(said, null, 1)).toBe(1)
  }, 60_000)
})
