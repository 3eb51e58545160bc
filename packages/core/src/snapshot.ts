import type { AnyActorRef } from 'xstate'
import type { ChatMachineSnapshot } from './machine/chat.machine'
import { connectionOf, type ConnectivitySnapshot } from './machine/connectivity.machine'
import type { OutboxSnapshot } from './machine/outbox.machine'
import type { TranscriptPollerSnapshot } from './machine/transcript-poller.machine'
import type { ChatSnapshot, ChatStatus } from './types'

const EMPTY: readonly never[] = Object.freeze([])

const childSnapshot = <T>(snapshot: ChatMachineSnapshot, id: string): T | undefined =>
  (snapshot.children as Record<string, AnyActorRef | undefined>)[id]?.getSnapshot() as T | undefined

/** The status a snapshot of the chat machine shows: its top-level state. */
export const statusOf = (snapshot: ChatMachineSnapshot): ChatStatus =>
  (typeof snapshot.value === 'string' ? snapshot.value : Object.keys(snapshot.value)[0]) as ChatStatus

/**
 * The snapshot a UI renders, projected from the machines that own each part: the lifecycle (status, participants,
 * error…), the transcript poller (transcript, agent typing), the outbox and connectivity. `previous` keeps every
 * unchanged field's reference, so an uneventful poll gives back `previous` itself.
 */
export function projectSnapshot(snapshot: ChatMachineSnapshot, previous?: ChatSnapshot): ChatSnapshot {
  const context = snapshot.context
  const transcript = childSnapshot<TranscriptPollerSnapshot>(snapshot, 'transcriptPoller')?.context
  const outbox = childSnapshot<OutboxSnapshot>(snapshot, 'outbox')?.context
  const next: ChatSnapshot = {
    status: statusOf(snapshot),
    chatId: context.location?.id ?? null,
    transcript: transcript?.transcript ?? EMPTY,
    participants: context.participants,
    visitorId: context.visitorId,
    agentTyping: transcript?.agentTyping ?? false,
    capabilities: context.capabilities,
    outbox: outbox?.messages ?? EMPTY,
    error: context.error,
    endReason: context.endReason,
    connection: connectionOf(childSnapshot<ConnectivitySnapshot>(snapshot, 'connectivity')),
    unreadCount: context.unread,
  }
  if (previous && (Object.keys(next) as (keyof ChatSnapshot)[]).every((key) => next[key] === previous[key])) return previous
  return next
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
    unreadCount: 0,
  }
}
