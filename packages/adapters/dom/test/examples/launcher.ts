import { createChat } from '@gws-chat/core'
import { mountChat } from '@gws-chat/dom'

export const chat = createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cfe5ad67-ba6d-4340-81f9-bb680ef5d498' })

// A round button at the bottom right (the bottom left in a right-to-left page) with the unread count on it; it opens
// the chat in a panel, full screen on a phone. Dark when the visitor's system is, texts and times in German.
export const unmount = mountChat(document.body, chat, { layout: 'launcher', theme: 'auto', lang: 'de' })
