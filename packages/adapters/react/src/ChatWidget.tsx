import { useEffect, useRef, type HTMLAttributes } from 'react'
import type { ChatLike } from '@gws-chat/core'
import { mountChat, type MountChatOptions, type MountedChat } from '@gws-chat/dom'

/** Every option of the DOM widget, plus the engine and the host element's `id` and `className`. */
export type ChatWidgetProps = MountChatOptions & Pick<HTMLAttributes<HTMLDivElement>, 'id' | 'className'> & { chat: ChatLike }

/**
 * The ready, styled chat widget: `@gws-chat/dom`'s `mountChat` in a host `<div>`. The server and hydration render the
 * empty host; the widget mounts into it on the client. A new engine or an option that changes by value (an inline
 * `labels={{…}}` re-created on each render does not) updates it in place: the open launcher, the draft and the focus
 * stay. It never creates, starts or destroys the engine.
 */
export function ChatWidget({ chat, id, className, ...options }: ChatWidgetProps) {
  const host = useRef<HTMLDivElement>(null)
  const widget = useRef<MountedChat | null>(null)
  const latest = useRef({ chat, options })
  latest.current = { chat, options }
  // Compared by value: functions are left out of the key, so an inline callback does not update the widget.
  const key = JSON.stringify(options)
  useEffect(() => {
    const mounted = mountChat(host.current!, latest.current.chat, latest.current.options)
    widget.current = mounted
    return () => {
      mounted()
      widget.current = null
    }
  }, [])
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the options' value
  useEffect(() => widget.current?.update(latest.current.options, chat), [chat, key])
  return <div ref={host} id={id} className={className} data-gws-chat-host="" />
}
