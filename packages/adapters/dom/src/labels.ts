import type { EndReason } from '@gws-chat/core'

/** Every text the widget shows. `{name}` is replaced by a participant's nickname. */
export interface ChatLabels {
  title: string
  nickname: string
  subject: string
  start: string
  requesting: string
  queued: string
  connected: string
  reconnecting: string
  offline: string
  failure: string
  tryAgain: string
  conversation: string
  message: string
  send: string
  end: string
  typing: string
  joined: string
  left: string
  /** In place of an entry the server sent but that could not be read. */
  unreadable: string
  /** In place of entries the server skipped. */
  missing: string
  sending: string
  failed: string
  retry: string
  ended: Record<EndReason, string>
  newChat: string
}

export const defaultLabels: ChatLabels = {
  title: 'Chat with us',
  nickname: 'Your name',
  subject: 'How can we help?',
  start: 'Start chat',
  requesting: 'Connecting…',
  queued: 'Waiting for an agent…',
  connected: 'Chatting with {name}',
  reconnecting: 'Connection lost, reconnecting…',
  offline: 'You are offline',
  failure: 'Something went wrong: {name}',
  tryAgain: 'Try again',
  conversation: 'Conversation',
  message: 'Message',
  send: 'Send',
  end: 'End chat',
  typing: '{name} is typing…',
  joined: '{name} joined the chat',
  left: '{name} left the chat',
  unreadable: 'A message could not be shown',
  missing: 'Some messages did not arrive',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  ended: {
    customer: 'You ended the chat.',
    agent: 'The agent ended the chat.',
    server: 'The chat was closed.',
    timeout: 'The chat was closed after a period of inactivity.',
  },
  newChat: 'Start a new chat',
}

/**
 * Put `name` where the label says `{name}` (every occurrence). `name` is inserted as it is: `$&`, `$'` or `{name}`
 * in a nickname or a server's error text are not replacement patterns.
 */
export const fill = (label: string, name: string): string => label.split('{name}').join(name)
