import { cleanup, render } from '@testing-library/vue'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createSSRApp, defineComponent, h, nextTick, shallowRef, type App } from 'vue'
import { renderToString } from 'vue/server-renderer'
import type { ChatLike } from '@gws-chat/core'
import { ChatWidget } from '../src'
import { createFakeChat } from '../../test-support/fakes'
import { ava, chris, connected, messages, text, widgets } from '../../test-support/widget'
import { installAdoptedStyleSheets } from '../../dom/test/adopted-sheets'


const apps: App[] = []
afterEach(() => {
  for (const app of apps.splice(0)) app.unmount()
  cleanup()
  document.body.replaceChildren()
  vi.restoreAllMocks()
})

describe('<ChatWidget>', () => {
  it('renders the transcript and follows every change of the engine', () => {
    const fake = connected(text(1, ava, 'Hi, I am Ava'))
    const { container } = render(ChatWidget, { props: { chat: fake.chat } })
    expect(messages(container)).toEqual(['Hi, I am Ava'])
    expect(container.querySelector('[part~=status]')!.textContent).toBe('Chatting with Ava')
    fake.update({ transcript: [...fake.chat.getSnapshot().transcript, text(2, chris, 'Hello Ava')] })
    expect(messages(container)).toEqual(['Hi, I am Ava', 'Hello Ava'])
    fake.update({ status: 'ended', endReason: 'agent' })
    expect(container.querySelector('[part~=ended-text]')!.textContent).toBe('The agent ended the chat.')
  })

  it('shows one widget with one subscription; unmounting removes both and never destroys or starts the engine', () => {
    const fake = connected()
    const { container, unmount } = render(ChatWidget, { props: { chat: fake.chat } })
    expect(widgets(document)).toHaveLength(1)
    expect(fake.listeners.size).toBe(1)
    unmount()
    expect(widgets(container)).toHaveLength(0)
    expect(fake.listeners.size).toBe(0)
    expect(fake.chat.destroy).not.toHaveBeenCalled()
    expect(fake.chat.start).not.toHaveBeenCalled()
  })

  it('hands every attribute but id, class and style to the DOM widget as an option, kebab-case or camelCase', () => {
    const fake = createFakeChat()
    // As a template passes them: `<ChatWidget :chat="chat" nickname="Chris" :start-params="…" class="page-chat" id="support" />`.
    const attrs: Record<string, unknown> = { nickname: 'Chris', labels: { start: 'Begin' }, 'start-params': { endpoint: 'sales' }, class: 'page-chat', id: 'support' }
    const { container } = render(ChatWidget, { props: { chat: fake.chat, ...attrs } })
    const host = container.querySelector('#support')!
    expect(host.className).toBe('page-chat')
    expect(host.getAttribute('nickname'), 'options are not DOM attributes').toBeNull()
    const start = host.querySelector<HTMLButtonElement>('[part~=start]')!
    expect(start.textContent).toBe('Begin')
    expect(host.querySelector<HTMLInputElement>('input[name=nickname]')!.value).toBe('Chris')
    host.querySelector<HTMLInputElement>('input[name=subject]')!.value = 'Billing'
    start.click()
    expect(fake.chat.start).toHaveBeenCalledTimes(1)
    expect(fake.chat.start).toHaveBeenCalledWith({ endpoint: 'sales', nickname: 'Chris', subject: 'Billing' })
  })

  it('passes the options the DOM widget gained through unchanged: a language, a theme', () => {
    const fake = createFakeChat()
    const { container } = render(ChatWidget, { props: { chat: fake.chat, lang: 'de', theme: 'dark' } })
    const root = widgets(container)[0]!
    expect(root.getAttribute('lang')).toBe('de')
    expect(root.getAttribute('data-theme')).toBe('dark')
    expect(container.querySelector('[part~=start]')!.textContent).toBe('Chat starten')
  })

  it('follows a new engine or a changed option, and keeps the widget when an inline option only changes identity', async () => {
    const first = connected(text(1, ava, 'first chat'))
    const second = connected(text(1, ava, 'second chat'))
    const chat = shallowRef<ChatLike>(first.chat)
    const title = shallowRef('Support')
    const tick = shallowRef(0)
    const Page = defineComponent({
      setup: () => () => h('main', { 'data-tick': tick.value }, [h(ChatWidget, { chat: chat.value, labels: { title: title.value } })]),
    })
    const { container } = render(Page)
    const widget = widgets(container)[0]
    // A re-render with an equal, new labels object: the same widget (a draft in the composer would survive).
    tick.value++
    await nextTick()
    expect(widgets(container)[0]).toBe(widget)
    // A new engine: the old subscription ends, the new transcript shows.
    chat.value = second.chat
    await nextTick()
    expect(first.listeners.size).toBe(0)
    expect(second.listeners.size).toBe(1)
    expect(messages(container)).toEqual(['second chat'])
    // A changed option: one widget, with the new text.
    title.value = 'Help desk'
    await nextTick()
    expect(widgets(container)).toHaveLength(1)
    expect(container.querySelector('[part~=title]')!.textContent).toBe('Help desk')
    expect(second.listeners.size).toBe(1)
  })

  it('keeps the open launcher, the draft and the focus when an attribute changes', async () => {
    const fake = connected()
    const lang = shallowRef('en')
    const Page = defineComponent({ setup: () => () => h(ChatWidget, { chat: fake.chat, layout: 'launcher', lang: lang.value }) })
    const { container } = render(Page)
    container.querySelector<HTMLButtonElement>('[part~=launcher]')!.click()
    const draft = container.querySelector('textarea')!
    draft.value = 'a draft'
    draft.focus()
    lang.value = 'de'
    await nextTick()
    const now = container.querySelector('textarea')!
    expect([now.value, document.activeElement === now]).toEqual(['a draft', true])
    expect(container.querySelector('[part~=panel]')!.hasAttribute('hidden')).toBe(false)
    expect(container.querySelector('[part~=send]')!.textContent).toBe('Senden')
    expect(widgets(container)).toHaveLength(1)
  })

  it('takes styles="false" from a template as false: no stylesheet adopted', () => {
    // As a template passes it: `<ChatWidget :chat="chat" styles="false" />` gives the string.
    const uninstall = installAdoptedStyleSheets()
    try {
      const off = render(ChatWidget, { props: { chat: connected().chat, styles: 'false' as unknown as boolean } })
      expect(document.adoptedStyleSheets).toHaveLength(0)
      off.unmount()
      render(ChatWidget, { props: { chat: connected().chat, styles: 'true' as unknown as boolean } })
      expect(document.adoptedStyleSheets).toHaveLength(1)
    } finally {
      cleanup()
      uninstall()
    }
  })

  it('renders the empty host on the server, hydrates it with no warning, then mounts the widget', async () => {
    const Page = defineComponent({
      props: { chat: { type: Object as () => ChatLike, required: true } },
      setup: (props) => () => h('main', [h(ChatWidget, { chat: props.chat, class: 'chat', nickname: 'Chris' })]),
    })
    const server = createFakeChat()
    const html = await renderToString(createSSRApp(Page, { chat: server.chat }))
    expect(html).toBe('<main><div class="chat" data-gws-chat-host></div></main>')
    expect(server.listeners.size, 'nothing subscribes on the server').toBe(0)

    const browser = connected(text(1, ava, 'Welcome back'))
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const app = createSSRApp(Page, { chat: browser.chat })
    const warnings: string[] = []
    app.config.warnHandler = (message) => void warnings.push(message)
    const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
    app.mount(container)
    apps.push(app)
    await nextTick()
    expect(warnings).toEqual([])
    expect(consoleWarn).not.toHaveBeenCalled()
    expect(consoleError, 'no "Hydration completed but contains mismatches"').not.toHaveBeenCalled()
    expect(widgets(container)).toHaveLength(1)
    expect(messages(container)).toEqual(['Welcome back'])
    expect(browser.listeners.size).toBe(1)
  })
})
