import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ErrorEnvelopeSchema, GetChatResponseSchema, RequestChatResponseSchema, chatResource } from './schemas'

const chatOf = (chat: Record<string, unknown>) => {
  const parsed = v.safeParse(GetChatResponseSchema, { statusCode: 0, chat })
  if (!parsed.success) throw new Error(parsed.issues[0].message)
  return chatResource(parsed.output.chat)
}

describe('GetChat answers', () => {
  it('takes string and integer participant ids, null as absent, and leaves out participants that are not ones', () => {
    const chat = chatOf({
      id: null,
      state: 'Connected',
      capabilities: ['SendMessage', 7, null],
      participants: [
        { nickname: 'Ava', participantId: 'a1', type: 'Agent' },
        { nickname: null, participantId: 2, type: 'Customer' },
        { nickname: 'half', participantId: 2.5, type: 'Agent' },
        { nickname: 'object', participantId: {}, type: 'Agent' },
        { nickname: 'none', type: 'Agent' },
        { nickname: 'x'.repeat(513), participantId: '3', type: 'Agent' },
        { nickname: 'no role', participantId: '4', type: null },
        'Ava',
      ],
    })
    expect(chat).toEqual({
      state: 'Connected',
      capabilities: ['SendMessage'],
      participants: [
        { nickname: 'Ava', participantId: 'a1', type: 'Agent' },
        { nickname: '', participantId: '2', type: 'Customer' },
      ],
    })
  })

  it('keeps the chat id when there is one, and takes missing lists as empty', () => {
    expect(chatOf({ id: 'c1', state: 'WaitingForAgent' })).toEqual({ id: 'c1', state: 'WaitingForAgent', capabilities: [], participants: [] })
  })

  it('refuses a chat without a state or with one over 128 characters', () => {
    expect(v.safeParse(GetChatResponseSchema, { statusCode: 0, chat: {} }).success).toBe(false)
    expect(v.safeParse(GetChatResponseSchema, { statusCode: 0, chat: { state: 'x'.repeat(129) } }).success).toBe(false)
  })
})

describe('envelopes', () => {
  it('an error envelope has an integer statusCode other than 0', () => {
    expect(v.safeParse(ErrorEnvelopeSchema, { statusCode: 2, statusMessage: null }).success).toBe(true)
    expect(v.safeParse(ErrorEnvelopeSchema, { statusCode: 2 }).success).toBe(true)
    for (const statusCode of [0, 2.5, '2', null]) expect(v.safeParse(ErrorEnvelopeSchema, { statusCode }).success, String(statusCode)).toBe(false)
  })

  it('RequestChat needs a chat id the engine can address; path may be null', () => {
    expect(v.safeParse(RequestChatResponseSchema, { statusCode: 0, id: 'c1', path: null }).success).toBe(true)
    for (const id of ['', '..', 'a\u0000', 7]) expect(v.safeParse(RequestChatResponseSchema, { statusCode: 0, id }).success, JSON.stringify(id)).toBe(false)
  })
})
