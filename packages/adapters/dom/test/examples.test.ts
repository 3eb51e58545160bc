import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as core from '@gws-chat/core'
import { defaultStyles, defineGwsChatElement, type GwsChatElement } from '../src'
import { catalogues } from '../src/i18n'
import { adoptedCss, installAdoptedStyleSheets } from './adopted-sheets'
import { createFakeChat } from '../../test-support/fakes'

vi.mock('@gws-chat/core', async (importOriginal) => {
  const actual = await importOriginal<typeof core>()
  return { ...actual, createChat: vi.fn(actual.createChat) }
})

afterEach(() => document.body.replaceChildren())

/** The examples docs/dom.md shows (each is included there as it is). */
describe('the examples of docs/dom.md', () => {
  it('launcher.ts: a launcher in German that follows the system theme', async () => {
    const example = await import('./examples/launcher')
    try {
      const root = document.body.querySelector<HTMLElement>('[part~=root]')!
      expect([root.dataset.layout, root.dataset.theme, root.lang]).toEqual(['launcher', 'auto', 'de'])
      const launcher = root.querySelector<HTMLButtonElement>('[part~=launcher]')!
      launcher.click()
      expect(root.querySelector('[part~=start]')!.textContent).toBe(catalogues.de!.start)
      expect(document.activeElement).toBe(root.querySelector('input[name=nickname]'))
    } finally {
      example.unmount()
      example.chat.destroy()
    }
  })

  it('attention.ts: the unread count in the title and on the launcher, until stopped', async () => {
    document.title = 'Shop'
    const fake = createFakeChat({ status: 'connected' })
    vi.mocked(core.createChat).mockReturnValueOnce(fake.chat as never)
    const example = await import('./examples/attention')
    try {
      fake.update({ unreadCount: 3 } as never)
      expect(document.title).toBe('(3) Shop')
      expect(document.body.querySelector('[part~=badge]')!.textContent).toBe('3')
      example.stopAttention()
      expect(document.title).toBe('Shop')
    } finally {
      example.unmount()
    }
  })

  it('theme.css: sets only properties the default stylesheet reads', async () => {
    const css = await readFile(join(__dirname, 'examples/theme.css'), 'utf8')
    const names = [...css.matchAll(/(--gws-chat-[\w-]+):/g)].map((m) => m[1]!)
    expect(names.length).toBeGreaterThan(5)
    for (const name of names) expect(defaultStyles).toContain(`var(${name},`)
    expect(defaultStyles).toContain('.gws-chat[data-theme=dark]')
  })

  it('csp.html: the element with its attributes, styled by an adopted sheet, with no style attribute or element', async () => {
    const uninstall = installAdoptedStyleSheets()
    try {
      const html = await readFile(join(__dirname, 'examples/csp.html'), 'utf8')
      const page = new DOMParser().parseFromString(html, 'text/html')
      expect(page.querySelector('meta[http-equiv=Content-Security-Policy]')!.getAttribute('content')).toContain("style-src 'self'")
      defineGwsChatElement()
      const element = document.importNode(page.querySelector('gws-chat')!, true) as GwsChatElement
      document.body.append(element)
      expect(vi.mocked(core.createChat).mock.lastCall![0]).toMatchObject({ baseUrl: 'https://gws.example.com', withCredentials: false })
      const root = element.querySelector<HTMLElement>('[part~=root]')!
      expect([root.dataset.layout, root.lang]).toEqual(['launcher', 'fr'])
      expect(document.querySelectorAll('[style], style')).toHaveLength(0)
      expect(adoptedCss(document)).toContain('.gws-chat')
      element.remove()
    } finally {
      uninstall()
    }
  })
})
