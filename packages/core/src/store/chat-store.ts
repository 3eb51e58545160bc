import { createStore } from '@xstate/store'
import type { ChatError } from '../errors'
import type { OutboxMessage, TranscriptEntry } from '../types'
import { agentTypingAfter, isVisitorEntry } from './transcript'

export interface ChatStoreContext {
  transcript: readonly TranscriptEntry[]
  outbox: readonly OutboxMessage[]
  agentTyping: boolean
}

const isOwnText = (entry: TranscriptEntry, ownParticipantId: string | null): boolean =>
  entry.type === 'Text' && isVisitorEntry(entry, ownParticipantId)

/** Remove from the outbox the messages whose echo arrived: the oldest one with the same text, once per echo. */
function removeEchoed(outbox: readonly OutboxMessage[], entries: readonly TranscriptEntry[], ownParticipantId: string | null, echoFloor: number) {
  let remaining = outbox
  for (const entry of entries) {
    if (entry.index <= echoFloor || !isOwnText(entry, ownParticipantId) || remaining.length === 0) continue
    const text = entry.text ?? ''
    const at = remaining.findIndex((message) => message.text === text || message.text.trim() === text.trim())
    if (at >= 0) remaining = [...remaining.slice(0, at), ...remaining.slice(at + 1)]
  }
  return remaining
}

function updateMessage(outbox: readonly OutboxMessage[], id: string, change: (message: OutboxMessage) => OutboxMessage) {
  return outbox.map((message) => (message.id === id ? change(message) : message))
}

function withoutError({ error: _error, ...rest }: OutboxMessage): OutboxMessage {
  return rest
}

/** Transcript and outbox: the data a UI renders, kept apart from the lifecycle machine. */
export function createChatStore(initial: Partial<ChatStoreContext> = {}) {
  return createStore({
    context: { transcript: [], outbox: [], agentTyping: false, ...initial } as ChatStoreContext,
    on: {
      /** `entries` must already be contiguous after the last entry (see `contiguousAfter`). */
      entriesAppended: (
        context,
        event: { entries: readonly TranscriptEntry[]; ownParticipantId: string | null; echoFloor?: number },
      ) => {
        if (event.entries.length === 0) return context
        return {
          transcript: context.transcript.concat(event.entries),
          outbox: removeEchoed(context.outbox, event.entries, event.ownParticipantId, event.echoFloor ?? 0),
          agentTyping: agentTypingAfter(context.agentTyping, event.entries),
        }
      },
      agentTypingCleared: (context) => (context.agentTyping ? { ...context, agentTyping: false } : context),
      messageQueued: (context, event: { id: string; text: string }) => ({
        ...context,
        outbox: [...context.outbox, { id: event.id, text: event.text, status: 'queued' as const }],
      }),
      messageSending: (context, event: { id: string }) => ({
        ...context,
        outbox: updateMessage(context.outbox, event.id, (m) => ({ ...withoutError(m), status: 'sending' })),
      }),
      messageSent: (context, event: { id: string }) => ({
        ...context,
        outbox: updateMessage(context.outbox, event.id, (m) => ({ ...withoutError(m), status: 'sent' })),
      }),
      messageRequeued: (context, event: { id: string; error?: ChatError }) => ({
        ...context,
        outbox: updateMessage(context.outbox, event.id, (m) => ({
          ...withoutError(m),
          status: 'queued',
          ...(event.error ? { error: event.error } : {}),
        })),
      }),
      messageFailed: (context, event: { id: string; error: ChatError }) => ({
        ...context,
        outbox: updateMessage(context.outbox, event.id, (m) => ({ ...m, status: 'failed', error: event.error })),
      }),
      /** Every message not yet accepted by the server fails with `error` (the chat ended). */
      unsentFailed: (context, event: { error: ChatError }) => ({
        ...context,
        agentTyping: false,
        outbox: context.outbox.map((m) => (m.status === 'sent' ? m : { ...m, status: 'failed' as const, error: event.error })),
      }),
      reset: () => ({ transcript: [], outbox: [], agentTyping: false }),
    },
  })
}

export type ChatStore = ReturnType<typeof createChatStore>
