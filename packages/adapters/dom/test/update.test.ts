import { afterEach, describe, expect, it } from 'vitest'
import { defineGwsChatElement } from '../src'
import { createFakeChat } from '../../test-support/fakes'
import { ava, chris, cleanUp, entry, setup } from './widget'

afterEach(cleanUp)

describe('update(options): the widget changes without losing what the visitor had', () => {
  it('keeps the open launcher, the draft and the focus when the language and labels change', () => {
    const ui = setup({ status: 'connected', visitorId: '1', participants: [chris, ava] }, { layout: 'launcher' })
    ui.part('launcher').click()
    const draft = ui.message()
    draft.value = 'half a sentence'
    draft.focus()
    ui.handle().update({ layout: 'launcher', lang: 'de', labels: { title: 'Hilfe' } })
    expect(ui.visible('panel')).toBe(true)
    expect(ui.part('launcher').getAttribute('aria-expanded')).toBe('true')
    expect(ui.message().value).toBe('half a sentence')
    expect(document.activeElement).toBe(ui.message())
    expect(ui.part('title').textContent).toBe('Hilfe')
    expect(ui.part('send').textContent).toBe('Senden')
    expect(ui.parts('root')).toHaveLength(1)
  })

  it('changes the theme in place: the same nodes, the same focus', () => {
    const ui = setup({}, {})
    const nickname = ui.host.querySelector<HTMLInputElement>('input[name=nickname]')!
    nickname.value = 'Chris'
    nickname.focus()
    const root = ui.part('root')
    ui.handle().update({ theme: 'dark' })
    expect(ui.part('root')).toBe(root)
    expect(root.dataset.theme).toBe('dark')
    expect(document.activeElement).toBe(nickname)
  })

  it('keeps the pre-chat form’s values on a new engine; an unmounted widget ignores updates', () => {
    const ui = setup({}, { layout: 'launcher' })
    ui.part('launcher').click()
    ui.host.querySelector<HTMLInputElement>('input[name=subject]')!.value = 'Billing'
    const next = createFakeChat({ status: 'connected', visitorId: '1', participants: [chris, ava], transcript: [entry(1, 'Text', ava, { text: 'Hi' })] })
    ui.handle().update({ layout: 'launcher' }, next.chat)
    expect(ui.listeners.size).toBe(0)
    expect(next.listeners.size).toBe(1)
    expect(ui.visible('panel')).toBe(true)
    expect(ui.host.querySelector<HTMLInputElement>('input[name=subject]')!.value).toBe('Billing')
    ui.unmount()
    ui.handle().update({ theme: 'dark' })
    expect(ui.parts('root')).toHaveLength(0)
  })
})

describe('<gws-chat> attributes that change while connected', () => {
  it('keep the open launcher, the draft and the focus (no remount)', () => {
    defineGwsChatElement('gws-chat-update')
    const node = document.createElement('gws-chat-update') as HTMLElement & { chat: unknown }
    node.setAttribute('layout', 'launcher')
    node.chat = createFakeChat({ status: 'connected', visitorId: '1', participants: [chris, ava] }).chat
    document.body.append(node)
    node.querySelector<HTMLButtonElement>('[part~=launcher]')!.click()
    const draft = node.querySelector('textarea')!
    draft.value = 'a draft'
    draft.focus()
    node.setAttribute('theme', 'dark')
    expect(node.querySelector('textarea')).toBe(draft)
    node.setAttribute('lang', 'fr')
    const now = node.querySelector('textarea')!
    expect([now.value, document.activeElement === now, node.querySelector('[part~=panel]')!.hasAttribute('hidden')]).toEqual(['a draft', true, false])
    expect(node.querySelector('[part~=root]')!.getAttribute('lang')).toBe('fr')
  })
})
