import { computed, getCurrentScope, onScopeDispose, shallowRef, toValue, watch } from 'vue'
import type { ComputedRef, MaybeRefOrGetter, ShallowRef } from 'vue'
import { chatCommands, type ChatCommands, type ChatLike, type ChatSnapshot } from '@gws-chat/core'

/** The engine's commands; each call goes to the engine `useChat` currently follows. */
export type { ChatCommands }

/** One computed ref per snapshot field, so `const { status, transcript } = useChat(chat)` stays reactive. */
export type ChatRefs = { readonly [K in keyof ChatSnapshot]: ComputedRef<ChatSnapshot[K]> }

export interface UseChatReturn extends ChatRefs, ChatCommands {
  /** The whole snapshot; replaced (never mutated) on every change. */
  snapshot: Readonly<ShallowRef<ChatSnapshot>>
}

/**
 * Reactive state of an engine plus its commands. Subscribes only: it never
 * creates, starts or destroys the engine. The subscription ends with the
 * calling effect scope (component unmount or `scope.stop()`).
 */
export function useChat(chat: MaybeRefOrGetter<ChatLike>): UseChatReturn {
  const engine = () => toValue(chat)
  const snapshot = shallowRef(engine().getSnapshot())
  let unsubscribe = () => {}
  const stopWatching = watch(
    engine,
    (current) => {
      unsubscribe()
      snapshot.value = current.getSnapshot()
      unsubscribe = current.subscribe((next) => {
        snapshot.value = next
      })
    },
    { immediate: true, flush: 'sync' },
  )
  if (getCurrentScope()) {
    onScopeDispose(() => {
      stopWatching()
      unsubscribe()
    })
  }
  const refs = Object.fromEntries(
    Object.keys(snapshot.value).map((key) => [key, computed(() => snapshot.value[key as keyof ChatSnapshot])]),
  ) as unknown as ChatRefs
  return {
    ...refs,
    snapshot,
    ...chatCommands(engine),
  }
}
