export { useChat, type ChatCommands, type UseChatResult } from './useChat'
export { useChatSelector } from './useChatSelector'
