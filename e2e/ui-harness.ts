import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'

/**
 * What the styled-widget tests share: the `/widget/` demo page under a strict Content-Security-Policy, axe-core at
 * every impact level, the focused element as a keyboard user sees it, and a record of what the live regions say.
 */

const require = createRequire(import.meta.url)

export const BINDINGS = [
  { name: 'DOM widget', binding: 'dom' },
  { name: '<gws-chat>', binding: 'element' },
  { name: 'React <ChatWidget>', binding: 'react' },
  { name: 'Vue <ChatWidget>', binding: 'vue' },
] as const
export type Binding = (typeof BINDINGS)[number]['binding']

/** The policy of a strict site: nothing inline, nothing from elsewhere; the simulator is on the page's own origin. */
export const STRICT_CSP = "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'"

export interface WidgetQuery {
  binding: Binding
  theme?: 'light' | 'dark' | 'auto'
  layout?: 'inline' | 'launcher'
  lang?: string
  /** `<gws-chat shadow>` (the element only). */
  shadow?: boolean
  /** The resting poll interval in ms (the element ignores it: it creates its own engine from its attributes). */
  interval?: number
}

export function widgetUrl(base: string, query: WidgetQuery): string {
  const params = new URLSearchParams({ binding: query.binding, interval: String(query.interval ?? 200) })
  for (const name of ['theme', 'layout', 'lang'] as const) if (query[name]) params.set(name, query[name]!)
  if (query.shadow) params.set('shadow', '')
  return `${base}widget/?${params}`
}

// Injected as an init script (a DevTools script, not a page script), so the page's CSP neither blocks it nor is
// loosened for it: `bypassCSP` would switch the policy off for the widget too.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

