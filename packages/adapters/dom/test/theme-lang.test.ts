import { afterEach, describe, expect, it } from 'vitest'
import { defaultLabels, defaultStyles, directionOf, labelsFor } from '../src'
import { catalogues } from '../src/i18n'
import { ava, cleanUp, entry, setup } from './widget'

afterEach(cleanUp)

describe('themes', () => {
  it('marks the root with the theme, auto by default', () => {
    expect(setup().part('root').dataset.theme).toBe('auto')
    expect(setup({}, { theme: 'dark' }).part('root').dataset.theme).toBe('dark')
    expect(setup({}, { theme: 'light' }).part('root').dataset.theme).toBe('light')
    expect(setup({}, { theme: 'neon' as never }).part('root').dataset.theme).toBe('auto')
  })

  it('has light and dark defaults for every colour, follows the system in auto, and sets color-scheme so native controls follow', () => {
    expect(defaultStyles).toMatch(/\.gws-chat\{[^}]*--_bg:var\(--gws-chat-background,#fff\)[^}]*color-scheme:light/)
    expect(defaultStyles).toMatch(/\.gws-chat\[data-theme=dark\]\{[^}]*--_bg:var\(--gws-chat-background,#1b1c1d\)[^}]*color-scheme:dark/)
    expect(defaultStyles).toMatch(/@media \(prefers-color-scheme:dark\)\{\.gws-chat\[data-theme=auto\]\{[^}]*color-scheme:dark/)
    expect(defaultStyles).toMatch(/@media \(prefers-reduced-motion:no-preference\)\{[^\n]*animation/)
    expect(defaultStyles.replace(/@media \(prefers-reduced-motion:no-preference\)\{[^\n]*/, '')).not.toMatch(/animation|transition/)
    // Inputs and the textarea take the theme's colours too.
    expect(defaultStyles).toMatch(/\[part~=input\]\{[^}]*background:var\(--_ib\);color:var\(--_it\)/)
  })

  it('caps the card’s height to the viewport, so the composer stays reachable on a short screen', () => {
    const panel = defaultStyles.split('\n').find((line) => line.startsWith('.gws-chat [part~=panel]{'))!
    // vh for browsers without the small-viewport unit, svh (the viewport with the browser's bars shown) where it exists.
    expect(panel).toMatch(/height:var\(--gws-chat-height,32rem\);max-height:100vh;max-height:100svh;/)
  })

  it('reads every colour, radius, font and spacing from a --gws-chat-* custom property', () => {
    const declarations = defaultStyles.replace(/--_\w+:var\(--gws-chat-[\w-]+,[^;}]*\)/g, '')
    // What is left uses the internal properties, never a literal colour.
    expect(declarations.match(/#[0-9a-f]{3,8}\b/gi) ?? []).toEqual([])
    for (const name of ['accent', 'accent-text', 'text', 'background', 'muted', 'border', 'agent-background', 'input-background', 'input-text', 'notice-background', 'error', 'error-background', 'focus', 'badge', 'badge-text', 'radius', 'spacing', 'font', 'height', 'panel-width', 'launcher-size', 'offset', 'z-index', 'shadow']) {
      expect(defaultStyles).toContain(`--gws-chat-${name},`)
    }
  })
})

describe('languages', () => {
  it('has a catalogue with every label for each language', () => {
    expect(Object.keys(catalogues).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pt'])
    for (const labels of Object.values(catalogues)) {
      expect(Object.keys(labels).sort()).toEqual(Object.keys(defaultLabels).sort())
      expect(Object.keys(labels.ended).sort()).toEqual(Object.keys(defaultLabels.ended).sort())
    }
  })

  it('picks a catalogue by the primary language of a tag, English for an unknown one', () => {
    expect(labelsFor('de-AT')).toBe(catalogues.de)
    expect(labelsFor('PT_br')).toBe(catalogues.pt)
    expect(labelsFor('tlh')).toBe(defaultLabels)
    expect(labelsFor(undefined)).toBe(defaultLabels)
    for (const hostile of ['__proto__', 'constructor', 'toString', '', ' ']) expect(labelsFor(hostile)).toBe(defaultLabels)
    expect(directionOf('ar-EG')).toBe('rtl')
    expect(directionOf('he')).toBe('rtl')
    expect(directionOf('en')).toBe('ltr')
  })

  it('renders in the chosen language, right to left for Arabic, and lets labels override it', () => {
    const ui = setup({ status: 'queued' }, { lang: 'ar' })
    expect(ui.part('root').getAttribute('lang')).toBe('ar')
    expect(ui.part('root').getAttribute('dir')).toBe('rtl')
    expect(ui.part('status').textContent).toBe(catalogues.ar!.queued)
    ui.remount({ lang: 'de', labels: { send: 'Los' } })
    expect(ui.part('root').getAttribute('dir')).toBe('ltr')
    expect(ui.part('status').textContent).toBe(catalogues.de!.queued)
    expect(ui.part('send').textContent).toBe('Los')
    ui.remount({})
    expect(ui.part('root').hasAttribute('lang')).toBe(false)
    expect(ui.part('root').hasAttribute('dir')).toBe(false)
    expect(ui.part('status').textContent).toBe('Waiting for an agent…')
  })

  it('formats times and numbers in English without lang, like its texts, whatever the browser’s locale', () => {
    // The locales the widget asks Intl for (the test's own default locale may well be English too).
    const { DateTimeFormat, NumberFormat } = Intl
    const asked: unknown[] = []
    Intl.DateTimeFormat = class extends DateTimeFormat {
      constructor(locale?: string, options?: Intl.DateTimeFormatOptions) {
        asked.push(locale)
        super(locale, options)
      }
    } as never
    Intl.NumberFormat = class extends NumberFormat {
      constructor(locale?: string, options?: Intl.NumberFormatOptions) {
        asked.push(locale)
        super(locale, options)
      }
    } as never
    try {
      const ui = setup({ status: 'connected', transcript: [entry(1, 'Text', ava, { text: 'Hi', time: Date.UTC(2020, 0, 2, 15, 4) })] })
      expect(ui.part('time').textContent).toMatch(/^Jan 2, 2020/)
      expect(asked).toEqual(['en', 'en', 'en'])
    } finally {
      Object.assign(Intl, { DateTimeFormat, NumberFormat })
    }
  })

  it('takes an invalid language tag without throwing', () => {
    const ui = setup({ status: 'connected' }, { lang: 'not a tag!!', maxLength: 10 })
    ui.message().value = 'x'.repeat(9)
    ui.message().dispatchEvent(new Event('input'))
    expect(ui.part('counter').textContent).toBe('1 of 10 characters left')
  })
})
