import { useMemo, useSyncExternalStore } from 'react'
import { chatCommands, idleSnapshot, type ChatCommands, type ChatLike, type ChatSnapshot } from '@gws-chat/core'

/** The engine's commands, bound to one engine and stable for its lifetime. */
export type { ChatCommands }

export type UseChatResult = ChatSnapshot & ChatCommands

let serverSnapshot: ChatSnapshot | undefined

/**
 * What the server renders, and what hydration renders in the browser: the idle snapshot, one reference for every
 * call. A server has no sessionStorage, so its engine is idle; the browser's engine may already have restored a
 * chat, and handing that to hydration would not match the server's markup. React uses this only on the server and
 * while hydrating; right after hydration it re-renders with the engine's own snapshot. A client-only render
 * (`createRoot`) never asks for it.
 */
export function getServerSnapshot(): ChatSnapshot {
  return (serverSnapshot ??= Object.freeze(idleSnapshot()))
}

/** Subscription helpers keyed by engine, so `useSyncExternalStore` never resubscribes on re-render. */
export function useChatStore(chat: ChatLike) {
  return useMemo(
    () => ({
      subscribe: (onChange: () => void) => chat.subscribe(onChange),
      getSnapshot: () => chat.getSnapshot(),
      getServerSnapshot,
    }),
    [chat],
  )
}

/**
 * The engine's snapshot plus its commands. The hook only subscribes: it never creates, starts or destroys the
 * engine: create it once outside the component tree, so StrictMode's double render and double mount cannot make a
 * second one. On the server and during hydration it renders the idle snapshot (see `docs/ssr.md`).
 */
export function useChat(chat: ChatLike): UseChatResult {
  const store = useChatStore(chat)
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot)
  const commands = useMemo(() => chatCommands(() => chat), [chat])
  return useMemo(() => ({ ...snapshot, ...commands }), [snapshot, commands])
}
