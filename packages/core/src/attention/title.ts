import type { ChatLike } from '../commands'

export interface TitleBadgeOptions {
  /** The title shown while there are unread messages (default `(3) Title`, `(99+) Title` past 99). */
  format?: (count: number, title: string) => string
}

const badge = (count: number, title: string) => `(${count > 99 ? '99+' : count}) ${title}`

/**
 * Prefixes `document.title` with the unread count while `snapshot.unreadCount` is above 0, and puts the page's own
 * title back when it is 0 again or when stopped. A title the page sets meanwhile is kept: it is badged and restored
 * instead. Returns the function that stops it; does nothing where there is no `document` (SSR).
 */
export function titleBadge(chat: Pick<ChatLike, 'subscribe' | 'getSnapshot'>, options: TitleBadgeOptions = {}): () => void {
  if (typeof document === 'undefined') return () => {}
  const doc = document
  const format = options.format ?? badge
  let original = doc.title
  /** The title this badge wrote, while it shows one. */
  let written: string | null = null
  function show(count: number) {
    // No badge shown, or the page set a title of its own since: that is the title to badge and to restore.
    if (doc.title !== written) original = doc.title
    const next = count > 0 ? format(count, original) : original
    if (doc.title !== next) doc.title = next
    written = count > 0 ? next : null
  }
  show(chat.getSnapshot().unreadCount)
  const unsubscribe = chat.subscribe((snapshot) => show(snapshot.unreadCount))
  return () => {
    unsubscribe()
    if (written !== null) show(0)
  }
}
