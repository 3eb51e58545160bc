import type { Participant, TranscriptEntry } from '../types'
import { serverTime } from './entry-time'

/** The type of a placeholder for an entry the server sent but the engine could not read. */
export const UNREADABLE_ENTRY = 'Unreadable'
/** The type of a placeholder for indices the server skipped (see `missingFrom`). */
export const MISSING_ENTRY = 'Missing'

/** Characters of one entry's `text` or `url` the engine reads; a longer one makes the entry unreadable. */
export const MAX_ENTRY_TEXT = 100_000
/** Highest transcript index the engine places; anything past it cannot be a real transcript position. */
export const MAX_ENTRY_INDEX = 10_000_000

/** The participant a placeholder is "from": nobody the visitor could take for a person. */
export const NOBODY: Participant = Object.freeze({ nickname: '', participantId: '', type: 'System' })

/** An entry the engine could not take as the server sent it: kept as a placeholder at `index`, or dropped (`index: null`). */
export interface EntryProblem {
  index: number | null
  reason: string
}

/** What one GetMessages answer held: the readable entries and placeholders, and what was wrong with the rest. */
export interface MessagesRead {
  entries: TranscriptEntry[]
  problems: EntryProblem[]
}

/** A transcript position: a positive integer (a numeric string is taken too), at most `MAX_ENTRY_INDEX`. */
export function entryIndex(value: unknown): number | null {
  const index = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value
  return typeof index === 'number' && Number.isSafeInteger(index) && index >= 1 && index <= MAX_ENTRY_INDEX ? index : null
}

/**
 * One raw entry: the entry, a placeholder at its index, or a problem alone when it has no usable index. The fields are
 * read in a few type checks (an answer of 100,000 entries costs milliseconds, not a tenth of a second); the first one
 * that is wrong is named in the problem.
 */
function readEntry(raw: unknown, problems: EntryProblem[], receivedAt: number): TranscriptEntry | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ index: null, reason: 'not an object' })
    return null
  }
  const record = raw as Record<string, unknown>
  const index = entryIndex(record.index)
  if (index === null) {
    problems.push({ index: null, reason: record.index === undefined || record.index === null ? 'no index' : `index ${describeValue(record.index)} is not a transcript position` })
    return null
  }
  const time = serverTime(record) ?? receivedAt
  const { type, text, url, from } = record
  const who = typeof from === 'object' && from !== null && !Array.isArray(from) ? (from as Record<string, unknown>) : null
  const { nickname, participantId, type: role } = who ?? {}
  const id = typeof participantId === 'string' && participantId.length <= 512 ? participantId : Number.isSafeInteger(participantId) ? String(participantId) : participantId == null ? '' : null
  const odd =
    typeof type !== 'string' || type === '' || type.length > 128
      ? 'type: expected a string of 1 to 128 characters'
      : !isText(text, MAX_ENTRY_TEXT)
        ? upTo('text', MAX_ENTRY_TEXT)
        : !isText(url, MAX_ENTRY_TEXT)
          ? upTo('url', MAX_ENTRY_TEXT)
          : who === null
            ? 'from: expected an object'
            : !isText(nickname, 512)
              ? upTo('from.nickname', 512)
              : id === null
                ? 'from.participantId: expected an integer or a string of at most 512 characters'
                : !isText(role, 128)
                  ? upTo('from.type', 128)
                  : null
  if (odd !== null) {
    problems.push({ index, reason: odd })
    return { index, type: UNREADABLE_ENTRY, from: NOBODY, time }
  }
  const entry: TranscriptEntry = { index, type: type as string, from: { nickname: (nickname as string | null | undefined) ?? '', participantId: id as string, type: (role as string | null | undefined) ?? '' }, time }
  if (text != null) entry.text = text as string
  if (url != null) entry.url = url as string
  return entry
}

/** Text a field may hold: a string of at most `max` characters; `null` counts as absent (servers that serialise unset fields as `null`). */
const isText = (value: unknown, max: number) => value == null || (typeof value === 'string' && value.length <= max)
const upTo = (field: string, max: number) => `${field}: expected a string of at most ${max} characters`

const describeValue = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value.slice(0, 20)) : typeof value === 'object' ? typeof value : String(value).slice(0, 20))

/**
 * Reads a GetMessages `messages` array entry by entry, in linear time: one odd entry never costs the good ones of the
 * same answer. An entry with a usable index but unreadable fields becomes an `Unreadable` placeholder at that index
 * (indices stay contiguous); one without a usable index is dropped. Both are listed in `problems`. Each entry's
 * `time` is the server's (`serverTime`) or else `receivedAt`, when the answer arrived.
 */
export function readMessages(messages: readonly unknown[], receivedAt = Date.now()): MessagesRead {
  const problems: EntryProblem[] = []
  const entries: TranscriptEntry[] = []
  for (const raw of messages) {
    const entry = readEntry(raw, problems, receivedAt)
    if (entry !== null) entries.push(entry)
  }
  return { entries, problems }
}
