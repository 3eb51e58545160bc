// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { createSSRApp, defineComponent, h } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { createFakeChat } from '../../test-support/fakes'

describe('server-side rendering', () => {
  it('imports and renders in Node without browser globals', async () => {
    expect(typeof window).toBe('undefined')
    const { useChat } = await import('../src')
    const fake = createFakeChat({ status: 'queued' })
    const Status = defineComponent({
      setup() {
        const { status } = useChat(fake.chat)
        return () => h('p', status.value)
      },
    })
    expect(await renderToString(createSSRApp(Status))).toBe('<p>queued</p>')
  })
})
