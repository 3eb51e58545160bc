export { mountChat, type MountChatOptions } from './mountChat'
export { defineGwsChatElement, type GwsChatElement } from './element'
export { defaultLabels, type ChatLabels } from './labels'
export { defaultStyles } from './styles'
