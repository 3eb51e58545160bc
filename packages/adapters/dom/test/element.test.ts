import { afterEach, describe, expect, it } from 'vitest'
import type { Chat } from '@gws-chat/core'
import { defineGwsChatElement, type GwsChatElement } from '../src'
import { createFakeChat } from '../../test-support/fakes'
import { attentive } from './widget'

afterEach(() => document.body.replaceChildren())

describe('<gws-chat>', () => {
  it('is not registered by importing the package', () => {
    expect(customElements.get('gws-chat')).toBeUndefined()
  })

  it('renders the widget in its light DOM around an engine it is given, and leaves that engine alone', () => {
    const Element = defineGwsChatElement()
    expect(defineGwsChatElement()).toBe(Element)
    const fake = createFakeChat({ status: 'queued' })
    const element = document.createElement('gws-chat') as GwsChatElement
    element.chat = attentive(fake.chat)
    element.options = { labels: { queued: 'One moment…' } }
    document.body.append(element)
    expect(element.shadowRoot).toBeNull()
    expect(element.querySelector('[part~=status]')!.textContent).toBe('One moment…')
    expect(element.querySelector('style, [style]')).toBeNull()
    element.remove()
    expect(element.children).toHaveLength(0)
    expect(fake.listeners.size).toBe(0)
    expect(fake.chat.destroy).not.toHaveBeenCalled()
    expect(element.chat).toBe(fake.chat)
  })

  it('creates its own engine from its attributes and destroys it when removed', () => {
    defineGwsChatElement('gws-chat-attrs')
    const element = document.createElement('gws-chat-attrs') as GwsChatElement
    element.setAttribute('base-url', 'https://gws.example.com')
    element.setAttribute('contact-center-id', 'demo')
    element.setAttribute('paths', 'me-chat')
    document.body.append(element)
    // The element's own engine is a whole `Chat`, actor included.
    const chat = element.chat as Chat
    expect(chat.getSnapshot().status).toBe('idle')
    expect(element.querySelector('input[name=nickname]')).not.toBeNull()
    element.remove()
    expect(element.chat).toBeNull()
    expect(chat.actor.getSnapshot().status).toBe('stopped')
  })

  it('waits for its attributes before it creates an engine', () => {
    defineGwsChatElement('gws-chat-empty')
    const element = document.createElement('gws-chat-empty') as GwsChatElement
    document.body.append(element)
    expect(element.chat).toBeNull()
    expect(element.shadowRoot).toBeNull()
    expect(element.children).toHaveLength(0)
  })
})
