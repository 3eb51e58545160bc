import { isAgent } from '../store/transcript'
import type { ChatEvent } from '../types'

/**
 * One tab's own unread count. The engine of a shared chat runs in the leader tab and counts what its page does not
 * show, but the visitor reads the chat in one tab at a time: each tab counts the agent messages it does not show
 * (its page hidden, or its UI not viewing), from the same `message.received` events the engine's count follows.
 */
export function createTabUnread(inView: () => boolean) {
  let count = 0
  let viewing = true
  return {
    count: () => count,
    /** Counts an agent message this tab does not show; `true` when the count changed. */
    received(event: ChatEvent): boolean {
      if (event.type !== 'message.received' || !isAgent(event.entry.from) || (viewing && inView())) return false
      count++
      return true
    },
    /** `true` when the count changed. */
    markRead(): boolean {
      const changed = count !== 0
      count = 0
      return changed
    },
    setViewing(next: boolean) {
      viewing = next
    },
  }
}
