export { useChat, type ChatCommands, type ChatRefs, type UseChatReturn } from './useChat'
export { ChatWidget, type ChatWidgetProps } from './ChatWidget'
