import type { SnapshotFrom } from 'xstate'
import type { ChatMachine } from './machine/chat.machine'
import type { ChatStore } from './store/chat-store'
import type { ChatSnapshot, ChatStatus } from './types'

/** The snapshot a UI renders: the machine's lifecycle plus the store's transcript and outbox. */
export function composeSnapshot(machine: SnapshotFrom<ChatMachine>, store: ChatStore): ChatSnapshot {
  const context = machine.context
  const data = store.getSnapshot().context
  return {
    status: (typeof machine.value === 'string' ? machine.value : Object.keys(machine.value)[0]) as ChatStatus,
    chatId: context.location?.id ?? null,
    transcript: data.transcript,
    participants: context.participants,
    visitorId: context.ownParticipantId,
    agentTyping: data.agentTyping,
    capabilities: context.capabilities,
    outbox: data.outbox,
    error: context.error,
    endReason: context.endReason,
    connection: context.connection,
  }
}

/** The snapshot of an engine with no chat: what a follower tab shows before the leader answers, and a base for test doubles. */
export function idleSnapshot(): ChatSnapshot {
  return {
    status: 'idle',
    chatId: null,
    transcript: [],
    participants: [],
    visitorId: null,
    agentTyping: false,
    capabilities: [],
    outbox: [],
    error: null,
    endReason: null,
    connection: 'online',
  }
}
