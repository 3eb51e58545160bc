export { useChat, type ChatCommands, type UseChatResult } from './useChat'
export { useChatSelector } from './useChatSelector'
export { ChatWidget, type ChatWidgetProps } from './ChatWidget'
