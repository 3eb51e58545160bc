import { act, cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createFakeChat } from '../../test-support/fakes'
import { SupportChat } from './examples/SupportChat'

afterEach(cleanup)

describe('the attention example of docs/react.md', () => {
  it('puts the unread count in the title while mounted, and the title back when unmounted', () => {
    document.title = 'Shop'
    const fake = createFakeChat({ status: 'connected' })
    const { container, unmount } = render(<SupportChat chat={fake.chat} />)
    expect(container.querySelector('[part~=launcher]')).not.toBeNull()
    act(() => fake.update({ unreadCount: 2 } as never))
    expect(document.title).toBe('(2) Shop')
    unmount()
    expect(document.title).toBe('Shop')
  })
})
