import { act, cleanup, render, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Chat } from '@gws-chat/core'
import { useChat, type UseChatResult } from '../src'
import { createFakeChat } from '../../test-support/fakes'
import { modes } from './modes'

afterEach(cleanup)

describe.each(modes)('useChat ($name)', ({ wrapper }) => {
  it('renders the snapshot and follows every change', () => {
    const fake = createFakeChat()
    function Status() {
      const { status, transcript } = useChat(fake.chat)
      return <p>{`${status}:${transcript.length}`}</p>
    }
    render(<Status />, { wrapper })
    expect(screen.getByText('idle:0')).toBeTruthy()
    act(() => fake.update({ status: 'queued' }))
    expect(screen.getByText('queued:0')).toBeTruthy()
    act(() =>
      fake.update({ status: 'connected', transcript: [{ index: 1, type: 'Text', text: 'hi', from: { nickname: 'Ava', participantId: '2', type: 'Agent' }, time: 0 }] }),
    )
    expect(screen.getByText('connected:1')).toBeTruthy()
  })

  it('hands the commands through to the engine, with a stable identity', () => {
    const fake = createFakeChat({ status: 'connected' })
    const seen: UseChatResult[] = []
    function Probe() {
      const chat = useChat(fake.chat)
      seen.push(chat)
      return null
    }
    const { rerender } = render(<Probe />, { wrapper })
    rerender(<Probe />)
    const first = seen[0]!
    const last = seen.at(-1)!
    expect(last.send).toBe(first.send)
    expect(last).toBe(first)

    last.start({ nickname: 'Chris', subject: 'Help' })
    expect(last.send('hello')).toBe('local-1')
    last.setTyping(true)
    last.retryMessage('local-1')
    last.retry()
    last.end()
    expect(fake.chat.start).toHaveBeenCalledWith({ nickname: 'Chris', subject: 'Help' })
    expect(fake.chat.send).toHaveBeenCalledWith('hello')
    expect(fake.chat.setTyping).toHaveBeenCalledWith(true)
    expect(fake.chat.retryMessage).toHaveBeenCalledWith('local-1')
    expect(fake.chat.retry).toHaveBeenCalledTimes(1)
    expect(fake.chat.end).toHaveBeenCalledTimes(1)
  })

  it('unsubscribes on unmount and never destroys the engine', () => {
    const fake = createFakeChat()
    function Probe() {
      useChat(fake.chat)
      return null
    }
    const { unmount } = render(<Probe />, { wrapper })
    expect(fake.listeners.size).toBe(1)
    unmount()
    expect(fake.listeners.size).toBe(0)
    expect(fake.chat.destroy).not.toHaveBeenCalled()
  })

  it('follows a different engine passed as a new argument', () => {
    const a = createFakeChat({ status: 'queued' })
    const b = createFakeChat({ status: 'ended' })
    let swap: (chat: Chat) => void = () => {}
    function Probe() {
      const [chat, setChat] = useState<Chat>(a.chat)
      swap = setChat
      return <p>{useChat(chat).status}</p>
    }
    render(<Probe />, { wrapper })
    expect(screen.getByText('queued')).toBeTruthy()
    act(() => swap(b.chat))
    expect(screen.getByText('ended')).toBeTruthy()
    expect(a.listeners.size).toBe(0)
    expect(b.listeners.size).toBe(1)
    act(() => a.update({ status: 'connected' }))
    expect(screen.getByText('ended')).toBeTruthy()
  })
})
