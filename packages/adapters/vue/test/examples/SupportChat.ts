import { defineComponent, h, onBeforeUnmount, onMounted, type PropType } from 'vue'
import type { ChatLike } from '@gws-chat/core'
import { attentionSound, desktopNotifications, titleBadge } from '@gws-chat/core/attention'
import { ChatWidget } from '@gws-chat/vue'

export const SupportChat = defineComponent({
  props: { chat: { type: Object as PropType<ChatLike>, required: true } },
  setup(props) {
    // Unread messages in the tab's title, a sound once the visitor has used the page, a notification while it is hidden.
    let stops: (() => void)[] = []
    onMounted(() => (stops = [titleBadge(props.chat), attentionSound(props.chat, { src: '/sounds/ding.mp3' }), desktopNotifications(props.chat)]))
    onBeforeUnmount(() => stops.forEach((stop) => stop()))
    return () => h(ChatWidget, { chat: props.chat, layout: 'launcher' })
  },
})
