import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, serveDemo } from './helpers'
import { axeViolations, BINDINGS, conversation, cspViolations, focused, inLog, openWidget, tabTo, waitForFocus, widgetContext, widgetUrl, type Focused, type WidgetContext } from './ui-harness'
import type { DemoServer } from '../demo/server.mjs'

/** What a keyboard user would miss: a stop with no visible focus indicator, or one too faint (WCAG 1.4.11: 3:1). */
function invisibleFocus(visited: Focused[]): string[] {
  return visited
    .filter((stop) => stop.label !== 'body')
    .filter((stop) => !stop.focusVisible || stop.outline === 'none' || stop.contrast < 3)
    .map((stop) => `${stop.label}: focus-visible ${stop.focusVisible}, indicator ${stop.outline}, contrast ${stop.contrast}`)
}

describe.each(BINDINGS)('the styled $name with the keyboard alone', ({ binding }) => {
  let demo: DemoServer
  let browser: Browser
  let w: WidgetContext | undefined

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([serveDemo({ timeScale: 0.25, seed: 4 }), launchBrowser()])
  }, 60_000)

  afterAll(async () => {
    await w?.context.close()
    await browser?.close()
    await demo?.close()
  })

  // theme="light" on a system that prefers dark and the other way round: the option wins. axe looks at each step too.
  it.each(['light', 'dark'] as const)('runs a whole chat with Tab, Shift+Tab and Enter, focus visible at every stop, axe clean (theme %s)', async (theme) => {
    await w?.context.close()
    w = await widgetContext(browser, { colorScheme: theme === 'light' ? 'dark' : 'light' })
    const { page } = w
    await openWidget(w, widgetUrl(demo.url, { binding, theme }))
    const visited: Focused[] = []
    const violations = (await axeViolations(page)).map((v) => `pre-chat form: ${v}`)

    // The pre-chat form, field by field
    await tabTo(page, 'Your name', { visited })
    await page.keyboard.type('Chris')
    await tabTo(page, 'How can we help?', { visited })
    await page.keyboard.type('Asked with the keyboard')
    await tabTo(page, 'Start chat', { visited })
    await page.keyboard.press('Enter')

    // Focus goes to the composer once the chat starts; Enter sends and the composer keeps focus
    visited.push(await waitForFocus(page, 'Message'))
    await inLog(page, "Hi, I'm Ava. How can I help?")
    await page.keyboard.type('Hello there')
    await page.keyboard.press('Enter')
    await inLog(page, 'You said: Hello there')
    expect((await focused(page)).name).toBe('Message')
    violations.push(...(await axeViolations(page)).map((v) => `connected: ${v}`))

    // The conversation is a focusable region holding the agent's reply
    await tabTo(page, 'Conversation', { backward: true, visited })
    expect(await conversation(page).textContent()).toContain('You said: Hello there')

    // End: focus lands on "Start a new chat", which leads back to the form
    await tabTo(page, 'End chat', { backward: true, visited })
    await page.keyboard.press('Enter')
    visited.push(await waitForFocus(page, 'Start a new chat'))
    violations.push(...(await axeViolations(page)).map((v) => `ended: ${v}`))
    await page.keyboard.press('Enter')
    visited.push(await waitForFocus(page, 'Your name'))

    const chat = demo.sim.chat(demo.sim.chats().at(-1)!.id)!
    expect(chat.nickname).toBe('Chris')
    expect(chat.subject).toBe('Asked with the keyboard')
    expect(chat.transcript.filter((e) => e.type === 'Text' && e.from.type === 'Customer').map((e) => e.text)).toEqual(['Hello there'])
    expect(chat.endedBy).toBe('customer')
    expect(invisibleFocus(visited)).toEqual([])
    expect(violations).toEqual([])
    expect(await cspViolations(page)).toEqual([])
    expect(w.errors).toEqual([])
  }, 60_000)

  it('opens the launcher with Enter and closes it with Escape, focus back on the launcher', async () => {
    await w?.context.close()
    w = await widgetContext(browser)
    const { page } = w
    await openWidget(w, widgetUrl(demo.url, { binding, layout: 'launcher' }))
    const visited: Focused[] = []
    const launcher = page.locator('button[aria-expanded]').first()
    const name = 'Open chat'
    await tabTo(page, name, { visited })
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')

    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: 'Start chat' }).waitFor()
    expect(await launcher.getAttribute('aria-expanded')).toBe('true')
    await tabTo(page, 'Your name', { visited })

    await page.keyboard.press('Escape')
    visited.push(await waitForFocus(page, name))
    expect(await launcher.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByRole('button', { name: 'Start chat' }).isVisible()).toBe(false)
    expect(invisibleFocus(visited)).toEqual([])
    expect(w.errors).toEqual([])
  }, 30_000)
})
