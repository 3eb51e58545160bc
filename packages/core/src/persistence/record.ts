import * as v from 'valibot'
import { MAX_ENTRY_INDEX } from '../api/entries'
import { isSafeResourcePath } from '../api/paths'
import { MAX_OUTBOX, MAX_RETRY_AFTER_MS } from '../machine/limits'

export const PERSIST_VERSION = 2

/** Bounds of a restored record: a value past them is not a record this engine wrote. */
const MAX_ID = 512
const MAX_PATH = 2048
const MAX_TEXT = 100_000
const MAX_PARTICIPANTS = 100

const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID))
const Path = v.pipe(v.string(), v.maxLength(MAX_PATH), v.check(isSafeResourcePath, 'not a plain server-relative path'))
const Time = v.pipe(v.number(), v.finite(), v.minValue(0))
/** A moment a record was written: after 2001-09-09 (1e12 ms) and before 2286 (1e13 ms); `now` bounds it further. */
const Moment = v.pipe(v.number(), v.safeInteger(), v.minValue(1e12), v.maxValue(1e13))
const ErrorSchema = v.object({
  code: v.picklist(['invalid_response', 'gws_error', 'http_error', 'network_error', 'timeout', 'invalid_input', 'invalid_state', 'chat_ended', 'invalid_entry', 'transcript_gap']),
  message: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  statusCode: v.optional(v.pipe(v.number(), v.integer())),
  httpStatus: v.optional(v.pipe(v.number(), v.integer())),
  operation: v.optional(v.pipe(v.string(), v.maxLength(64))),
  retryAfterMs: v.optional(v.pipe(Time, v.maxValue(MAX_RETRY_AFTER_MS))),
  index: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_ENTRY_INDEX))),
})
const ParticipantRecord = v.object({ nickname: v.pipe(v.string(), v.maxLength(MAX_ID)), participantId: v.pipe(v.string(), v.maxLength(MAX_ID)), type: v.pipe(v.string(), v.maxLength(64)) })

const Common = {
  location: v.object({ id: Id, chat: Path, messages: Path }),
  status: v.picklist(['queued', 'connected']),
  lastIndex: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(MAX_ENTRY_INDEX)),
  outbox: v.pipe(
    v.array(
      v.object({
        id: Id,
        text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
        status: v.picklist(['queued', 'sending', 'sent', 'failed']),
        error: v.optional(ErrorSchema),
      }),
    ),
    v.maxLength(MAX_OUTBOX),
  ),
  startedAt: Moment,
  savedAt: Moment,
  /** The times of the last entries by index (`keptTimes`), checked on restore: odd ones cost the times, not the record. */
  times: v.optional(v.unknown()),
}

/**
 * What survives a reload, validated as strictly as a server's answer. No transcript (it is rebuilt from the server;
 * only the times its last entries showed are kept, optional since records written before had none), nothing secret beyond the chat id the API itself needs.
 */
export const PersistedChatSchema = v.object({
  v: v.literal(PERSIST_VERSION),
  ...Common,
  ownParticipantId: v.nullable(v.pipe(v.string(), v.maxLength(MAX_ID))),
  participants: v.pipe(v.array(ParticipantRecord), v.maxLength(MAX_PARTICIPANTS)),
})

/** The first format: no participants (a `connected` chat resumes `queued` until the next GetChat says otherwise). */
const PersistedChatV1Schema = v.object({ v: v.literal(1), ...Common, ownParticipantId: v.nullable(v.pipe(v.string(), v.maxLength(MAX_ID))) })

export type PersistedChat = v.InferOutput<typeof PersistedChatSchema>

/** How far ahead of this clock a record's `savedAt` may be (another tab's clock, a corrected clock). */
const CLOCK_SKEW_MS = 5 * 60_000

/**
 * A record as stored, upgraded from earlier formats; anything else (broken, hostile, unknown) is `null`. With `now`,
 * a record saved in the future (past a few minutes of clock skew) or started after it was saved is refused too.
 */
export function parseRecord(text: string | null, now?: number): PersistedChat | null {
  const record = parseStored(text)
  if (record === null || now === undefined) return record
  return record.savedAt <= now + CLOCK_SKEW_MS && record.startedAt <= record.savedAt ? record : null
}

function parseStored(text: string | null): PersistedChat | null {
  if (text === null || text === '' || text.length > MAX_TEXT * 10) return null
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return null
  }
  const current = v.safeParse(PersistedChatSchema, raw)
  if (current.success) return current.output
  const first = v.safeParse(PersistedChatV1Schema, raw)
  return first.success ? { ...first.output, v: PERSIST_VERSION, participants: [] } : null
}
