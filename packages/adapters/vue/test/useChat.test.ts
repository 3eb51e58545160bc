import { cleanup, fireEvent, render, screen } from '@testing-library/vue'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, effectScope, h, nextTick, shallowRef } from 'vue'
import { createChat, type Chat } from '@gws-chat/core'
import { useChat } from '../src'
import { createFakeChat, createFakeHttp } from '../../test-support/fakes'

afterEach(cleanup)

describe('useChat in an effect scope', () => {
  it('exposes the snapshot as refs and follows every change', () => {
    const fake = createFakeChat()
    const scope = effectScope()
    const chat = scope.run(() => useChat(fake.chat))!
    expect(chat.status.value).toBe('idle')
    expect(chat.snapshot.value).toBe(fake.chat.getSnapshot())
    fake.update({ status: 'queued', agentTyping: true })
    expect(chat.status.value).toBe('queued')
    expect(chat.agentTyping.value).toBe(true)
    expect(chat.snapshot.value).toBe(fake.chat.getSnapshot())
    scope.stop()
  })

  it('unsubscribes when its scope is disposed, and never destroys the engine', () => {
    const fake = createFakeChat()
    const scope = effectScope()
    const chat = scope.run(() => useChat(fake.chat))!
    expect(fake.listeners.size).toBe(1)
    scope.stop()
    expect(fake.listeners.size).toBe(0)
    fake.update({ status: 'connected' })
    expect(chat.status.value).toBe('idle')
    expect(fake.chat.destroy).not.toHaveBeenCalled()
  })

  it('hands the commands through to the engine', () => {
    const fake = createFakeChat({ status: 'connected' })
    const scope = effectScope()
    const chat = scope.run(() => useChat(fake.chat))!
    chat.start({ nickname: 'Chris', subject: 'Help' })
    expect(chat.send('hello')).toBe('local-1')
    chat.setTyping(false)
    chat.retryMessage('local-1')
    chat.retry()
    chat.end()
    expect(fake.chat.start).toHaveBeenCalledWith({ nickname: 'Chris', subject: 'Help' })
    expect(fake.chat.send).toHaveBeenCalledWith('hello')
    expect(fake.chat.setTyping).toHaveBeenCalledWith(false)
    expect(fake.chat.retryMessage).toHaveBeenCalledWith('local-1')
    expect(fake.chat.retry).toHaveBeenCalledTimes(1)
    expect(fake.chat.end).toHaveBeenCalledTimes(1)
    scope.stop()
  })

  it('follows a ref to another engine', () => {
    const a = createFakeChat({ status: 'queued' })
    const b = createFakeChat({ status: 'ended' })
    const current = shallowRef<Chat>(a.chat)
    const scope = effectScope()
    const chat = scope.run(() => useChat(current))!
    expect(chat.status.value).toBe('queued')
    current.value = b.chat
    expect(chat.status.value).toBe('ended')
    expect(a.listeners.size).toBe(0)
    expect(b.listeners.size).toBe(1)
    chat.end()
    expect(b.chat.end).toHaveBeenCalledTimes(1)
    expect(a.chat.end).not.toHaveBeenCalled()
    scope.stop()
    expect(b.listeners.size).toBe(0)
  })
})

describe('useChat in a component', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('renders a whole chat with a real engine and unsubscribes on unmount', async () => {
    const fake = createFakeHttp()
    const engine = createChat({ baseUrl: 'https://gws.test', contactCenterId: 'cc', persistence: false, http: fake.http, polling: { intervalMs: 100, activeIntervalMs: 100 } })
    let active = 0
    const subscribe = engine.subscribe
    engine.subscribe = (listener) => {
      active++
      const unsubscribe = subscribe(listener)
      return () => {
        active--
        unsubscribe()
      }
    }
    const Chat = defineComponent({
      setup() {
        const { status, transcript, start, send } = useChat(engine)
        return () =>
          h('div', [
            h('p', { 'data-testid': 'status' }, status.value),
            h(
              'ul',
              transcript.value
                .filter((entry) => entry.type === 'Text')
                .map((entry) => h('li', { key: entry.index }, `${entry.from.nickname}: ${entry.text}`)),
            ),
            h('button', { onClick: () => start({ nickname: 'Chris', subject: 'Help' }) }, 'start'),
            h('button', { onClick: () => send('hello') }, 'send'),
          ])
      },
    })
    const { unmount } = render(Chat)
    const flush = async (ms: number) => {
      await vi.advanceTimersByTimeAsync(ms)
      await nextTick()
    }
    await fireEvent.click(screen.getByText('start'))
    await flush(500)
    expect(screen.getByTestId('status').textContent).toBe('queued')
    fake.agentJoins()
    fake.agentSays('Hi, I am Ava')
    await flush(1000)
    expect(screen.getByTestId('status').textContent).toBe('connected')
    expect(screen.getByText('Ava: Hi, I am Ava')).toBeTruthy()
    await fireEvent.click(screen.getByText('send'))
    await flush(1000)
    expect(screen.getByText('Chris: hello')).toBeTruthy()
    expect(fake.count('RequestChat')).toBe(1)

    expect(active).toBe(1)
    unmount()
    expect(active).toBe(0)
    engine.destroy()
  })
})
