// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createFakeChat } from '../../test-support/fakes'

describe('server-side rendering', () => {
  it('imports and renders in Node without browser globals', async () => {
    expect(typeof window).toBe('undefined')
    const { useChat } = await import('../src')
    const fake = createFakeChat()
    function Status() {
      return <p>{useChat(fake.chat).status}</p>
    }
    expect(renderToString(<Status />)).toBe('<p>idle</p>')
  })

  it('renders the idle snapshot whatever the engine holds: what hydration renders in the browser', async () => {
    const { useChat, useChatSelector } = await import('../src')
    // A server engine is idle (no sessionStorage); one that is not still renders idle, so the markup matches the
    // browser's hydration and never shows one visitor's chat to another.
    const fake = createFakeChat({ status: 'connected', participants: [{ nickname: 'Ava', participantId: '2', type: 'Agent' }] })
    function Status() {
      const { status } = useChat(fake.chat)
      const agents = useChatSelector(fake.chat, (snapshot) => snapshot.participants.map((p) => p.nickname))
      return <p>{`${status}:${agents.join(',')}`}</p>
    }
    expect(renderToString(<Status />)).toBe('<p>idle:</p>')
    expect(fake.listeners.size, 'nothing subscribes on the server').toBe(0)
  })

  it('renders the ready widget as its empty host: the DOM widget mounts only in the browser', async () => {
    const { ChatWidget } = await import('../src')
    const fake = createFakeChat({ status: 'connected' })
    expect(renderToString(<ChatWidget chat={fake.chat} id="chat" labels={{ title: 'Help' }} />)).toBe('<div id="chat" data-gws-chat-host=""></div>')
    expect(fake.listeners.size).toBe(0)
  })
})
