import { cleanup, render } from '@testing-library/vue'
import { afterEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { createFakeChat } from '../../test-support/fakes'
import { SupportChat } from './examples/SupportChat'

afterEach(cleanup)

describe('the attention example of docs/vue.md', () => {
  it('puts the unread count in the title while mounted, and the title back when unmounted', async () => {
    document.title = 'Shop'
    const fake = createFakeChat({ status: 'connected' })
    const { container, unmount } = render(SupportChat, { props: { chat: fake.chat } })
    expect(container.querySelector('[part~=launcher]')).not.toBeNull()
    fake.update({ unreadCount: 2 } as never)
    await nextTick()
    expect(document.title).toBe('(2) Shop')
    unmount()
    expect(document.title).toBe('Shop')
  })
})
