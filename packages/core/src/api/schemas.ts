import * as v from 'valibot'

/** GWS sends participant ids as strings; some servers send numbers. Both become strings. */
const ParticipantId = v.pipe(
  v.union([v.string(), v.pipe(v.number(), v.integer())]),
  v.transform((id) => String(id)),
)

export const ParticipantSchema = v.object({
  nickname: v.optional(v.string(), ''),
  participantId: ParticipantId,
  type: v.string(),
})

export const EntrySchema = v.object({
  index: v.pipe(v.number(), v.integer(), v.minValue(1)),
  type: v.string(),
  text: v.optional(v.string()),
  url: v.optional(v.string()),
  from: ParticipantSchema,
})

const Ok = v.literal(0)

export const RequestChatResponseSchema = v.object({
  statusCode: Ok,
  id: v.pipe(v.string(), v.minLength(1)),
  path: v.optional(v.string()),
})

export const GetChatResponseSchema = v.object({
  statusCode: Ok,
  chat: v.object({
    id: v.optional(v.string()),
    state: v.string(),
    capabilities: v.optional(v.array(v.string()), []),
    participants: v.optional(v.array(ParticipantSchema), []),
  }),
})

export const GetMessagesResponseSchema = v.object({
  statusCode: Ok,
  messages: v.array(EntrySchema),
})

export const OkResponseSchema = v.object({ statusCode: Ok })

/** GWS error envelope: a non-zero `statusCode` and a `statusMessage`. */
export const ErrorEnvelopeSchema = v.object({
  statusCode: v.pipe(v.number(), v.integer(), v.notValue(0)),
  statusMessage: v.optional(v.string()),
})

export type RequestChatResponse = v.InferOutput<typeof RequestChatResponseSchema>
export type GetChatResponse = v.InferOutput<typeof GetChatResponseSchema>
export type GetMessagesResponse = v.InferOutput<typeof GetMessagesResponseSchema>
export type ChatResource = GetChatResponse['chat']
