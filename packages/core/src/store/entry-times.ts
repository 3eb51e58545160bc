import type { TranscriptEntry } from '../types'

/** Entries whose times a record keeps: the last ones (an older entry fetched again after a reload gets its arrival time). */
export const MAX_KEPT_TIMES = 2000

/** Entry times by index, as a record keeps them across a reload. */
export type EntryTimes = Readonly<Record<number, number>>

export const keptTimes = (transcript: readonly TranscriptEntry[]): EntryTimes => Object.fromEntries(transcript.slice(-MAX_KEPT_TIMES).map((entry) => [entry.index, entry.time]))

/** `times` as a record holds them, or none when they are not moments by index this engine could have written. */
export function validTimes(times: unknown): EntryTimes {
  const valid =
    typeof times === 'object' &&
    times !== null &&
    !Array.isArray(times) &&
    Object.keys(times).length <= MAX_KEPT_TIMES &&
    Object.values(times).every((time) => Number.isSafeInteger(time) && time >= 1e12 && time <= 1e13)
  return valid ? (times as EntryTimes) : {}
}
