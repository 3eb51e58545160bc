import type { EndReason } from '@gws-chat/core'

/**
 * Every text the widget shows, in one language. `{name}` is replaced by a participant's nickname, `{count}` and
 * `{max}` by numbers, `{text}` by a message's text. The English catalogue is `defaultLabels`; the others are in
 * `i18n/<lang>.ts` (`labelsFor(lang)` picks one).
 */
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
  /** The author shown on notices from the system (idle alerts, `External` participants) that carry no real name. */
  system: string
  /** Read out by the live region when an agent's message arrives: `{name}` the agent, `{text}` the message. */
  announcement: string
  /** The composer's counter near the limit: `{count}` characters left of `{max}`. */
  remaining: string
  /** The launcher button. */
  open: string
  /** The launcher panel's close button. */
  close: string
  /** The launcher's badge, for screen readers: `{count}` unread messages. */
  unread: string
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
  system: 'System',
  announcement: '{name}: {text}',
  remaining: '{count} of {max} characters left',
  open: 'Open chat',
  close: 'Close chat',
  unread: '{count} unread',
}

/**
 * Put values where the label says `{name}` (or `{count}`, …), every occurrence, in one pass. Values are inserted as
 * they are: `$&`, `$'` or `{name}` in a nickname, a message or a server's error text are neither replacement patterns
 * nor placeholders. A placeholder with no value stays as it is.
 */
export const fill = (label: string, name: string, values: Record<string, string | number> = {}): string =>
  label.replace(/\{(\w+)\}/g, (all, key: string) => (key === 'name' ? name : Object.hasOwn(values, key) ? String(values[key]) : all))
