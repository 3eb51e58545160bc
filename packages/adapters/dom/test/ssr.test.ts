// @vitest-environment node
import { describe, expect, it } from 'vitest'

describe('importing in Node', () => {
  it('touches no browser global', async () => {
    expect(typeof window).toBe('undefined')
    expect(typeof HTMLElement).toBe('undefined')
    const dom = await import('../src')
    expect(typeof dom.mountChat).toBe('function')
    expect(typeof dom.defineGwsChatElement).toBe('function')
    expect(dom.defaultStyles).toContain('.gws-chat')
  })
})
