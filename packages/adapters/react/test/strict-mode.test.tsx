import { act, cleanup, render, screen } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createChat, type Chat } from '@gws-chat/core'
import { useChat } from '../src'
import { createFakeHttp } from '../../test-support/fakes'
import { modes } from './modes'

const engines: Chat[] = []
function engine(http: ReturnType<typeof createFakeHttp>['http']) {
  const chat = createChat({ baseUrl: 'https://gws.test', contactCenterId: 'cc', persistence: false, http, polling: { intervalMs: 100, activeIntervalMs: 100 } })
  engines.push(chat)
  return chat
}
const flush = (ms = 0) => act(() => vi.advanceTimersByTimeAsync(ms))

beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  cleanup()
  engines.splice(0).forEach((chat) => chat.destroy())
  vi.useRealTimers()
})

describe.each(modes)('a real engine ($name)', ({ wrapper }) => {
  it('sends exactly one RequestChat when a mount effect starts the chat', async () => {
    const fake = createFakeHttp()
    const chat = engine(fake.http)
    function App() {
      const { status, start } = useChat(chat)
      useEffect(() => start({ nickname: 'Chris', subject: 'Help' }), [start])
      return <p>{status}</p>
    }
    render(<App />, { wrapper })
    await flush(1000)
    expect(fake.count('RequestChat')).toBe(1)
    expect(screen.getByText('queued')).toBeTruthy()
  })

  it('sends no request at all just by mounting, unmounting and mounting again', async () => {
    const fake = createFakeHttp()
    const chat = engine(fake.http)
    function App() {
      return <p>{useChat(chat).status}</p>
    }
    const first = render(<App />, { wrapper })
    first.unmount()
    render(<App />, { wrapper })
    await flush(1000)
    expect(fake.operations).toEqual([])
    expect(screen.getByText('idle')).toBeTruthy()
  })

  it('shows a whole chat: queued, agent joins, messages both ways, end', async () => {
    const fake = createFakeHttp()
    const chat = engine(fake.http)
    function App() {
      const { status, transcript, outbox, start, send, end } = useChat(chat)
      return (
        <div>
          <p data-testid="status">{status}</p>
          <ul>
            {transcript
              .filter((entry) => entry.type === 'Text')
              .map((entry) => (
                <li key={entry.index}>{`${entry.from.nickname}: ${entry.text}`}</li>
              ))}
            {outbox.map((message) => (
              <li key={message.id}>{`me (${message.status}): ${message.text}`}</li>
            ))}
          </ul>
          <button type="button" onClick={() => start({ nickname: 'Chris', subject: 'Help' })}>start</button>
          <button type="button" onClick={() => send('hello')}>send</button>
          <button type="button" onClick={() => end()}>end</button>
        </div>
      )
    }
    render(<App />, { wrapper })
    act(() => screen.getByText('start').click())
    await flush(500)
    expect(screen.getByTestId('status').textContent).toBe('queued')
    fake.agentJoins()
    fake.agentSays('Hi, I am Ava')
    await flush(1000)
    expect(screen.getByTestId('status').textContent).toBe('connected')
    expect(screen.getByText('Ava: Hi, I am Ava')).toBeTruthy()
    act(() => screen.getByText('send').click())
    expect(screen.getByText(/^me \((queued|sending)\): hello$/)).toBeTruthy()
    await flush(1000)
    expect(screen.getByText('Chris: hello')).toBeTruthy()
    expect(screen.queryByText(/^me /)).toBeNull()
    act(() => screen.getByText('end').click())
    await flush(1000)
    expect(screen.getByTestId('status').textContent).toBe('ended')
    expect(fake.count('RequestChat')).toBe(1)
    expect(fake.count('Complete')).toBe(1)
  })
})
