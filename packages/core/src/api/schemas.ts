import type { Participant } from '../types'
import * as v from 'valibot'
import { isSafeChatId } from './paths'

/** `null` counts as absent (servers that serialise unset fields as `null`). */
const nullish = <T extends v.GenericSchema>(schema: T) => v.optional(v.nullable(schema))

/** A string of at most `max` characters. */
const text = (max: number) => v.pipe(v.string(), v.maxLength(max))

/** GWS sends participant ids as strings; some servers send integers. Both become strings (`chatResource`). */
const ParticipantSchema = v.object({
  nickname: nullish(text(512)),
  participantId: v.pipe(v.unknown(), v.check((id) => typeof id === 'string' || Number.isInteger(id))),
  type: text(128),
})

export interface ChatResource {
  id?: string
  state: string
  capabilities: string[]
  participants: Participant[]
}

/** Items that are not participants (or capabilities) are left out: GetChat stays usable when one of them is odd. */
export function chatResource(chat: v.InferOutput<typeof ChatSchema>): ChatResource {
  const participants = (chat.participants ?? []).flatMap((item) => {
    const parsed = v.safeParse(ParticipantSchema, item)
    return parsed.success ? [{ nickname: parsed.output.nickname ?? '', participantId: String(parsed.output.participantId), type: parsed.output.type }] : []
  })
  const capabilities = (chat.capabilities ?? []).filter((item): item is string => typeof item === 'string')
  return { ...(chat.id != null ? { id: chat.id } : {}), state: chat.state, capabilities, participants }
}

const ChatSchema = v.object({
  id: nullish(v.string()),
  state: text(128),
  capabilities: nullish(v.array(v.unknown())),
  participants: nullish(v.array(v.unknown())),
})

const Ok = v.literal(0)

export const RequestChatResponseSchema = v.object({
  statusCode: Ok,
  id: v.pipe(v.string(), v.check(isSafeChatId, 'not a chat id the engine can address (empty, "." or "..", control characters or over 512 characters)')),
  path: nullish(v.string()),
})

export const GetChatResponseSchema = v.object({ statusCode: Ok, chat: ChatSchema })

export const GetMessagesResponseSchema = v.object({
  statusCode: Ok,
  /** Read entry by entry (`readMessages`): one odd entry never costs the answer. */
  messages: v.array(v.unknown()),
})

export const OkResponseSchema = v.object({ statusCode: Ok })

/** GWS error envelope: a non-zero `statusCode` and a `statusMessage`. */
export const ErrorEnvelopeSchema = v.object({
  statusCode: v.pipe(v.number(), v.integer(), v.check((code) => code !== 0)),
  statusMessage: nullish(v.string()),
})

export type RequestChatResponse = v.InferOutput<typeof RequestChatResponseSchema>
