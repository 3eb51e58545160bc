import { MISSING_ENTRY, NOBODY, UNREADABLE_ENTRY } from '../api/entries'
import type { Participant, TranscriptEntry } from '../types'

/** Indices a filled gap may span at most: an entry further ahead than this is not placed. */
export const MAX_GAP_FILL = 1000

/** What one answer adds to a transcript that ends at `lastIndex`. */
export interface Placement {
  /** Entries (and `Missing` placeholders for filled gaps) that continue the transcript, ascending, without a hole. */
  entries: TranscriptEntry[]
  /** Gaps filled by a placeholder, first and last missing index. */
  filled: { from: number; to: number }[]
  /** The answer stops at a gap that was not filled yet: entries past it wait for the next answer. */
  waitingAtGap: boolean
  /** Entries too far ahead of the transcript to be placed (past `MAX_GAP_FILL`). */
  tooFar: number[]
}

const byIndex = (a: TranscriptEntry, b: TranscriptEntry) => a.index - b.index
const ascending = (entries: readonly TranscriptEntry[]) => entries.every((entry, i) => i === 0 || (entries[i - 1] as TranscriptEntry).index <= entry.index)

/**
 * The entries of an answer that extend the transcript from `lastIndex + 1`, in linear time for an ascending answer.
 * Older indices are duplicates. At a gap the answer stops (the next poll asks from the gap again) unless `fillGaps`:
 * then one `Missing` placeholder stands for the skipped indices and the entries after it are placed too.
 */
export function placeEntries(lastIndex: number, entries: readonly TranscriptEntry[], fillGaps: boolean): Placement {
  const sorted = ascending(entries) ? entries : [...entries].sort(byIndex)
  const placement: Placement = { entries: [], filled: [], waitingAtGap: false, tooFar: [] }
  let next = lastIndex + 1
  for (const entry of sorted) {
    if (entry.index < next) continue
    if (entry.index > next) {
      if (entry.index - next > MAX_GAP_FILL) {
        placement.tooFar.push(entry.index)
        continue
      }
      if (!fillGaps) {
        placement.waitingAtGap = true
        break
      }
      // What was skipped came before the entry after it: the placeholder shows that entry's time.
      placement.entries.push({ index: entry.index - 1, type: MISSING_ENTRY, from: NOBODY, missingFrom: next, time: entry.time })
      placement.filled.push({ from: next, to: entry.index - 1 })
    }
    placement.entries.push(entry)
    next = entry.index + 1
  }
  return placement
}

export const isAgent = (participant: Participant): boolean => participant.type === 'Agent'
export const isCustomer = (participant: Participant): boolean => participant.type === 'Customer' || participant.type === 'Client'

/** An entry of the visitor's: by participant id once it is known (`snapshot.visitorId`), by participant type before. */
export const isVisitorEntry = (entry: TranscriptEntry, visitorId: string | null): boolean =>
  visitorId !== null ? entry.from.participantId === visitorId : isCustomer(entry.from)

/** Who wrote an entry, as a UI groups them. */
export const entryAuthor = (entry: TranscriptEntry, visitorId: string | null): 'own' | 'agent' | 'system' =>
  isVisitorEntry(entry, visitorId) ? 'own' : isAgent(entry.from) ? 'agent' : 'system'

/** Only `http:` and `https:` URLs may become links (a pushed `javascript:` URL stays text). */
export function isWebUrl(url: string): boolean {
  try {
    return /^https?:$/.test(new URL(url).protocol)
  } catch {
    return false
  }
}

/**
 * The address a pushed URL may open as a link, normalised as the browser opens it (`new URL(url).href`: host in ASCII,
 * invisible characters percent-encoded), or `null` when it must stay text: anything but `http:` and `https:`, and
 * addresses with a user name or password, whose real host hides behind them (`https://bank.example@evil.example/`).
 * Show the link with this as its text, so the visitor reads the address it opens.
 */
export function webLink(url: string): string | null {
  try {
    const { protocol, username, password, href } = new URL(url)
    return /^https?:$/.test(protocol) && !username && !password ? href : null
  } catch {
    return null
  }
}

/** A placeholder the engine wrote itself (an unreadable entry, skipped indices), never something the server said. */
export const isPlaceholder = (entry: TranscriptEntry): boolean =>
  (entry.type === UNREADABLE_ENTRY || entry.type === MISSING_ENTRY) && entry.from.participantId === '' && entry.from.type === NOBODY.type

/** Entry types that carry something for the visitor to read. */
const SILENT_TYPES = new Set(['ParticipantJoined', 'ParticipantLeft', 'ParticipantRejoined', 'TypingStarted', 'TypingStopped', 'TranscriptSaveDone'])
export const isReadable = (entry: TranscriptEntry): boolean => !SILENT_TYPES.has(entry.type)

/**
 * Apply joins and leaves seen in the transcript to the participant list (GetChat stays authoritative).
 * Returns the same array when nothing changed, so an uneventful poll changes no snapshot.
 */
export function applyPresence(participants: readonly Participant[], entries: readonly TranscriptEntry[]): readonly Participant[] {
  let present: Map<string, Participant> | null = null
  for (const entry of entries) {
    const joined = entry.type === 'ParticipantJoined' || entry.type === 'ParticipantRejoined'
    if (!joined && entry.type !== 'ParticipantLeft') continue
    present ??= new Map(participants.map((p) => [p.participantId, p]))
    const id = entry.from.participantId
    if (joined && !present.has(id)) present.set(id, entry.from)
    else if (!joined) present.delete(id)
  }
  if (present === null) return participants
  const next = [...present.values()]
  return sameParticipants(participants, next)
}

const sameParticipant = (a: Participant, b: Participant) =>
  a.participantId === b.participantId && a.nickname === b.nickname && a.type === b.type

/** `next` if it differs from `previous` by value, else `previous` (keeps snapshots stable across polls). */
export function sameOr<T>(previous: readonly T[], next: readonly T[], equal: (a: T, b: T) => boolean): readonly T[] {
  return previous.length === next.length && previous.every((item, i) => equal(item, next[i] as T)) ? previous : next
}

export const sameParticipants = (previous: readonly Participant[], next: readonly Participant[]) => sameOr(previous, next, sameParticipant)
export const sameStrings = (previous: readonly string[], next: readonly string[]) => sameOr(previous, next, (a, b) => a === b)

/** Agent typing after these entries: a Text, a stop or a leave ends it. */
export function agentTypingAfter(typing: boolean, entries: readonly TranscriptEntry[]): boolean {
  let result = typing
  for (const entry of entries) {
    if (!isAgent(entry.from)) continue
    if (entry.type === 'TypingStarted') result = true
    else if (entry.type === 'TypingStopped' || entry.type === 'Text' || entry.type === 'ParticipantLeft') result = false
  }
  return result
}
