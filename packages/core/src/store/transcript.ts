import type { Participant, TranscriptEntry } from '../types'

/**
 * The entries of a poll that extend the transcript: those that continue it
 * without a gap from `lastIndex + 1`. Older ones are duplicates; anything past
 * a gap is refetched by the next poll, which asks from `lastIndex + 1` again.
 */
export function contiguousAfter(lastIndex: number, entries: readonly TranscriptEntry[]): TranscriptEntry[] {
  const accepted: TranscriptEntry[] = []
  let next = lastIndex + 1
  for (const entry of [...entries].sort((a, b) => a.index - b.index)) {
    if (entry.index < next) continue
    if (entry.index > next) break
    accepted.push(entry)
    next += 1
  }
  return accepted
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

/** Entry types that carry something for the visitor to read. */
const SILENT_TYPES = new Set(['ParticipantJoined', 'ParticipantLeft', 'ParticipantRejoined', 'TypingStarted', 'TypingStopped', 'TranscriptSaveDone'])
export const isReadable = (entry: TranscriptEntry): boolean => !SILENT_TYPES.has(entry.type)

/**
 * Apply joins and leaves seen in the transcript to the participant list (GetChat stays authoritative).
 * Returns the same array when nothing changed, so an uneventful poll changes no snapshot.
 */
export function applyPresence(participants: readonly Participant[], entries: readonly TranscriptEntry[]): readonly Participant[] {
  let next = participants
  for (const entry of entries) {
    const id = entry.from.participantId
    if (entry.type === 'ParticipantJoined' || entry.type === 'ParticipantRejoined') {
      if (!next.some((p) => p.participantId === id)) next = [...next, entry.from]
    } else if (entry.type === 'ParticipantLeft' && next.some((p) => p.participantId === id)) {
      next = next.filter((p) => p.participantId !== id)
    }
  }
  return next
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
