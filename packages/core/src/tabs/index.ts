export { createSharedChat, type SharedChat, type SharedChatOptions, type TabRole } from './shared-chat'
export type { TabChannel, TabCommand, TabDocument, TabLocks, TabMessage } from './protocol'
