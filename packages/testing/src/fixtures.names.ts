import type { EndReason } from '@gws-chat/core'

/** Every state a chat UI must render, one fixture each. */
export const FIXTURE_NAMES = [
  'idle',
  'requesting',
  'queued',
  'connected',
  'agentTyping',
  'unread',
  'failedSend',
  'reconnecting',
  'offline',
  'endedByCustomer',
  'endedByAgent',
  'endedByServer',
  'endedByTimeout',
  'error',
] as const

export type FixtureName = (typeof FIXTURE_NAMES)[number]

/** The fixture of a chat ended for each `EndReason` (a new reason fails to compile until it has one). */
export const ENDED_FIXTURES: Readonly<Record<EndReason, FixtureName>> = {
  customer: 'endedByCustomer',
  agent: 'endedByAgent',
  server: 'endedByServer',
  timeout: 'endedByTimeout',
}
