import { afterEach, describe, expect, it } from 'vitest'
import { adoptedCss, installAdoptedStyleSheets } from './adopted-sheets'
import { ava, cleanUp, entry, setup } from './widget'

afterEach(cleanUp)

const launcherOf = (ui: ReturnType<typeof setup>) => ui.part('launcher') as HTMLButtonElement

describe('the launcher layout', () => {
  it('starts closed: a button that controls the hidden panel, and the engine told the chat is not in view', () => {
    const ui = setup({}, { layout: 'launcher' })
    const button = launcherOf(ui)
    expect(ui.part('root').dataset.layout).toBe('launcher')
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(button.getAttribute('aria-controls')).toBe(ui.part('panel').id)
    expect(button.textContent).toBe('Open chat')
    expect(ui.visible('panel')).toBe(false)
    expect(ui.part('panel').getAttribute('role')).toBe('dialog')
    expect(ui.chat.setViewing).toHaveBeenLastCalledWith(false)
  })

  it('shows the unread count on a badge, and clears it when opened', () => {
    const ui = setup({ status: 'connected' }, { layout: 'launcher' })
    const badge = ui.part('badge')
    expect(badge.hidden).toBe(true)
    ui.update({ unreadCount: 3, transcript: [entry(1, 'Text', ava, { text: 'Hi' })] })
    expect([badge.hidden, badge.textContent, badge.getAttribute('aria-hidden')]).toEqual([false, '3', 'true'])
    expect(launcherOf(ui).textContent).toBe('Open chat3 unread3')
    ui.update({ unreadCount: 250 })
    expect(badge.textContent).toBe('99+')
    launcherOf(ui).click()
    expect(ui.chat.setViewing).toHaveBeenLastCalledWith(true)
    expect(ui.chat.markRead).toHaveBeenCalledTimes(1)
    expect(badge.hidden).toBe(true)
    expect(launcherOf(ui).textContent).toBe('Open chat')
  })

  it('reads out a new agent message while the panel is closed: the live region is outside the hidden panel', () => {
    const ui = setup({ status: 'connected' }, { layout: 'launcher' })
    ui.update({ transcript: [entry(1, 'Text', ava, { text: 'Are you still there?' })] })
    const announcer = ui.host.querySelector('[aria-live=polite]:not([part])')!
    expect(announcer.textContent).toBe('Ava: Are you still there?')
    expect(announcer.closest('[hidden]')).toBeNull()
    expect(ui.part('panel').contains(announcer)).toBe(false)
  })

  it('is a modal dialog at full screen (below 480 px): aria-modal, and Tab and Shift+Tab stay inside the panel', () => {
    const listeners = new Set<() => void>()
    const query = { matches: true, addEventListener: (_: string, f: () => void) => listeners.add(f), removeEventListener: (_: string, f: () => void) => listeners.delete(f) }
    window.matchMedia = ((media: string) => (media.includes('479.98px') ? query : { matches: false })) as never
    try {
      const ui = setup({ status: 'connected' }, { layout: 'launcher' })
      const panel = ui.part('panel')
      launcherOf(ui).click()
      expect(panel.getAttribute('aria-modal')).toBe('true')
      const tab = (shiftKey: boolean) => {
        const event = new KeyboardEvent('keydown', { key: 'Tab', shiftKey, bubbles: true, cancelable: true })
        document.activeElement!.dispatchEvent(event)
        return event.defaultPrevented
      }
      const send = ui.part('send')
      send.focus()
      expect(tab(false)).toBe(true)
      expect(document.activeElement).toBe(ui.part('end'))
      expect(tab(true)).toBe(true)
      expect(document.activeElement).toBe(send)
      ui.message().focus()
      expect(tab(false), 'inside, Tab is the browser’s').toBe(false)
      // Wider than 480 px again: no longer modal, Tab leaves as usual.
      query.matches = false
      listeners.forEach((f) => f())
      expect(panel.hasAttribute('aria-modal')).toBe(false)
      send.focus()
      expect(tab(false)).toBe(false)
      ui.unmount()
      expect(listeners.size).toBe(0)
    } finally {
      delete (window as { matchMedia?: unknown }).matchMedia
    }
  })

  it('opens with focus in the panel; Escape and the close button close it and give focus back to the launcher', () => {
    const ui = setup({}, { layout: 'launcher' })
    const button = launcherOf(ui)
    button.focus()
    button.click()
    expect(ui.visible('panel')).toBe(true)
    expect(button.getAttribute('aria-expanded')).toBe('true')
    expect(ui.part('root').hasAttribute('data-open')).toBe(true)
    expect(document.activeElement).toBe(ui.host.querySelector('input[name=nickname]'))
    document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    expect(ui.visible('panel')).toBe(false)
    expect(button.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(button)
    expect(ui.chat.setViewing).toHaveBeenLastCalledWith(false)
    button.click()
    ui.part('close').click()
    expect(ui.visible('panel')).toBe(false)
    expect(document.activeElement).toBe(button)
    // A click on the launcher while open closes it too.
    button.click()
    button.click()
    expect(ui.visible('panel')).toBe(false)
  })

  it('focuses the composer when opened during a chat, and marks read when the page comes back while open', () => {
    const ui = setup({ status: 'connected' }, { layout: 'launcher' })
    launcherOf(ui).click()
    expect(document.activeElement).toBe(ui.message())
    ui.chat.markRead.mockClear()
    document.dispatchEvent(new Event('visibilitychange'))
    expect(document.visibilityState).toBe('visible')
    expect(ui.chat.markRead).toHaveBeenCalledTimes(1)
    ui.part('close').click()
    document.dispatchEvent(new Event('visibilitychange'))
    expect(ui.chat.markRead).toHaveBeenCalledTimes(1)
  })

  it('keeps the full-screen panel inside the visual viewport (the on-screen keyboard) while open, through an adopted sheet', () => {
    const uninstall = installAdoptedStyleSheets()
    const viewport = Object.assign(new EventTarget(), { height: 640, offsetTop: 0 })
    Object.defineProperty(window, 'visualViewport', { configurable: true, value: viewport })
    try {
      const ui = setup({ status: 'connected' }, { layout: 'launcher' })
      expect(adoptedCss(document)).not.toMatch(/--_vh: \d/)
      launcherOf(ui).click()
      expect(adoptedCss(document)).toContain('--_vh: 640px')
      Object.assign(viewport, { height: 300.4, offsetTop: 120 })
      viewport.dispatchEvent(new Event('resize'))
      expect(adoptedCss(document)).toContain('--_vh: 300px')
      expect(adoptedCss(document)).toContain('--_vt: 120px')
      expect(ui.host.querySelectorAll('[style], style')).toHaveLength(0)
      ui.part('close').click()
      expect(adoptedCss(document)).not.toMatch(/--_vh: \d/)
      viewport.dispatchEvent(new Event('resize'))
      expect(adoptedCss(document)).not.toMatch(/--_vh: \d/)
      ui.unmount()
    } finally {
      Reflect.deleteProperty(window, 'visualViewport')
      uninstall()
    }
  })

  it('gives the engine back its default (in view) when removed', () => {
    const ui = setup({}, { layout: 'launcher' })
    ui.unmount()
    expect(ui.chat.setViewing).toHaveBeenLastCalledWith(true)
    expect(ui.host.children).toHaveLength(0)
  })

  it('works with an engine that has no attention commands', () => {
    const ui = setup({ status: 'connected' }, { layout: 'launcher' })
    Reflect.deleteProperty(ui.chat, 'markRead')
    Reflect.deleteProperty(ui.chat, 'setViewing')
    ui.remount({ layout: 'launcher' })
    launcherOf(ui).click()
    expect(ui.visible('panel')).toBe(true)
  })
})

describe('inline layout', () => {
  it('has no launcher and never tells the engine the chat is out of view', () => {
    const ui = setup({ status: 'connected', unreadCount: 2 })
    expect(ui.part('root').dataset.layout).toBe('inline')
    expect(ui.host.querySelector('[part~=launcher], [part~=close]')).toBeNull()
    expect(ui.visible('panel')).toBe(true)
    expect(ui.chat.setViewing).not.toHaveBeenCalled()
  })
})
