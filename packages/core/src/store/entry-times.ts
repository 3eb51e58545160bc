import type { TranscriptEntry } from '../types'

/** Entries whose times a record keeps: the last ones (an older entry fetched again after a reload gets its arrival time). */
export const MAX_KEPT_TIMES = 2000

/**
 * The times of the last indices of a transcript, one per index up to the last (the indices a `Missing` placeholder
 * stands for share its time), as a record keeps them across a reload.
 */
export function keptTimes(transcript: readonly TranscriptEntry[]): number[] {
  const times: number[] = []
  // Each entry stands for at least one index: the last MAX_KEPT_TIMES entries are enough.
  for (const entry of transcript.slice(-MAX_KEPT_TIMES)) for (let i = entry.missingFrom ?? entry.index; i <= entry.index; i++) times.push(entry.time)
  return times.slice(-MAX_KEPT_TIMES)
}

/** `times` as a record holds them, or `[]` when they are not a list of moments this engine could have written. */
export const validTimes = (times: unknown): number[] =>
  Array.isArray(times) && times.length <= MAX_KEPT_TIMES && times.every((time) => Number.isSafeInteger(time) && time >= 1e12 && time <= 1e13) ? times : []
