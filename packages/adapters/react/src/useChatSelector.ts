import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { ChatLike, ChatSnapshot } from '@gws-chat/core'
import { useChatStore } from './useChat'

interface Memo<T> {
  snapshot: ChatSnapshot
  selector: (snapshot: ChatSnapshot) => T
  value: T
}

/**
 * A slice of the snapshot. The component re-renders only when the selected value changes according to `isEqual`
 * (default `Object.is`); an inline selector is fine. On the server and during hydration the selector reads the idle
 * snapshot (see `docs/ssr.md`).
 */
export function useChatSelector<T>(
  chat: ChatLike,
  selector: (snapshot: ChatSnapshot) => T,
  isEqual: (a: T, b: T) => boolean = Object.is,
): T {
  const store = useChatStore(chat)
  // The last selection survives re-renders, so an equal value keeps its identity: the hydration's (idle) selection
  // too, when the engine's snapshot selects an equal value after hydration.
  const memo = useRef<Memo<T> | null>(null)
  const select = useCallback(
    (snapshot: ChatSnapshot) => {
      const last = memo.current
      if (last && last.snapshot === snapshot && last.selector === selector) return last.value
      const next = selector(snapshot)
      const value = last && isEqual(last.value, next) ? last.value : next
      memo.current = { snapshot, selector, value }
      return value
    },
    [selector, isEqual],
  )
  const getSelection = useCallback(() => select(store.getSnapshot()), [store, select])
  const getServerSelection = useCallback(() => select(store.getServerSnapshot()), [store, select])
  return useSyncExternalStore(store.subscribe, getSelection, getServerSelection)
}
