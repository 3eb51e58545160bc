// @vitest-environment node
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createFakeChat } from '../../test-support/fakes'

describe('server-side rendering', () => {
  it('imports and renders in Node without browser globals', async () => {
    expect(typeof window).toBe('undefined')
    const { useChat } = await import('../src')
    const fake = createFakeChat({ status: 'queued' })
    function Status() {
      return <p>{useChat(fake.chat).status}</p>
    }
    expect(renderToString(<Status />)).toBe('<p>queued</p>')
  })
})
