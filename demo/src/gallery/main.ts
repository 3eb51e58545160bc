import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { createApp, h } from 'vue'
import { mountChat } from '@gws-chat/dom'
import { ChatWidget as ReactChatWidget } from '@gws-chat/react'
import { ChatWidget as VueChatWidget } from '@gws-chat/vue'
import { FIXTURE_NAMES, fixtureChat, type ChatFixture } from '@gws-chat/testing/fixtures'

/** The three ways a page shows the widget; each cell gets a fixture of its own. */
const RENDERERS: { label: string; id: string; render(host: HTMLElement, chat: ChatFixture): void }[] = [
  { label: 'DOM · mountChat', id: 'dom', render: (host, chat) => void mountChat(host, chat, { nickname: 'Chris' }) },
  { label: 'React · <ChatWidget>', id: 'react', render: (host, chat) => createRoot(host).render(createElement(ReactChatWidget, { chat, nickname: 'Chris' })) },
  { label: 'Vue · <ChatWidget>', id: 'vue', render: (host, chat) => void createApp({ render: () => h(VueChatWidget, { chat, nickname: 'Chris' }) }).mount(host) },
]

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]) => {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  node.append(...children)
  return node
}

const gallery = document.querySelector<HTMLElement>('#gallery')!
for (const name of FIXTURE_NAMES) {
  const cells = el('div', { class: 'gallery-cells' })
  gallery.append(el('section', { class: 'gallery-state', 'aria-labelledby': `state-${name}`, 'data-fixture': name }, el('h2', { id: `state-${name}` }, name), cells))
  for (const renderer of RENDERERS) {
    const host = el('div', { class: 'gallery-host' })
    cells.append(el('div', { class: 'gallery-cell', 'data-cell': `${name}/${renderer.id}` }, el('h3', {}, renderer.label), host))
    renderer.render(host, fixtureChat(name))
  }
}
