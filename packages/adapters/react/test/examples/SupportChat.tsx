import { useEffect } from 'react'
import type { ChatLike } from '@gws-chat/core'
import { attentionSound, desktopNotifications, titleBadge } from '@gws-chat/core/attention'
import { ChatWidget } from '@gws-chat/react'

export function SupportChat({ chat }: { chat: ChatLike }) {
  // Unread messages in the tab's title, a sound once the visitor has used the page, a notification while it is hidden.
  useEffect(() => {
    const stops = [titleBadge(chat), attentionSound(chat, { src: '/sounds/ding.mp3' }), desktopNotifications(chat)]
    return () => stops.forEach((stop) => stop())
  }, [chat])
  return <ChatWidget chat={chat} layout="launcher" />
}
