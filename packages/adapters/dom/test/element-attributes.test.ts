import { afterEach, describe, expect, it, vi } from 'vitest'
import * as core from '@gws-chat/core'
import { defineGwsChatElement, type GwsChatElement } from '../src'
import { catalogues } from '../src/i18n'
import { createFakeChat } from '../../test-support/fakes'
import { adoptedCss, installAdoptedStyleSheets } from './adopted-sheets'
import { attentive } from './widget'

vi.mock('@gws-chat/core', async (importOriginal) => {
  const actual = await importOriginal<typeof core>()
  return { ...actual, createChat: vi.fn(actual.createChat) }
})

afterEach(() => {
  document.body.replaceChildren()
  vi.mocked(core.createChat).mockClear()
})

let names = 0
/** A fresh element name per test (a name can be defined once per page). */
function element(attributes: Record<string, string>, chat?: core.ChatLike): GwsChatElement {
  const name = `gws-chat-attr-${++names}`
  defineGwsChatElement(name)
  const node = document.createElement(name) as GwsChatElement
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value)
  if (chat) node.chat = chat
  return node
}
const server = { 'base-url': 'https://gws.example.com', 'contact-center-id': 'demo' }

describe('<gws-chat> attributes', () => {
  it('with-credentials="false" creates the engine with withCredentials: false; without it, the engine’s default', () => {
    const persistence = expect.objectContaining({ open: expect.any(Function), locks: expect.any(Function) })
    document.body.append(element({ ...server, 'with-credentials': 'false' }))
    expect(core.createChat).toHaveBeenLastCalledWith({ baseUrl: 'https://gws.example.com', contactCenterId: 'demo', persistence, withCredentials: false })
    document.body.append(element({ ...server, 'with-credentials': 'FALSE ' }))
    expect(vi.mocked(core.createChat).mock.lastCall![0]).toMatchObject({ withCredentials: false })
    document.body.append(element({ ...server, paths: 'me-chat' }))
    expect(core.createChat).toHaveBeenLastCalledWith({ baseUrl: 'https://gws.example.com', contactCenterId: 'demo', persistence, paths: 'me-chat' })
    document.body.append(element({ ...server, 'with-credentials': 'true' }))
    expect(vi.mocked(core.createChat).mock.lastCall![0]).not.toHaveProperty('withCredentials')
  })

  it('its own engine resumes the chat the page kept in sessionStorage before a reload', () => {
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => {})))
    const location = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
    const record = { v: 2, location, status: 'connected', ownParticipantId: '1', participants: [{ nickname: 'Ava', participantId: '2', type: 'Agent' }], lastIndex: 3, outbox: [], startedAt: Date.now() - 60_000, savedAt: Date.now() }
    sessionStorage.setItem('gws-chat:demo', JSON.stringify(record))
    try {
      const node = element(server)
      document.body.append(node)
      expect(node.chat!.getSnapshot()).toMatchObject({ status: 'connected', chatId: 'c1' })
    } finally {
      document.body.replaceChildren()
      sessionStorage.clear()
      vi.unstubAllGlobals()
    }
  })

  it('sends requests without credentials when with-credentials is "false"', async () => {
    const fetch = vi.fn<typeof globalThis.fetch>(async () => new Response(JSON.stringify({ statusCode: 0, id: 'c1' }), { headers: { 'content-type': 'application/json' } }))
    vi.stubGlobal('fetch', fetch)
    try {
      const node = element({ ...server, 'with-credentials': 'false' })
      document.body.append(node)
      node.chat!.start({ nickname: 'Chris', subject: 'Help' })
      await vi.waitFor(() => expect(fetch).toHaveBeenCalled())
      expect(fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'same-origin' })
      node.remove()
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('takes theme, layout and lang, and renders again when they change, keeping the engine', () => {
    const fake = createFakeChat({ status: 'queued' })
    const node = element({ theme: 'dark', layout: 'launcher', lang: 'ar' }, attentive(fake.chat))
    document.body.append(node)
    const root = () => node.querySelector<HTMLElement>('[part~=root]')!
    expect([root().dataset.theme, root().dataset.layout, root().getAttribute('lang'), root().getAttribute('dir')]).toEqual(['dark', 'launcher', 'ar', 'rtl'])
    expect(node.querySelector('[part~=status]')!.textContent).toBe(catalogues.ar!.queued)
    node.setAttribute('theme', 'light')
    node.setAttribute('layout', 'inline')
    node.setAttribute('lang', 'de')
    expect(node.querySelectorAll('[part~=root]')).toHaveLength(1)
    expect([root().dataset.theme, root().dataset.layout, root().getAttribute('lang'), root().getAttribute('dir')]).toEqual(['light', 'inline', 'de', 'ltr'])
    expect(node.querySelector('[part~=status]')!.textContent).toBe(catalogues.de!.queued)
    node.setAttribute('theme', 'sepia')
    expect(root().dataset.theme).toBe('auto')
    expect(node.chat).toBe(fake.chat)
    expect(fake.listeners.size).toBe(1)
    node.remove()
    expect(fake.listeners.size).toBe(0)
    expect(fake.chat.destroy).not.toHaveBeenCalled()
  })

  it('lets the attributes win over .options, and keeps the other options', () => {
    const node = element({ lang: 'de' }, attentive(createFakeChat().chat))
    node.options = { lang: 'fr', theme: 'dark', nickname: 'Chris' }
    document.body.append(node)
    const root = node.querySelector<HTMLElement>('[part~=root]')!
    expect([root.getAttribute('lang'), root.dataset.theme]).toEqual(['de', 'dark'])
    expect(node.querySelector<HTMLInputElement>('input[name=nickname]')!.value).toBe('Chris')
  })

  it('renders in the light DOM by default, styled by a sheet adopted into the document', () => {
    const uninstall = installAdoptedStyleSheets()
    try {
      const node = element({}, attentive(createFakeChat().chat))
      document.body.append(node)
      expect(node.shadowRoot).toBeNull()
      expect(node.querySelector('[part~=root]')).not.toBeNull()
      expect(adoptedCss(document)).toContain('.gws-chat')
      node.remove()
      expect(document.adoptedStyleSheets).toHaveLength(0)
    } finally {
      uninstall()
    }
  })

  it('renders in an open shadow root with the shadow attribute, its sheet adopted there and not in the document', () => {
    const uninstall = installAdoptedStyleSheets()
    try {
      const node = element({ shadow: '', theme: 'dark' }, attentive(createFakeChat({ status: 'connected' }).chat))
      document.body.append(node)
      const shadow = node.shadowRoot!
      expect(node.children).toHaveLength(0)
      expect(shadow.querySelector('[part~=root]')!.getAttribute('data-theme')).toBe('dark')
      expect(shadow.querySelectorAll('style, [style]')).toHaveLength(0)
      expect(adoptedCss(shadow)).toContain(':host')
      expect(document.adoptedStyleSheets).toHaveLength(0)
      node.setAttribute('theme', 'light')
      expect(shadow.querySelectorAll('[part~=root]')).toHaveLength(1)
      expect(shadow.adoptedStyleSheets).toHaveLength(1)
      node.remove()
      expect(shadow.adoptedStyleSheets).toHaveLength(0)
    } finally {
      uninstall()
    }
  })
})
