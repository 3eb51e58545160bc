import type { ChatLabels } from '../labels'
import { ar } from './ar'
import { de } from './de'
import { en } from './en'
import { es } from './es'
import { fr } from './fr'
import { it } from './it'
import { ja } from './ja'
import { nl } from './nl'
import { pt } from './pt'

/** The catalogues `lang` can pick, by primary language subtag. */
export const catalogues: Readonly<Record<string, ChatLabels>> = { en, de, fr, es, pt, it, nl, ja, ar }

const primary = (lang: string): string => lang.trim().toLowerCase().split(/[-_]/)[0] ?? ''

/** The catalogue for a BCP 47 tag (`de`, `de-AT`, `pt_BR`); English for an unknown or missing one. */
export function labelsFor(lang: string | undefined): ChatLabels {
  const key = lang ? primary(lang) : ''
  return Object.hasOwn(catalogues, key) ? catalogues[key]! : en
}

/** `rtl` for languages written right to left (Arabic, Hebrew, Persian, Urdu), else `ltr`. */
export const directionOf = (lang: string | undefined): 'rtl' | 'ltr' => (lang && /^(ar|he|fa|ur)$/.test(primary(lang)) ? 'rtl' : 'ltr')
