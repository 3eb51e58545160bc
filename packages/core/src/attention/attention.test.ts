// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setup } from '../../test/engine'
import { attentionSound, desktopNotifications, requestNotificationPermission, titleBadge } from '.'

let visibility: 'visible' | 'hidden' = 'visible'
/** What the browser does when the visitor switches tabs. */
function setVisibility(next: 'visible' | 'hidden') {
  visibility = next
  document.dispatchEvent(new Event('visibilitychange'))
}

beforeEach(() => {
  visibility = 'visible'
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility })
  document.title = 'Shop'
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

/** A connected chat over the in-memory GWS, following jsdom's document. */
async function connected() {
  const world = setup({ persistence: false })
  world.chat.start({ nickname: 'Chris', subject: 'Attention' })
  await world.tick(3000)
  world.gws.agentJoins()
  await world.tick(3000)
  const says = async (...texts: string[]) => {
    for (const text of texts) world.gws.agentSays(text)
    await world.tick(10_000)
  }
  return { ...world, says }
}

describe('titleBadge', () => {
  it('prefixes the title with the unread count and restores it when read, and on stop', async () => {
    const { chat, says } = await connected()
    const stop = titleBadge(chat)
    chat.setViewing(false)
    await says('one')
    expect(document.title).toBe('(1) Shop')
    await says('two', 'three')
    expect(document.title).toBe('(3) Shop')
    chat.markRead()
    expect(document.title).toBe('Shop')
    await says('four')
    expect(document.title).toBe('(1) Shop')
    stop()
    expect(document.title, 'restored on stop').toBe('Shop')
    await says('five')
    expect(document.title, 'stopped: left alone').toBe('Shop')
    chat.destroy()
  })

  it('keeps a title the page sets meanwhile, and takes a format', async () => {
    const { chat, says } = await connected()
    const stop = titleBadge(chat, { format: (count, title) => `${title} – ${count} new` })
    chat.setViewing(false)
    await says('one')
    expect(document.title).toBe('Shop – 1 new')
    document.title = 'Checkout'
    await says('two')
    expect(document.title).toBe('Checkout – 2 new')
    stop()
    expect(document.title).toBe('Checkout')
    chat.destroy()
  })

  it('caps the count at 99+', async () => {
    const { chat, gws, tick } = await connected()
    const stop = titleBadge(chat)
    chat.setViewing(false)
    for (let i = 0; i < 120; i++) gws.agentSays(`line ${i}`)
    await tick(10_000)
    expect(chat.getSnapshot().unreadCount).toBe(120)
    expect(document.title).toBe('(99+) Shop')
    stop()
    chat.destroy()
  })
})

describe('attentionSound', () => {
  it('plays nothing before a gesture, then once per answer with new unread agent messages', async () => {
    const { chat, says } = await connected()
    const play = vi.fn()
    const stop = attentionSound(chat, { play })
    setVisibility('hidden')
    await says('before any gesture')
    expect(play).not.toHaveBeenCalled()
    window.dispatchEvent(new Event('pointerdown'))
    await says('after a click')
    expect(play).toHaveBeenCalledTimes(1)
    await says('two at once', 'in one answer')
    expect(play).toHaveBeenCalledTimes(2)
    chat.markRead()
    setVisibility('visible')
    await says('seen as it arrives')
    expect(play, 'read messages make no sound').toHaveBeenCalledTimes(2)
    stop()
    setVisibility('hidden')
    await says('after stop')
    expect(play).toHaveBeenCalledTimes(2)
    chat.destroy()
  })

  it('plays a file with Audio after a key press, and swallows a refused play', async () => {
    const { chat, says } = await connected()
    const played: string[] = []
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(function (this: HTMLMediaElement) {
      played.push(this.src)
      return Promise.reject(new DOMException('play() failed because the user didn’t interact with the document first.', 'NotAllowedError'))
    })
    const unhandled = vi.fn()
    process.on('unhandledRejection', unhandled)
    const stop = attentionSound(chat, { src: 'https://shop.example/ding.mp3', volume: 3 })
    chat.setViewing(false)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    await says('one')
    await says('two')
    expect(played).toEqual(['https://shop.example/ding.mp3', 'https://shop.example/ding.mp3'])
    await vi.advanceTimersByTimeAsync(0)
    expect(unhandled).not.toHaveBeenCalled()
    process.off('unhandledRejection', unhandled)
    stop()
    chat.destroy()
  })

  it('a play that throws costs nothing; stop removes its gesture listeners', async () => {
    const { chat, says } = await connected()
    const removed = vi.spyOn(window, 'removeEventListener')
    const stop = attentionSound(chat, {
      play: () => {
        throw new Error('no audio device')
      },
    })
    stop()
    expect(removed.mock.calls.map(([type]) => type)).toEqual(expect.arrayContaining(['pointerdown', 'keydown']))
    const again = attentionSound(chat, {
      play: () => {
        throw new Error('no audio device')
      },
    })
    window.dispatchEvent(new Event('pointerdown'))
    chat.setViewing(false)
    await expect(says('one')).resolves.toBeUndefined()
    expect(chat.getSnapshot().unreadCount).toBe(1)
    again()
    chat.destroy()
  })
})

