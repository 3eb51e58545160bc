import { useMemo, useSyncExternalStore } from 'react'
import { chatCommands, type ChatCommands, type ChatLike, type ChatSnapshot } from '@gws-chat/core'

/** The engine's commands, bound to one engine and stable for its lifetime. */
export type { ChatCommands }

export type UseChatResult = ChatSnapshot & ChatCommands

/** Subscription helpers keyed by engine, so `useSyncExternalStore` never resubscribes on re-render. */
export function useChatStore(chat: ChatLike) {
  return useMemo(
    () => ({
      subscribe: (onChange: () => void) => chat.subscribe(onChange),
      getSnapshot: () => chat.getSnapshot(),
    }),
    [chat],
  )
}

/**
 * The engine's snapshot plus its commands. The hook only subscribes: it never
 * creates, starts or destroys the engine: create it once outside the component
 * tree, so StrictMode's double render and double mount cannot make a second one.
 */
export function useChat(chat: ChatLike): UseChatResult {
  const store = useChatStore(chat)
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot)
  const commands = useMemo(() => chatCommands(() => chat), [chat])
  return useMemo(() => ({ ...snapshot, ...commands }), [snapshot, commands])
}
