import { ChatCommandError } from '../commands'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createMemoryStorage } from '../persistence/storage'
import { createFakeGws } from '../../test/fake-gws'
import { createSharedChat, type SharedChat } from './shared-chat'
import type { TabLocks } from './protocol'

/** An in-memory Web Locks: exclusive, first come first served, released when the callback's promise settles. */
function createFakeLocks(): TabLocks {
  const held = new Set<string>()
  const waiting = new Map<string, (() => void)[]>()
  return {
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const run = () => {
          held.add(name)
          callback().finally(() => {
            held.delete(name)
            resolve(undefined)
            waiting.get(name)?.shift()?.()
          })
        }
        if (!held.has(name)) return run()
        const queue = waiting.get(name) ?? []
        waiting.set(name, queue)
        queue.push(run)
        options.signal?.addEventListener('abort', () => {
          const at = queue.indexOf(run)
          if (at >= 0) queue.splice(at, 1)
          reject(new DOMException('aborted', 'AbortError'))
        })
      })
    },
  }
}

const tabsOpen: SharedChat[] = []
afterEach(() => {
  tabsOpen.splice(0).forEach((tab) => tab.destroy())
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** A page whose visibility the test switches, as the browser does when the visitor changes tabs. */
function fakePage(state: 'visible' | 'hidden') {
  const page = Object.assign(new EventTarget(), { visibilityState: state as 'visible' | 'hidden' })
  const set = (next: 'visible' | 'hidden') => {
    page.visibilityState = next
    page.dispatchEvent(new Event('visibilitychange'))
  }
  return { page, hide: () => set('hidden'), show: () => set('visible') }
}

const fakeTimers = { toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] as const }

function browser(name = `chat-${Math.random()}`) {
  vi.useFakeTimers({ toFake: [...fakeTimers.toFake] })
  const gws = createFakeGws()
  const storage = createMemoryStorage()
  const locks = createFakeLocks()
  const open = (page?: ReturnType<typeof fakePage>['page']) => {
    const tab = createSharedChat({
      baseUrl: 'https://gws.example.com',
      contactCenterId: 'cc',
      http: gws.http,
      tabs: { name, locks, storage, ...(page ? { document: page } : {}) },
    })
    tabsOpen.push(tab)
    return tab
  }
  // BroadcastChannel delivers on the real event loop: let it run between fake-timer steps.
  const settle = async (ms = 0) => {
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(ms / 5)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  return { gws, open, settle }
}

describe('one poller across tabs', () => {
  it('elects one leader; followers mirror its snapshot and forward their commands', async () => {
    const { gws, open, settle } = browser()
    const a = open()
    const b = open()
    await settle()
    expect([a.role, b.role]).toEqual(['leader', 'follower'])
    b.start({ nickname: 'Chris', subject: 'From tab B' })
    await settle(100)
    expect(gws.ops('RequestChat')).toHaveLength(1)
    expect(b.getSnapshot().status).toBe('queued')
    gws.agentJoins()
    gws.agentSays('Hello from Ava')
    await settle(3000)
    const id = b.send('Sent from B')
    await settle(3000)
    for (const tab of [a, b]) {
      expect(tab.getSnapshot().status).toBe('connected')
      expect(tab.getSnapshot().transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual(['Hello from Ava', 'Sent from B'])
    }
    expect(id).toMatch(/^t/)
    // Only the leader polled: every request came from one engine.
    const polls = gws.ops('GetMessages').length
    await settle(30_000)
    expect(gws.ops('GetMessages').length - polls).toBeLessThanOrEqual(12)
    expect(gws.ops('SendMessage')).toHaveLength(1)
  })

  it('a closed tab, leader or follower, throws on every command instead of dropping it', async () => {
    const { open, settle } = browser()
    const a = open()
    const b = open()
    await settle()
    b.start({ nickname: 'Chris', subject: 'Closing' })
    await settle(100)
    for (const tab of [b, a]) {
      tab.destroy()
      expect(() => tab.send('lost?'), tab.role).toThrow(/the engine was destroyed/)
      expect(() => tab.end()).toThrow(ChatCommandError)
      expect(() => tab.destroy(), 'twice is fine').not.toThrow()
    }
  })

  it('a follower keeps unchanged fields of the mirrored snapshot by reference', async () => {
    const { gws, open, settle } = browser()
    const a = open()
    const b = open()
    await settle()
    a.start({ nickname: 'Chris', subject: 'stable' })
    await settle(100)
    gws.agentJoins()
    await settle(3000)
    const before = b.getSnapshot()
    expect(before.participants).toHaveLength(2)
    gws.agentTypes()
    await settle(3000)
    const after = b.getSnapshot()
    expect(after.agentTyping).toBe(true)
    expect(after.participants).toBe(before.participants)
    expect(after.capabilities).toBe(before.capabilities)
    expect(after.outbox).toBe(before.outbox)
  })

  it('a second tab never creates a second chat', async () => {
    const { gws, open, settle } = browser()
    const a = open()
    const b = open()
    await settle()
    a.start({ nickname: 'Chris', subject: 'one' })
    b.start({ nickname: 'Chris', subject: 'two' })
    await settle(100)
    expect(gws.ops('RequestChat')).toHaveLength(1)
  })

  it('when the leader tab closes another takes over with nothing lost', async () => {
    const { gws, open, settle } = browser()
    const a = open()
    const b = open()
    await settle()
    a.start({ nickname: 'Chris', subject: 'takeover' })
    await settle(100)
    gws.agentJoins()
    gws.agentSays('first')
    await settle(3000)
    a.destroy()
    await settle()
    expect(b.role).toBe('leader')
    gws.agentSays('second')
    b.send('still here')
    await settle(3000)
    const texts = b.getSnapshot().transcript.filter((e) => e.type === 'Text').map((e) => e.text)
    expect(texts).toEqual(['first', 'second', 'still here'])
    expect(b.getSnapshot().transcript.map((e) => e.index)).toEqual([1, 2, 3, 4, 5])
    expect(gws.ops('RequestChat')).toHaveLength(1)
    expect(gws.ops('SendMessage')).toHaveLength(1)
  })

  it('a follower’s message forwarded to a leader that closes before taking it is sent by the next leader', async () => {
    const { gws, open, settle } = browser()
    const a = open()
    const b = open()
    const c = open()
    await settle()
    a.start({ nickname: 'Chris', subject: 'handover' })
    await settle(100)
    // The leader goes away in the same turn as the command is posted: the command is never acknowledged.
    c.send('do not lose me')
    a.destroy()
    await settle(3000)
    expect(gws.ops('SendMessage').map((call) => call.body?.text)).toEqual(['do not lose me'])
    expect(c.getSnapshot().transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual(['do not lose me'])
    expect([b.role, c.role].sort()).toEqual(['follower', 'leader'])
  })

  it('polls at the visible pace while any tab is in view, even when the leader tab is in the background', async () => {
    const { gws, open, settle } = browser()
    const background = fakePage('hidden')
    const inView = fakePage('visible')
    // The leader's engine watches its own page, the global document.
    vi.stubGlobal('document', background.page)
    const a = open(background.page)
    const b = open(inView.page)
    await settle()
    expect([a.role, b.role]).toEqual(['leader', 'follower'])
    b.start({ nickname: 'Chris', subject: 'seen in tab B' })
    await settle(100)
    gws.agentJoins()
    await settle(10_000)
    // The visitor looks at B: the resting pace (3 s), not the hidden one (10 s).
    let polls = gws.ops('GetMessages').length
    await settle(30_000)
    expect(gws.ops('GetMessages').length - polls).toBeGreaterThanOrEqual(8)
    // No tab in view: the hidden pace.
    inView.hide()
    await settle(10_000)
    polls = gws.ops('GetMessages').length
    await settle(30_000)
    expect(gws.ops('GetMessages').length - polls).toBeLessThanOrEqual(4)
    // B comes back into view: a poll at once, then the resting pace again.
    polls = gws.ops('GetMessages').length
    inView.show()
    await settle(100)
    expect(gws.ops('GetMessages').length - polls).toBeGreaterThanOrEqual(1)
  })

  it('unread is per tab: each counts the agent messages it does not show, from its own page and panel', async () => {
    const { gws, open, settle } = browser()
    const leaderPage = fakePage('visible')
    const followerPage = fakePage('visible')
    vi.stubGlobal('document', leaderPage.page)
    const a = open(leaderPage.page)
    const b = open(followerPage.page)
    await settle()
    expect([a.role, b.role]).toEqual(['leader', 'follower'])
    a.start({ nickname: 'Chris', subject: 'unread per tab' })
    await settle(100)
    gws.agentJoins()
    gws.agentSays('seen in both tabs')
    await settle(3000)
    expect([a.getSnapshot().unreadCount, b.getSnapshot().unreadCount]).toEqual([0, 0])

    // The visitor switches to another site: B is hidden, A still shows the chat.
    followerPage.hide()
    gws.agentSays('one')
    await settle(3000)
    expect([a.getSnapshot().unreadCount, b.getSnapshot().unreadCount]).toEqual([0, 1])
    // Back to B, which shows the chat now; A is hidden behind it, its panel closed.
    a.setViewing(false)
    leaderPage.hide()
    followerPage.show()
    gws.agentSays('two')
    await settle(10_000)
    expect([a.getSnapshot().unreadCount, b.getSnapshot().unreadCount]).toEqual([1, 1])
    expect(b.getSnapshot().transcript.at(-1)?.text, 'the rest of the snapshot is the mirror').toBe('two')
    b.markRead()
    expect([a.getSnapshot().unreadCount, b.getSnapshot().unreadCount]).toEqual([1, 0])
    await settle(3000)
    expect(b.getSnapshot().unreadCount, 'a mirrored snapshot keeps the tab’s own count').toBe(0)
    a.markRead()
    expect(a.getSnapshot().unreadCount).toBe(0)
    b.destroy()
    expect(() => b.markRead(), 'harmless after destroy').not.toThrow()
  })

  it('a follower that takes over keeps its own count; restored entries are not unread', async () => {
    const { gws, open, settle } = browser()
    const followerPage = fakePage('hidden')
    const a = open()
    const b = open(followerPage.page)
    await settle()
    a.start({ nickname: 'Chris', subject: 'take over' })
    await settle(100)
    gws.agentJoins()
    gws.agentSays('while B is hidden')
    await settle(3000)
    expect(b.getSnapshot().unreadCount).toBe(1)
    a.destroy()
    await settle(100)
    expect(b.role).toBe('leader')
    await settle(3000)
    expect(b.getSnapshot().transcript.some((entry) => entry.text === 'while B is hidden'), 'rebuilt from storage').toBe(true)
    expect(b.getSnapshot().unreadCount, 'not counted again').toBe(1)
    gws.agentSays('after the take-over')
    await settle(10_000)
    expect(b.getSnapshot().unreadCount).toBe(2)
  })

  it('without Web Locks each tab runs its own engine', () => {
    vi.useFakeTimers()
    const gws = createFakeGws()
    const tab = createSharedChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, persistence: false })
    tabsOpen.push(tab)
    expect(tab.role).toBe('solo')
    expect(tab.engine).not.toBeNull()
    tab.setViewing(false)
    expect(tab.engine?.actor.getSnapshot().context.away, 'the engine counts for a solo tab').toBe(true)
    tab.markRead()
  })
})
