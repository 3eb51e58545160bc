import { useEffect, useRef, type HTMLAttributes } from 'react'
import type { ChatLike } from '@gws-chat/core'
import { mountChat, type MountChatOptions } from '@gws-chat/dom'

/** Every option of the DOM widget, plus the engine and the host element's `id` and `className`. */
export type ChatWidgetProps = MountChatOptions & Pick<HTMLAttributes<HTMLDivElement>, 'id' | 'className'> & { chat: ChatLike }

/**
 * The ready, styled chat widget: `@gws-chat/dom`'s `mountChat` in a host `<div>`. The server and hydration render the
 * empty host; the widget mounts into it on the client. A new engine or an option that changes by value (an inline
 * `labels={{…}}` re-created on each render does not) remounts it. It never creates, starts or destroys the engine.
 */
export function ChatWidget({ chat, id, className, ...options }: ChatWidgetProps) {
  const host = useRef<HTMLDivElement>(null)
  // Compared by value: functions are left out of the key, so an inline callback does not remount the widget.
  const key = JSON.stringify(options)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the options' value
  useEffect(() => mountChat(host.current!, chat, options), [chat, key])
  return <div ref={host} id={id} className={className} data-gws-chat-host="" />
}
