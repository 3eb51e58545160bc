import type { ChatEvent, ChatEventMap, ChatEventType } from './types'

/** The `on(type, handler)` side of an engine: the engine itself and a follower tab's mirror both use it. */
export function createChatEmitter() {
  const handlers = new Map<ChatEventType, Set<(event: never) => void>>()
  return {
    on<T extends ChatEventType>(type: T, handler: (event: ChatEventMap[T]) => void): () => void {
      const set = handlers.get(type) ?? new Set()
      handlers.set(type, set)
      set.add(handler as (event: never) => void)
      return () => set.delete(handler as (event: never) => void)
    },
    dispatch(event: ChatEvent): void {
      handlers.get(event.type)?.forEach((handler) => (handler as (event: ChatEvent) => void)(event))
    },
    clear: () => handlers.clear(),
  }
}
