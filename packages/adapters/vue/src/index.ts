export { useChat, type ChatCommands, type ChatRefs, type UseChatReturn } from './useChat'
