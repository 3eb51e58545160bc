// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createFakeChat } from '../../test-support/fakes'

describe('server-side rendering', () => {
  it('imports and renders in Node without browser globals', async () => {
    expect(typeof window).toBe('undefined')
    const { useChat } = await import('../src')
    const fake = createFakeChat()
    const Status = defineComponent({
      setup() {
        const { status } = useChat(fake.chat)
        return () => h('p', status.value)
      },
    })
    expect(await renderToString(createSSRApp(Status))).toBe('<p>idle</p>')
  })

  it('renders the idle snapshot whatever the engine holds, and subscribes to nothing', async () => {
    const { useChat } = await import('../src')
    // A server engine is idle (no sessionStorage); one that is not still renders idle, so the markup matches the
    // browser's hydration and never shows one visitor's chat to another.
    const fake = createFakeChat({ status: 'connected', participants: [{ nickname: 'Ava', participantId: '2', type: 'Agent' }] })
    const Status = defineComponent({
      setup() {
        const { status, participants } = useChat(fake.chat)
        return () => h('p', `${status.value}:${participants.value.map((p) => p.nickname).join(',')}`)
      },
    })
    expect(await renderToString(createSSRApp(Status))).toBe('<p>idle:</p>')
    // A server render never unmounts, so a subscription made here would outlive the request.
    expect(fake.listeners.size).toBe(0)
  })

  it('renders the ready widget as its empty host: the DOM widget mounts only in the browser', async () => {
    const { ChatWidget } = await import('../src')
    const fake = createFakeChat({ status: 'connected' })
    const app = createSSRApp({ render: () => h(ChatWidget, { chat: fake.chat, id: 'chat', labels: { title: 'Help' } }) })
    expect(await renderToString(app)).toBe('<div id="chat" data-gws-chat-host></div>')
    expect(fake.listeners.size).toBe(0)
  })
})
