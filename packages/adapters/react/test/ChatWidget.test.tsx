import { act, cleanup, render } from '@testing-library/react'
import { StrictMode } from 'react'
import { hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ChatWidget } from '../src'
import { createFakeChat } from '../../test-support/fakes'
import { ava, chris, connected, messages, text, widgets } from '../../test-support/widget'
import { modes } from './modes'


const roots: Root[] = []
afterEach(() => {
  for (const root of roots.splice(0)) act(() => root.unmount())
  cleanup()
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe.each(modes)('<ChatWidget> ($name)', ({ wrapper }) => {
  it('renders the transcript and follows every change of the engine', () => {
    const fake = connected(text(1, ava, 'Hi, I am Ava'))
    const { container } = render(<ChatWidget chat={fake.chat} />, { wrapper })
    expect(messages(container)).toEqual(['Hi, I am Ava'])
    expect(container.querySelector('[part~=status]')!.textContent).toBe('Chatting with Ava')
    act(() => fake.update({ transcript: [...fake.chat.getSnapshot().transcript, text(2, chris, 'Hello Ava')] }))
    expect(messages(container)).toEqual(['Hi, I am Ava', 'Hello Ava'])
    act(() => fake.update({ status: 'ended', endReason: 'agent' }))
    expect(container.querySelector('[part~=ended-text]')!.textContent).toBe('The agent ended the chat.')
  })

  it('shows one widget with one subscription, even after StrictMode mounts it twice', () => {
    const fake = connected()
    const { container } = render(<ChatWidget chat={fake.chat} />, { wrapper })
    expect(widgets(container)).toHaveLength(1)
    expect(widgets(document)).toHaveLength(1)
    expect(fake.listeners.size).toBe(1)
  })

  it('removes the widget and its subscription on unmount, and never destroys or starts the engine', () => {
    const fake = connected()
    const { container, unmount } = render(<ChatWidget chat={fake.chat} />, { wrapper })
    unmount()
    expect(widgets(container)).toHaveLength(0)
    expect(fake.listeners.size).toBe(0)
    expect(fake.chat.destroy).not.toHaveBeenCalled()
    expect(fake.chat.start).not.toHaveBeenCalled()
  })

  it('hands the options to the DOM widget, and the commands to the engine', () => {
    const fake = createFakeChat()
    const { container } = render(<ChatWidget chat={fake.chat} nickname="Chris" labels={{ start: 'Begin' }} startParams={{ endpoint: 'sales' }} />, { wrapper })
    const start = container.querySelector<HTMLButtonElement>('[part~=start]')!
    expect(start.textContent).toBe('Begin')
    expect(container.querySelector<HTMLInputElement>('input[name=nickname]')!.value).toBe('Chris')
    container.querySelector<HTMLInputElement>('input[name=subject]')!.value = 'Billing'
    act(() => start.click())
    expect(fake.chat.start).toHaveBeenCalledTimes(1)
    expect(fake.chat.start).toHaveBeenCalledWith({ endpoint: 'sales', nickname: 'Chris', subject: 'Billing' })
  })

  it('passes the options the DOM widget gained through unchanged: a language, a theme', () => {
    const fake = createFakeChat()
    const { container } = render(<ChatWidget chat={fake.chat} lang="ar" theme="dark" />, { wrapper })
    const root = widgets(container)[0]!
    expect(root.getAttribute('dir')).toBe('rtl')
    expect(root.getAttribute('data-theme')).toBe('dark')
    expect(container.querySelector('[part~=start]')!.textContent).toBe('بدء المحادثة')
  })

  it('follows a new engine or a changed option, and keeps the widget when an inline option only changes identity', () => {
    const first = connected(text(1, ava, 'first chat'))
    const second = connected(text(1, ava, 'second chat'))
    const view = render(<ChatWidget chat={first.chat} labels={{ title: 'Support' }} />, { wrapper })
    const widget = widgets(view.container)[0]
    // A re-render with an equal, new labels object: the same widget (a draft in the composer would survive).
    view.rerender(<ChatWidget chat={first.chat} labels={{ title: 'Support' }} />)
    expect(widgets(view.container)[0]).toBe(widget)
    // A new engine: the old subscription ends, the new transcript shows.
    view.rerender(<ChatWidget chat={second.chat} labels={{ title: 'Support' }} />)
    expect(first.listeners.size).toBe(0)
    expect(second.listeners.size).toBe(1)
    expect(messages(view.container)).toEqual(['second chat'])
    // A changed option: one widget, with the new text.
    view.rerender(<ChatWidget chat={second.chat} labels={{ title: 'Help desk' }} />)
    expect(widgets(view.container)).toHaveLength(1)
    expect(view.container.querySelector('[part~=title]')!.textContent).toBe('Help desk')
    expect(second.listeners.size).toBe(1)
  })

  it('keeps the open launcher, the draft and the focus when a prop changes', () => {
    const fake = connected()
    const view = render(<ChatWidget chat={fake.chat} layout="launcher" />, { wrapper })
    act(() => view.container.querySelector<HTMLButtonElement>('[part~=launcher]')!.click())
    const draft = view.container.querySelector('textarea')!
    draft.value = 'a draft'
    draft.focus()
    view.rerender(<ChatWidget chat={fake.chat} layout="launcher" lang="de" theme="dark" />)
    const now = view.container.querySelector('textarea')!
    expect([now.value, document.activeElement === now]).toEqual(['a draft', true])
    expect(view.container.querySelector('[part~=panel]')!.hasAttribute('hidden')).toBe(false)
    expect(view.container.querySelector('[part~=send]')!.textContent).toBe('Senden')
    expect(widgets(view.container)).toHaveLength(1)
  })

  it('puts id and className on the host element', () => {
    const fake = connected()
    const { container } = render(<ChatWidget chat={fake.chat} id="support" className="page-chat" />, { wrapper })
    const host = container.querySelector('#support')!
    expect(host.className).toBe('page-chat')
    expect(widgets(host)).toHaveLength(1)
  })
})

describe('<ChatWidget> with server-side rendering', () => {
  it('renders the empty host on the server, hydrates it with no warning, then mounts the widget', async () => {
    const server = createFakeChat()
    const html = renderToString(
      <StrictMode>
        <main>
          <ChatWidget chat={server.chat} className="chat" />
        </main>
      </StrictMode>,
    )
    expect(html).toBe('<main><div class="chat" data-gws-chat-host=""></div></main>')
    expect(server.listeners.size, 'nothing subscribes on the server').toBe(0)

    const browser = connected(text(1, ava, 'Welcome back'))
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const onRecoverableError = vi.fn()
    await act(async () => {
      roots.push(
        hydrateRoot(
          container,
          <StrictMode>
            <main>
              <ChatWidget chat={browser.chat} className="chat" />
            </main>
          </StrictMode>,
          { onRecoverableError },
        ),
      )
    })
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    expect(warnings).not.toHaveBeenCalled()
    expect(widgets(container)).toHaveLength(1)
    expect(messages(container)).toEqual(['Welcome back'])
    expect(browser.listeners.size).toBe(1)
  })
})