/** Runs in the page before its own scripts: records CSP violations and every change inside a live region. */
function pageProbe(): void {
  const w = window as unknown as { __csp: string[]; __live: { region: string; text: string }[] }
  w.__csp = []
  w.__live = []
  document.addEventListener(
    'securitypolicyviolation',
    (event) => w.__csp.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile || 'page'}:${event.lineNumber})`),
    true,
  )
  const parentAcross = (node: Node): Node | null => node.parentNode ?? ((node as ShadowRoot).host as Node | undefined) ?? null
  const liveRegion = (node: Node): Element | null => {
    for (let at: Node | null = node; at; at = parentAcross(at)) {
      if (at instanceof Element) {
        const live = at.getAttribute('aria-live')
        const role = at.getAttribute('role')
        if (live === 'off') return null
        if (live || role === 'log' || role === 'status' || role === 'alert') return at
      }
    }
    return null
  }
  const describe = (region: Element) => `${region.localName}${region.getAttribute('role') ? `[role=${region.getAttribute('role')}]` : ''}${region.getAttribute('aria-label') ? `[${region.getAttribute('aria-label')}]` : ''}`
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      const region = liveRegion(m.target)
      if (!region) continue
      // An atomic region is read out whole whenever anything inside it changes.
      const atomic = region.getAttribute('aria-atomic') === 'true' || region.getAttribute('role') === 'status' || region.getAttribute('role') === 'alert'
      let text = ''
      if (atomic) text = region.textContent ?? ''
      else if (m.type === 'characterData') text = m.target.textContent ?? ''
      else for (const added of m.addedNodes) text += added.textContent ?? ''
      if (text.trim() !== '') w.__live.push({ region: describe(region), text: text.trim() })
    }
  })
  const watch = (root: Node) => observer.observe(root, { subtree: true, childList: true, characterData: true })
  watch(document)
  const attach = Element.prototype.attachShadow
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    const shadow = attach.call(this, init)
    watch(shadow)
    return shadow
  }
}

export interface WidgetContext {
  context: BrowserContext
  page: Page
  /** Uncaught errors of the page. */
  errors: string[]
}

/**
 * A context whose `/widget/` documents carry the strict CSP header, with axe and the probe injected. The clock is
 * the real one unless `clock` is given (then it starts at that instant and runs on): the times shown are stable.
 */
export async function widgetContext(browser: Browser, options: BrowserContextOptions & { clock?: Date } = {}): Promise<WidgetContext> {
  const { clock, ...contextOptions } = options
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', locale: 'en-US', timezoneId: 'UTC', ...contextOptions })
  await context.route(/\/widget\/(\?.*)?$/, async (route) => {
    const response = await route.fetch()
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': STRICT_CSP } })
  })
  await context.addInitScript({ content: AXE_SOURCE })
  await context.addInitScript(pageProbe)
  context.setDefaultTimeout(10_000)
  const page = await context.newPage()
  if (clock) await page.clock.install({ time: clock })
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  return { context, page, errors }
}

/** CSP violations the page has reported so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)
}

/** What the live regions have said so far, in order. */
export function liveAnnouncements(page: Page): Promise<{ region: string; text: string }[]> {
  return page.evaluate(() => (window as unknown as { __live: { region: string; text: string }[] }).__live)
}

/** Every axe-core violation on the page as it is now, at any impact level, as `id [impact] help: target, target`. */
export async function axeViolations(page: Page): Promise<string[]> {
  const violations = await page.evaluate(async () => {
    type Result = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<Result> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => JSON.stringify(n.target)) }))
  })
  return violations.map((v) => `${v.id} [${v.impact}] ${v.help}: ${v.targets.join(', ')}`)
}

/** The focused element, looked up through shadow roots, as a keyboard user meets it. */
export interface Focused {
  /** tag, role and accessible name, e.g. `button "End chat"`. */
  label: string
  name: string
  focusVisible: boolean
  outline: string
  /** Contrast of the focus indicator (outline or box-shadow colour) against what is behind the element; 0 when there is none. */
  contrast: number
}

export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    let active: Element | null = document.activeElement
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement
    if (!active || active === document.body) return { label: 'body', name: '', focusVisible: false, outline: 'none', contrast: 0 }
    const el = active as HTMLElement
    // Text as a screen reader names it: what is aria-hidden is left out.
    const spoken = (node: Node): string =>
      node instanceof Element ? (node.getAttribute('aria-hidden') === 'true' ? '' : [...node.childNodes].map(spoken).join(' ')) : (node.textContent ?? '')
    const text = (node: Element | null) => (node ? spoken(node) : '').replace(/\s+/g, ' ').trim()
    const root = el.getRootNode() as Document | ShadowRoot
    const labelledBy = el.getAttribute('aria-labelledby')
    const labels = (el as HTMLInputElement).labels
    const name =
      el.getAttribute('aria-label') ??
      (labelledBy ? labelledBy.split(/\s+/).map((id) => text(root.getElementById?.(id) ?? null)).join(' ') : null) ??
      (labels && labels.length > 0 ? text(labels[0]!) : null) ??
      text(el)
    const role = el.getAttribute('role') ?? el.localName
    const style = getComputedStyle(el)
    const parse = (color: string): [number, number, number, number] | null => {
      const m = /rgba?\(([\d.]+)[ ,]+([\d.]+)[ ,]+([\d.]+)(?:[ ,/]+([\d.]+))?\)/.exec(color)
      return m ? [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])] : null
    }
    const luminance = ([r, g, b]: number[]) => {
      const [R, G, B] = [r!, g!, b!].map((c) => {
        const s = c / 255
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!
    }
    // The first opaque background behind the element (the outline sits outside it, on its parent's background).
    let behind: number[] = [255, 255, 255]
    for (let at: Node | null = el.parentNode; at; at = at.parentNode ?? (at as ShadowRoot).host ?? null) {
      if (!(at instanceof Element)) continue
      const bg = parse(getComputedStyle(at).backgroundColor)
      if (bg && bg[3] > 0.9) {
        behind = bg
        break
      }
    }
    const hasOutline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 1
    const shadow = style.boxShadow !== 'none' ? parse(style.boxShadow) : null
    const indicator = hasOutline ? parse(style.outlineColor) : shadow
    let contrast = 0
    if (indicator && indicator[3] > 0) {
      const [a, b] = [luminance(indicator), luminance(behind)]
      contrast = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)
    }
    return {
      label: `${role} "${name}"`,
      name,
      focusVisible: el.matches(':focus-visible'),
      outline: hasOutline ? `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}` : style.boxShadow,
      contrast: Math.round(contrast * 100) / 100,
    }
  })
}

/**
 * Press Tab (or Shift+Tab) until the focused element's accessible name is `name`, at most `limit` times; every
 * element passed on the way must show a visible focus indicator (`visited` collects what was met).
 */
export async function tabTo(page: Page, name: string | RegExp, { backward = false, limit = 12, visited = [] as Focused[] } = {}): Promise<Focused> {
  const met: string[] = []
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(backward ? 'Shift+Tab' : 'Tab')
    const now = await focused(page)
    visited.push(now)
    met.push(now.label)
    if (typeof name === 'string' ? now.name === name : name.test(now.name)) return now
  }
  throw new Error(`${backward ? 'Shift+Tab' : 'Tab'} never reached ${name}; met ${met.join(' → ')}`)
}

/** Wait until the focused element is the one named `name` (focus moved by the widget, not by a key). */
export async function waitForFocus(page: Page, name: string, timeout = 5_000): Promise<Focused> {
  const deadline = Date.now() + timeout
  let last = await focused(page)
  while (Date.now() < deadline) {
    if (last.name === name) return last
    await new Promise((resolve) => setTimeout(resolve, 25))
    last = await focused(page)
  }
  throw new Error(`Expected focus on "${name}", it is on ${last.label}`)
}

/** The widget's root element (through the element's shadow root when it has one). */
export function widgetRoot(page: Page): Locator {
  return page.locator('[part~=root], .gws-chat').first()
}

/** Resolves when a text appears in the conversation log. */
export async function inLog(page: Page, text: string, timeout = 15_000): Promise<void> {
  await conversation(page).getByText(text, { exact: true }).first().waitFor({ timeout })
}

/** The conversation: the focusable region of the transcript. */
export function conversation(page: Page): Locator {
  return page.locator('[part~=log]')
}

/** Load the widget page and wait for its pre-chat form; a page that fails to mount fails here, with its errors. */
export async function openWidget({ page, errors }: WidgetContext, url: string): Promise<void> {
  await page.goto(url)
  const start = page.locator('[part~=prechat] [part~=start]')
  const launcher = page.locator('[part~=launcher]')
  const failed = new Promise<never>((_, reject) => page.once('pageerror', (error) => reject(new Error(`the page failed: ${error.message}`))))
  failed.catch(() => {})
  if (errors.length > 0) throw new Error(`the page failed: ${errors.join('; ')}`)
  await Promise.race([start.or(launcher).first().waitFor(), failed])
}
