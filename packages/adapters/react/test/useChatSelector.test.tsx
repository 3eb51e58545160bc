import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatSnapshot, TranscriptEntry } from '@gws-chat/core'
import { useChatSelector } from '../src'
import { createFakeChat } from '../../test-support/fakes'
import { modes } from './modes'

afterEach(cleanup)

const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const text = (index: number, value: string): TranscriptEntry => ({ index, type: 'Text', text: value, from: agent, time: 0 })
const texts = (snapshot: ChatSnapshot) => snapshot.transcript.filter((entry) => entry.type === 'Text').map((entry) => entry.text)
const sameItems = (a: readonly unknown[], b: readonly unknown[]) => a.length === b.length && a.every((item, i) => Object.is(item, b[i]))

describe.each(modes)('useChatSelector ($name)', ({ name, wrapper }) => {
  const renderCount = (renders: number) => (name === 'StrictMode' ? renders * 2 : renders)

  it('re-renders only when the selected value changes', () => {
    const fake = createFakeChat()
    let renders = 0
    function Typing() {
      renders++
      const typing = useChatSelector(fake.chat, (snapshot) => snapshot.agentTyping)
      return <p>{typing ? 'typing' : 'quiet'}</p>
    }
    render(<Typing />, { wrapper })
    expect(renders).toBe(renderCount(1))
    act(() => fake.update({ status: 'queued' }))
    act(() => fake.update({ connection: 'reconnecting' }))
    expect(renders).toBe(renderCount(1))
    act(() => fake.update({ agentTyping: true }))
    expect(screen.getByText('typing')).toBeTruthy()
    expect(renders).toBe(renderCount(2))
  })

  it('keeps the previous value when isEqual says nothing changed', () => {
    const fake = createFakeChat({ transcript: [text(1, 'hi')] })
    const seen: (string | undefined)[][] = []
    function Texts() {
      const values = useChatSelector(fake.chat, texts, sameItems)
      seen.push(values)
      return <p>{values.join(',')}</p>
    }
    render(<Texts />, { wrapper })
    const before = seen.length
    // A typing entry changes the transcript array but not the texts.
    act(() => fake.update({ transcript: [text(1, 'hi'), { index: 2, type: 'TypingStarted', from: agent, time: 0 }] }))
    expect(seen.length).toBe(before)
    act(() => fake.update({ transcript: [text(1, 'hi'), { index: 2, type: 'TypingStarted', from: agent, time: 0 }, text(3, 'there')] }))
    expect(screen.getByText('hi,there')).toBeTruthy()
    expect(new Set(seen.slice(0, before)).size).toBe(1)
  })

  it('accepts an inline selector that builds a new value on each call', () => {
    const fake = createFakeChat({ transcript: [text(1, 'a')] })
    function Count() {
      const values = useChatSelector(fake.chat, (snapshot) => texts(snapshot), sameItems)
      return <p>{`count ${values.length}`}</p>
    }
    render(<Count />, { wrapper })
    expect(screen.getByText('count 1')).toBeTruthy()
    act(() => fake.update({ transcript: [text(1, 'a'), text(2, 'b')] }))
    expect(screen.getByText('count 2')).toBeTruthy()
  })

  it('unsubscribes on unmount', () => {
    const fake = createFakeChat()
    function Probe() {
      useChatSelector(fake.chat, (snapshot) => snapshot.status)
      return null
    }
    const { unmount } = render(<Probe />, { wrapper })
    unmount()
    expect(fake.listeners.size).toBe(0)
  })
})
