export { createSharedChat, type SharedChat, type SharedChatOptions, type TabRole } from './shared-chat'
export type { TabChannel, TabCommand, TabLocks, TabMessage } from './protocol'
