import type { ChatEvent, ChatSnapshot, StartParams, TranscriptEntry, WebLocks } from '../types'

/** A command a follower tab forwards to the leader. `id` is the follower's local message id for `send`. */
export type TabCommand =
  | { name: 'start'; params: StartParams }
  | { name: 'send'; id: string; text: string }
  | { name: 'retryMessage'; id: string }
  | { name: 'setTyping'; typing: boolean }
  | { name: 'end' }
  | { name: 'retry' }

export type TabMessage =
  /** A tab (re)joined and wants the full snapshot. */
  | { type: 'hello'; tab: string }
  /** The leader's snapshot; the transcript as a delta from `base` (entries after that index), or whole when `base` is 0. */
  | { type: 'snapshot'; snapshot: Omit<ChatSnapshot, 'transcript'>; base: number; entries: readonly TranscriptEntry[] }
  | { type: 'event'; event: ChatEvent }
  | { type: 'command'; tab: string; seq: number; command: TabCommand }
  /** The leader took the command into its engine (and its storage). */
  | { type: 'ack'; tab: string; seq: number }
  /** A new leader is in charge: followers resend what was not acknowledged. */
  | { type: 'leader'; tab: string }
  /** A follower came into view or left it: the leader polls at the visible pace while any tab is in view. */
  | { type: 'visibility'; tab: string; visible: boolean }

/** The part of `BroadcastChannel` used here. */
export interface TabChannel {
  postMessage(message: TabMessage): void
  addEventListener(type: 'message', listener: (event: { data: TabMessage }) => void): void
  removeEventListener(type: 'message', listener: (event: { data: TabMessage }) => void): void
  close(): void
}

/** The part of `document` used here: its visibility. */
export interface TabDocument {
  readonly visibilityState: string
  addEventListener(type: 'visibilitychange', listener: () => void): void
  removeEventListener(type: 'visibilitychange', listener: () => void): void
}

/** The part of the Web Locks API used here. */
export type TabLocks = WebLocks
