import type { ChatLike } from '../commands'
import type { TranscriptEntry } from '../types'

type Text = string | ((entry: TranscriptEntry) => string)

export interface DesktopNotificationOptions {
  /** Default: the agent's nickname, or "New message". */
  title?: Text
  /** Default: the message's text (or a pushed URL). */
  body?: Text
  /** An icon URL. */
  icon?: string
}

const textOf = (text: Text | undefined, entry: TranscriptEntry): string | undefined => (typeof text === 'function' ? text(entry) : text)

/**
 * Shows a desktop notification for each agent message that arrives while the page is hidden, only when the visitor
 * has granted the permission already (ask with `requestNotificationPermission()` from a click). Clicking one focuses
 * the window and marks the chat read; they close once the chat is read. Returns the function that stops it (and
 * closes what it showed); does nothing where there is no `document` or Notification API.
 */
export function desktopNotifications(chat: Pick<ChatLike, 'on' | 'subscribe' | 'getSnapshot' | 'markRead'>, options: DesktopNotificationOptions = {}): () => void {
  if (typeof document === 'undefined' || typeof Notification === 'undefined') return () => {}
  const doc = document
  const shown = new Set<Notification>()
  const closeAll = () => {
    for (const notification of shown) notification.close()
    shown.clear()
  }
  const off = chat.on('message.received', ({ entry }) => {
    // `isAgent`, written out: importing it would bring the transcript's schemas into this entry.
    if (entry.from.type !== 'Agent' || doc.visibilityState !== 'hidden' || Notification.permission !== 'granted') return
    try {
      const notification = new Notification(textOf(options.title, entry) ?? (entry.from.nickname || 'New message'), {
        body: textOf(options.body, entry) ?? entry.text ?? entry.url ?? '',
        // One per message, even when several tabs of the chat are hidden: the browser replaces a notification of the same tag.
        tag: `gws-chat:${chat.getSnapshot().chatId ?? ''}:${entry.index}`,
        ...(options.icon !== undefined ? { icon: options.icon } : {}),
      })
      shown.add(notification)
      notification.onclose = () => shown.delete(notification)
      notification.onclick = () => {
        window.focus()
        chat.markRead()
        notification.close()
      }
    } catch {
      // Some browsers (Chrome on Android) show notifications only through a service worker.
    }
  })
  const unsubscribe = chat.subscribe(({ unreadCount }) => {
    if (unreadCount === 0 && shown.size > 0) closeAll()
  })
  return () => {
    off()
    unsubscribe()
    closeAll()
  }
}

/**
 * Asks for the permission desktop notifications need; call it from a click (browsers ignore a request without a
 * gesture). Resolves with the permission, or `'unsupported'` where there is no Notification API.
 */
export async function requestNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return 'unsupported'
  if (Notification.permission !== 'default') return Notification.permission
  try {
    // Older Safari answers through the callback only.
    return await new Promise<NotificationPermission>((resolve, reject) => {
      const answer = Notification.requestPermission(resolve)
      if (answer) answer.then(resolve, reject)
    })
  } catch {
    return Notification.permission
  }
}
