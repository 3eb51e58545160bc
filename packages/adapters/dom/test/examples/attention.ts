import { createChat } from '@gws-chat/core'
import { attentionSound, desktopNotifications, titleBadge } from '@gws-chat/core/attention'
import { mountChat } from '@gws-chat/dom'

export const chat = createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cfe5ad67-ba6d-4340-81f9-bb680ef5d498' })
export const unmount = mountChat(document.body, chat, { layout: 'launcher' })
// Unread messages in the tab's title, a sound once the visitor has used the page, a notification while it is hidden.
const stops = [titleBadge(chat), attentionSound(chat, { src: '/sounds/ding.mp3' }), desktopNotifications(chat)]
export const stopAttention = () => stops.forEach((stop) => stop())
