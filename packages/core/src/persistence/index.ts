export { persistChat } from './persist-chat'
export { createMemoryStorage } from './storage'
export type { ChatPersistence, ChatStorage, PersistenceOptions } from '../types'
