import { computed, getCurrentInstance, getCurrentScope, inject, onMounted, onScopeDispose, shallowRef, ssrContextKey, toValue, watch } from 'vue'
import type { ComputedRef, MaybeRefOrGetter, ShallowRef } from 'vue'
import { chatCommands, idleSnapshot, type ChatCommands, type ChatLike, type ChatSnapshot } from '@gws-chat/core'

/** The engine's commands; each call goes to the engine `useChat` currently follows. */
export type { ChatCommands }

/** One computed ref per snapshot field, so `const { status, transcript } = useChat(chat)` stays reactive. */
export type ChatRefs = { readonly [K in keyof ChatSnapshot]: ComputedRef<ChatSnapshot[K]> }

export interface UseChatReturn extends ChatRefs, ChatCommands {
  /** The whole snapshot; replaced (never mutated) on every change. */
  snapshot: Readonly<ShallowRef<ChatSnapshot>>
}

let serverSnapshot: ChatSnapshot | undefined

/** What the server renders and what hydration renders in the browser: the idle snapshot, one reference. */
const getServerSnapshot = (): ChatSnapshot => (serverSnapshot ??= Object.freeze(idleSnapshot()))

/**
 * Where the calling component renders: on the server (`renderToString` and the stream renderers provide the SSR
 * context), hydrating markup the server rendered (the hydration renderer points a component's vnode at its existing
 * DOM node before running its setup; a client render creates the node after setup), or a plain client render. Outside
 * a component (an effect scope, a store) it is always `client`.
 */
function renderPhase(): 'server' | 'hydrating' | 'client' {
  const instance = getCurrentInstance()
  if (instance === null) return 'client'
  if (inject(ssrContextKey, null) !== null) return 'server'
  return instance.vnode.el != null ? 'hydrating' : 'client'
}

/**
 * Reactive state of an engine plus its commands. Subscribes only: it never creates, starts or destroys the engine.
 * The subscription ends with the calling effect scope (component unmount or `scope.stop()`).
 *
 * On the server the refs hold the idle snapshot and nothing subscribes. A component hydrating server markup starts
 * from the idle snapshot too, the one the server rendered, and switches to the engine's snapshot once mounted; a
 * client-only render shows the engine's snapshot from its first render (see `docs/ssr.md`).
 */
export function useChat(chat: MaybeRefOrGetter<ChatLike>): UseChatReturn {
  const engine = () => toValue(chat)
  const phase = renderPhase()
  const snapshot = shallowRef(phase === 'client' ? engine().getSnapshot() : getServerSnapshot())
  if (phase !== 'server') {
    // While hydrating, the engine's snapshot waits for the mount: the first render must match the server's markup.
    let live = phase === 'client'
    let unsubscribe = () => {}
    const stopWatching = watch(
      engine,
      (current) => {
        unsubscribe()
        if (live) snapshot.value = current.getSnapshot()
        unsubscribe = current.subscribe((next) => {
          if (live) snapshot.value = next
        })
      },
      { immediate: true, flush: 'sync' },
    )
    if (!live) {
      onMounted(() => {
        live = true
        snapshot.value = engine().getSnapshot()
      })
    }
    if (getCurrentScope()) {
      onScopeDispose(() => {
        stopWatching()
        unsubscribe()
      })
    }
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
