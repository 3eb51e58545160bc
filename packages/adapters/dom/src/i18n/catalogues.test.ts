import { describe, expect, it } from 'vitest'
import { defaultLabels, type ChatLabels } from '../labels'
import { ar } from './ar'
import { de } from './de'
import { es } from './es'
import { fr } from './fr'
import { it as italian } from './it'
import { ja } from './ja'
import { nl } from './nl'
import { pt } from './pt'

const translations: [string, ChatLabels][] = Object.entries({ de, fr, es, pt, it: italian, nl, ja, ar })

/** Every text of a catalogue by its path (`ended.agent`), nested records included. */
const texts = (labels: object, prefix = ''): [string, string][] =>
  Object.entries(labels).flatMap(([key, value]) => (typeof value === 'string' ? [[prefix + key, value]] : texts(value, `${prefix}${key}.`)))
const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort()
const english = Object.fromEntries(texts(defaultLabels))

describe.each(translations)('the %s catalogue', (lang, labels) => {
  const own = texts(labels)

  it('has every text of the English one, and nothing else', () => {
    expect(own.map(([path]) => path).sort()).toEqual(Object.keys(english).sort())
  })

  it('keeps the placeholders of each English text exactly', () => {
    for (const [path, text] of own) expect(placeholders(text), `${lang} ${path}`).toEqual(placeholders(english[path]!))
  })

  it('has no empty text, no stray spaces, and the same trailing ellipsis as English', () => {
    for (const [path, text] of own) {
      expect(text.trim(), `${lang} ${path}`).not.toBe('')
      expect(text, `${lang} ${path}`).toBe(text.trim())
      expect(text.endsWith('…'), `${lang} ${path}`).toBe(english[path]!.endsWith('…'))
      expect(text, `${lang} ${path}`).not.toContain('...')
    }
  })

  it('is a translation, not a copy of English', () => {
    // A few words are the same in some languages ("Message", "System", "{name}: {text}"): at most one in five.
    const same = own.filter(([path, text]) => text === english[path])
    expect(same.length, `${lang}: ${same.map(([path]) => path).join(', ')}`).toBeLessThanOrEqual(Math.floor(own.length / 5))
  })
})

describe('scripts', () => {
  const words = (text: string) => text.replace(/\{\w+\}/g, '').replace(/[\s\p{P}\p{S}]/gu, '')

  it('Arabic is in Arabic script: no Latin letter outside the placeholders', () => {
    for (const [path, text] of texts(ar)) {
      expect(words(text), `ar ${path}`).not.toMatch(/[A-Za-z]/)
      if (words(text) !== '') expect(words(text), `ar ${path}`).toMatch(/^[\p{Script=Arabic}\p{M}]+$/u)
    }
  })

  it('Japanese is in Japanese script: no Latin letter outside the placeholders', () => {
    for (const [path, text] of texts(ja)) {
      expect(words(text), `ja ${path}`).not.toMatch(/[A-Za-z]/)
      if (words(text) !== '') expect(words(text), `ja ${path}`).toMatch(/^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}ー]+$/u)
    }
  })
})
