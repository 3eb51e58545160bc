import type { ChatLike } from '../commands'

/** A sound file to play (`new Audio(src)`), or a function of yours that plays one (a Web Audio graph, a `<audio>`). */
export type AttentionSoundOptions = { src: string; volume?: number } | { play: () => unknown }

const GESTURES = ['pointerdown', 'keydown'] as const

/**
 * Plays a sound when new unread agent messages arrive (`snapshot.unreadCount` grows: one sound per answer that
 * brings some), only once the visitor has interacted with the page (a `pointerdown` or `keydown`, or the browser's
 * `navigator.userActivation`): browsers refuse audio before that. A refused or failing play is ignored. Returns the
 * function that stops it; does nothing where there is no `window` (SSR).
 */
export function attentionSound(chat: Pick<ChatLike, 'subscribe' | 'getSnapshot'>, options: AttentionSoundOptions): () => void {
  if (typeof window === 'undefined') return () => {}
  const win = window
  let allowed = (navigator as { userActivation?: { hasBeenActive?: boolean } }).userActivation?.hasBeenActive === true
  const stopListening = () => {
    for (const type of GESTURES) win.removeEventListener(type, onGesture, true)
  }
  function onGesture() {
    allowed = true
    stopListening()
  }
  if (!allowed) for (const type of GESTURES) win.addEventListener(type, onGesture, { capture: true, passive: true })

  let audio: HTMLAudioElement | undefined
  const play =
    'play' in options
      ? options.play
      : () => {
          audio ??= new Audio(options.src)
          if (options.volume !== undefined) audio.volume = Math.min(1, Math.max(0, options.volume))
          audio.currentTime = 0
          return audio.play()
        }

  let last = chat.getSnapshot().unreadCount
  const unsubscribe = chat.subscribe(({ unreadCount }) => {
    const grew = unreadCount > last
    last = unreadCount
    if (!grew || !allowed) return
    try {
      // Autoplay rules, a missing file, a decoder error: a sound is a courtesy, never a failure.
      Promise.resolve(play()).catch(() => {})
    } catch {
      // As above, for a play that throws.
    }
  })
  return () => {
    unsubscribe()
    stopListening()
    audio?.pause()
  }
}
