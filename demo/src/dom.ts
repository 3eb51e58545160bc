import { createChat } from '@gws-chat/core'
import { mountChat } from '@gws-chat/dom'
import { demoChatOptions } from './setup'

// The engine lives outside the widget: the widget subscribes to it and calls its commands.
const chat = createChat(await demoChatOptions())

mountChat(document.querySelector('#chat')!, chat, { nickname: 'Chris' })
