import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchBrowser, serveDemo } from './helpers'
import { BINDINGS, conversation, cspViolations, inLog, openWidget, STRICT_CSP, widgetContext, widgetRoot, widgetUrl, type WidgetContext } from './ui-harness'
import type { DemoServer } from '../demo/server.mjs'

const PROPERTIES = ['background-color', 'border-top-width', 'border-top-color', 'border-top-left-radius', 'padding-top', 'padding-left', 'font-family'] as const
type Styles = Record<(typeof PROPERTIES)[number], string>

/**
 * The computed styles of the widget's card (its panel), an agent's bubble and the composer, beside those of the same elements
 * with no stylesheet (the user agent's defaults, measured on fresh elements appended to the page's body).
 */
async function stylesOf(page: Page): Promise<{ part: string; styled: Styles; plain: Styles }[]> {
  const panel = page.locator('[part~=panel]')
  const root = await ((await panel.count()) > 0 ? panel.first() : widgetRoot(page)).elementHandle()
  const input = await page.getByRole('textbox', { name: 'Message' }).elementHandle()
  const text = await conversation(page).getByText("Hi, I'm Ava. How can I help?", { exact: true }).first().elementHandle()
  return page.evaluate(
    ({ root, input, text, properties }) => {
      const read = (el: Element) => Object.fromEntries(properties.map((p) => [p, getComputedStyle(el).getPropertyValue(p)])) as Styles
      const plain = (el: Element) => {
        const fresh = document.createElement(el.localName)
        document.body.append(fresh)
        const styles = read(fresh)
        fresh.remove()
        return styles
      }
      // The bubble: the first element around the message's text with a background of its own, inside the widget.
      let bubble: Element | null = text
      while (bubble && bubble !== root && getComputedStyle(bubble).backgroundColor === 'rgba(0, 0, 0, 0)') {
        bubble = bubble.parentElement ?? ((bubble.parentNode as ShadowRoot | null)?.host ?? null)
      }
      if (!bubble || bubble === root) bubble = text
      return [root, bubble, input].map((el, i) => ({ part: ['card', 'agent bubble', 'composer'][i]!, styled: read(el), plain: plain(el) }))
    },
    { root, input, text, properties: PROPERTIES },
  )
}

describe('the styled widget under a strict CSP', () => {
  let demo: DemoServer
  let browser: Browser
  let w: WidgetContext | undefined

  beforeAll(async () => {
    ;[demo, browser] = await Promise.all([serveDemo({ timeScale: 0.25, seed: 5 }), launchBrowser()])
  }, 60_000)

  afterAll(async () => {
    await w?.context.close()
    await browser?.close()
    await demo?.close()
  })

  it.each([...BINDINGS.map(({ name, binding }) => ({ name, binding, shadow: false })), { name: '<gws-chat shadow>', binding: 'element' as const, shadow: true }])(
    '$name is styled with no inline style allowed, and nothing is blocked',
    async ({ binding, shadow }) => {
      await w?.context.close()
      w = await widgetContext(browser)
      const { page } = w
      const document = page.waitForResponse((response) => response.url().includes('/widget/'))
      await openWidget(w, widgetUrl(demo.url, { binding, shadow }))
      expect((await (await document).allHeaders())['content-security-policy']).toBe(STRICT_CSP)

      await page.getByRole('textbox', { name: 'Your name' }).fill('Chris')
      await page.getByRole('textbox', { name: 'How can we help?' }).fill('Under a strict CSP')
      await page.getByRole('button', { name: 'Start chat' }).click()
      await inLog(page, "Hi, I'm Ava. How can I help?")

      // No style attribute anywhere in the widget (a strict style-src ignores them)
      expect(await widgetRoot(page).evaluate((root) => [root, ...root.querySelectorAll('[style]')].filter((el) => el.hasAttribute('style')).map((el) => el.localName))).toEqual([])
      const unstyled: string[] = []
      for (const { part, styled, plain } of await stylesOf(page)) {
        const changed = PROPERTIES.filter((p) => styled[p] !== plain[p])
        // A styled piece differs from the user agent's defaults in its background, border or radius, and its spacing.
        const look = changed.filter((p) => p === 'background-color' || p.startsWith('border'))
        const spacing = changed.filter((p) => p.startsWith('padding'))
        if (look.length === 0 || spacing.length === 0) unstyled.push(`${part} looks like the user agent's default: ${JSON.stringify(styled)}`)
      }
      expect(unstyled).toEqual([])
      expect(await cspViolations(page)).toEqual([])
      expect(w.errors).toEqual([])
    },
    30_000,
  )
})
