import { entryAuthor, isPlaceholder, webLink, type TranscriptEntry } from '@gws-chat/core'
import type { Child, H } from './dom'
import { fill, type ChatLabels } from './labels'
import { linkify } from './linkify'

/** Messages of one author further apart than this start a new group, with its own author line and time. */
const GROUP_GAP_MS = 5 * 60_000

/** `entry.time` (ms since epoch) when the engine gives one. */
export const timeOf = (entry: TranscriptEntry): number | undefined => {
  const time = (entry as { time?: unknown }).time
  return typeof time === 'number' && Number.isFinite(time) ? time : undefined
}

function formatters(lang: string | undefined) {
  const make = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(lang, options)
  const time = make({ timeStyle: 'short' })
  const dated = make({ dateStyle: 'medium', timeStyle: 'short' })
  const day = (ms: number) => new Date(ms).toDateString()
  // Today's messages show the time alone, older ones the date too.
  return (ms: number) => (day(ms) === day(Date.now()) ? time : dated).format(ms)
}

const SYSTEM_TYPES = new Set(['External', 'System'])

export interface EntryView {
  node: HTMLElement
  /** What the live region reads out for a new agent message or notice, if anything. */
  announce?: string
}

/**
 * Renders transcript entries one after the other. Consecutive messages of one author form a group: the first shows
 * the author and the time, the others carry the `continued` part.
 */
export function entryRenderer(h: H, labels: ChatLabels, lang: string | undefined) {
  const format = formatters(lang)
  let group: { key: string; time: number | undefined } | null = null

  const meta = (who: string, time: number | undefined): Child[] => {
    const author = h('span', { part: 'author', dir: 'auto' }, who)
    if (time === undefined) return [h('span', { part: 'meta' }, author)]
    return [h('span', { part: 'meta' }, author, h('time', { part: 'time', datetime: new Date(time).toISOString() }, format(time)))]
  }
  const text = (value: string) => h('p', { part: 'text', dir: 'auto' }, ...linkify(value, link))
  const link = (href: string, shown: string) => h('a', { part: 'link', href, target: '_blank', rel: 'noopener noreferrer nofollow' }, shown)

  function node(entry: TranscriptEntry, visitorId: string | null): EntryView | null {
    const who = entry.from.nickname
    const kind = entryAuthor(entry, visitorId)
    const time = timeOf(entry)
    if (entry.type === 'ParticipantJoined' || entry.type === 'ParticipantLeft') {
      if (kind !== 'agent') return null
      group = null
      return { node: h('li', { part: 'entry event', dir: 'auto' }, fill(entry.type === 'ParticipantJoined' ? labels.joined : labels.left, who)) }
    }
    if (isPlaceholder(entry)) {
      group = null
      return { node: h('li', { part: 'entry event placeholder' }, entry.type === 'Missing' ? labels.missing : labels.unreadable) }
    }
    const isUrl = entry.type === 'PushUrl' && !!entry.url
    if (!isUrl && (entry.text === undefined || entry.text === '')) return null
    const notice = !isUrl && (entry.type !== 'Text' || SYSTEM_TYPES.has(entry.from.type))
    if (notice) {
      group = null
      const name = kind === 'system' && (who.trim() === '' || who.trim().toLowerCase() === 'system') ? labels.system : who
      // Notices (idle alerts, system messages) are news too: read out once, unless the visitor sent them.
      const item = h('li', { part: `entry notice ${kind}` }, ...meta(name, time), text(entry.text!))
      return withAnnounce(item, kind === 'own' ? undefined : fill(labels.announcement, name, { text: entry.text! }))
    }

    const key = `${kind}\u0000${entry.from.participantId}\u0000${who}`
    const continued = group !== null && group.key === key && (time === undefined || group.time === undefined || time - group.time < GROUP_GAP_MS)
    if (!continued || group === null) group = { key, time }
    const head = continued ? [] : meta(who, time)
    const parts = `entry ${isUrl ? 'url' : 'message'} ${kind}${continued ? ' continued' : ''}`
    const announced = (said: string) => (kind === 'agent' ? fill(labels.announcement, who, { text: said }) : undefined)
    if (!isUrl) return withAnnounce(h('li', { part: parts }, ...head, text(entry.text!)), announced(entry.text!))

    // A pushed URL is a card: its host, then the very address it opens (webLink); the entry's own text only as a
    // caption below it.
    const url = entry.url!
    const target = webLink(url)
    const shown = target ?? url
    const card = h('div', { part: 'card' })
    if (target) card.append(h('span', { part: 'host' }, new URL(target).host))
    card.append(h('p', { part: 'text', dir: 'auto' }, target ? link(target, target) : url))
    const caption = entry.text?.trim() ?? ''
    if (caption !== '' && caption !== url && caption !== shown) card.append(h('p', { part: 'caption', dir: 'auto' }, caption))
    return withAnnounce(h('li', { part: parts }, ...head, card), announced(shown))
  }

  const withAnnounce = (item: HTMLElement, announce: string | undefined): EntryView => (announce === undefined ? { node: item } : { node: item, announce })

  return {
    node,
    /** Forget the last group (the list was emptied). */
    reset: () => void (group = null),
  }
}
