import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChat } from '../src'
import { createMemoryStorage } from '../src/persistence/storage'
import { setup } from './engine'
import { createFakeGws } from './fake-gws'
import { persistChat } from '../src/persistence'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Unread' }
const system = { nickname: 'system', participantId: '9', type: 'External' }

async function connected(options: Parameters<typeof setup>[0] = {}) {
  const world = setup({ watchPage: false, ...options })
  world.chat.start(start)
  await world.tick(3000)
  world.gws.agentJoins()
  await world.tick(3000)
  return world
}

describe('snapshot.unreadCount', () => {
  it('counts agent messages that arrive while the page is hidden; markRead clears it', async () => {
    const { chat, gws, tick } = await connected()
    expect(chat.getSnapshot().unreadCount).toBe(0)
    gws.agentSays('seen as it arrives')
    await tick(3000)
    expect(chat.getSnapshot().unreadCount, 'in view: read as it arrives').toBe(0)

    chat.setPageVisible(false)
    gws.agentSays('one')
    gws.agentSays('two')
    await tick(10_000)
    expect(chat.getSnapshot().unreadCount).toBe(2)
    chat.setPageVisible(true)
    await tick(1)
    expect(chat.getSnapshot().unreadCount, 'back in view: unread until the UI says it was read').toBe(2)
    chat.markRead()
    expect(chat.getSnapshot().unreadCount).toBe(0)
    chat.destroy()
  })

  it('counts while the UI says it is not viewing (a closed panel), even with the page in view', async () => {
    const { chat, gws, tick } = await connected()
    chat.setViewing(false)
    gws.agentSays('while the panel is closed')
    await tick(3000)
    gws.agentSays('and another')
    await tick(3000)
    expect(chat.getSnapshot().unreadCount).toBe(2)
    chat.setViewing(true)
    chat.markRead()
    gws.agentSays('with the panel open')
    await tick(3000)
    expect(chat.getSnapshot().unreadCount).toBe(0)
    chat.destroy()
  })

  it('never counts own messages, system notices, typing, joins and leaves', async () => {
    const { chat, gws, tick, texts } = await connected()
    chat.setPageVisible(false)
    chat.send('my own message')
    gws.add('Notice', system, { text: 'Your chat is being recorded' })
    gws.add('Text', system, { text: 'An automated answer' })
    gws.agentTypes()
    gws.agentJoins({ nickname: 'Ben', participantId: '3', type: 'Agent' })
    gws.agentLeaves({ nickname: 'Ben', participantId: '3', type: 'Agent' }, 'Chatting')
    await tick(20_000)
    expect(texts()).toContain('Customer: my own message')
    expect(chat.getSnapshot().unreadCount).toBe(0)
    gws.add('PushUrl', gws.agent, { url: 'https://shop.example/help' })
    await tick(10_000)
    expect(chat.getSnapshot().unreadCount, 'a pushed page is a message').toBe(1)
    chat.destroy()
  })

  it('entries restored after a reload are not unread; what arrives after it is', async () => {
    vi.useFakeTimers()
    const gws = createFakeGws()
    const storage = createMemoryStorage()
    const load = () => createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, persistence: persistChat({ storage }), watchPage: false })
    const first = load()
    first.start(start)
    await vi.advanceTimersByTimeAsync(3000)
    gws.agentJoins()
    first.setPageVisible(false)
    gws.agentSays('before the reload')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(first.getSnapshot().unreadCount).toBe(1)
    first.destroy()

    const second = load()
    second.setPageVisible(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(second.getSnapshot().transcript.map((entry) => entry.text ?? entry.type)).toContain('before the reload')
    expect(second.getSnapshot().unreadCount).toBe(0)
    gws.agentSays('after the reload')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(second.getSnapshot().unreadCount).toBe(1)
    second.destroy()
  })

  it('the page and the panel are the page’s: a new chat keeps them, markRead and setViewing are harmless after destroy', async () => {
    const { chat, gws, tick } = await connected()
    chat.setViewing(false)
    chat.end()
    await tick(3000)
    expect(chat.getSnapshot().status).toBe('ended')
    // The server's next chat starts from scratch.
    Object.assign(gws.state, { completed: false, state: 'WaitingForAgent', transcript: [] })
    chat.start(start)
    await tick(3000)
    gws.agentJoins()
    gws.agentSays('in the new chat')
    await tick(3000)
    expect(chat.getSnapshot().unreadCount).toBe(1)
    chat.destroy()
    expect(() => {
      chat.markRead()
      chat.setViewing(true)
    }).not.toThrow()
  })
})