class FakeNotification {
  static permission: NotificationPermission = 'granted'
  static shown: FakeNotification[] = []
  static requestPermission = vi.fn(async () => 'granted' as NotificationPermission)
  onclick: (() => void) | null = null
  onclose: (() => void) | null = null
  closed = false
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this)
  }
  close() {
    this.closed = true
    this.onclose?.()
  }
}

describe('desktopNotifications', () => {
  beforeEach(() => {
    FakeNotification.permission = 'granted'
    FakeNotification.shown = []
    vi.stubGlobal('Notification', FakeNotification)
  })

  it('shows one per agent message while the page is hidden, only with the permission granted', async () => {
    const { chat, says, gws, tick } = await connected()
    const stop = desktopNotifications(chat)
    await says('while in view')
    expect(FakeNotification.shown, 'in view: no notification').toEqual([])
    setVisibility('hidden')
    FakeNotification.permission = 'default'
    await says('not granted yet')
    expect(FakeNotification.shown).toEqual([])
    FakeNotification.permission = 'granted'
    chat.send('my own')
    gws.add('Notice', { nickname: 'system', participantId: '9', type: 'External' }, { text: 'recorded' })
    await tick(10_000)
    expect(FakeNotification.shown, 'own messages and notices: none').toEqual([])
    await says('Your parcel left today')
    expect(FakeNotification.shown.map((n) => [n.title, n.options.body, n.options.tag])).toEqual([['Ava', 'Your parcel left today', 'gws-chat:chat-1:7']])
    stop()
    await says('after stop')
    expect(FakeNotification.shown).toHaveLength(1)
    chat.destroy()
  })

  it('a click focuses the window and marks the chat read; reading the chat closes them', async () => {
    const { chat, says } = await connected()
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => {})
    const stop = desktopNotifications(chat, { title: 'Shop support', body: (entry) => `${entry.from.nickname}: ${entry.text}` })
    setVisibility('hidden')
    await says('first')
    await says('second')
    const [first, second] = FakeNotification.shown
    expect([first?.title, first?.options.body]).toEqual(['Shop support', 'Ava: first'])
    expect(chat.getSnapshot().unreadCount).toBe(2)
    first?.onclick?.()
    expect(focus).toHaveBeenCalledTimes(1)
    expect(chat.getSnapshot().unreadCount).toBe(0)
    expect([first?.closed, second?.closed], 'read: the rest close too').toEqual([true, true])
    await says('third')
    stop()
    expect(FakeNotification.shown.at(-1)?.closed, 'stop closes what it showed').toBe(true)
    chat.destroy()
  })

  it('asks for the permission, and answers unsupported without the API', async () => {
    FakeNotification.permission = 'default'
    await expect(requestNotificationPermission()).resolves.toBe('granted')
    FakeNotification.permission = 'denied'
    await expect(requestNotificationPermission()).resolves.toBe('denied')
    // Older Safari: the answer comes through the callback only.
    FakeNotification.permission = 'default'
    FakeNotification.requestPermission.mockImplementationOnce(((callback: (permission: NotificationPermission) => void) => {
      callback('granted')
      return undefined
    }) as never)
    await expect(requestNotificationPermission()).resolves.toBe('granted')
    vi.stubGlobal('Notification', undefined)
    await expect(requestNotificationPermission()).resolves.toBe('unsupported')
  })
})
