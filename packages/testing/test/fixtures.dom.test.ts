// @vitest-environment jsdom
import { mountChat, type MountChatOptions } from '@gws-chat/dom'
import { afterEach, describe, expect, it } from 'vitest'
import { FIXTURE_NAMES, fixtureChat, type FixtureName } from '../src/index'

afterEach(() => document.body.replaceChildren())

function render(name: FixtureName, options: MountChatOptions = {}) {
  const chat = fixtureChat(name)
  const host = document.createElement('div')
  document.body.append(host)
  mountChat(host, chat, { nickname: 'Chris', ...options })
  const shown = (node: Element) => !node.closest('[hidden]')
  /** The words a visitor sees: every text outside hidden parts (and outside the style element). */
  const text = () =>
    [...host.querySelectorAll('*')]
      .filter((node) => shown(node) && node.tagName !== 'STYLE')
      .flatMap((node) => [...node.childNodes].filter((child) => child.nodeType === 3).map((child) => child.textContent!.trim()))
      .filter(Boolean)
      .join(' | ')
  const button = (label: string) => [...host.querySelectorAll('button')].find((b) => shown(b) && b.textContent === label)
  const status = () => host.querySelector('[role=status]')!.textContent
  return { chat, host, text, button, status }
}

const CONVERSATION = ["Ava joined the chat", "Hi, I'm Ava. How can I help?", 'Hello, my last bill looks too high.', 'Let me look that up for you.']

describe('each fixture rendered by the DOM widget (mountChat) in jsdom', () => {
  it.each(FIXTURE_NAMES)('%s renders without throwing and offers only what its state allows', (name) => {
    const ui = render(name)
    expect(ui.text()).not.toBe('')
    // An inline widget is in view: at most it says so; it sends, ends or starts nothing by itself.
    expect(ui.chat.commands().filter((c) => c !== 'setViewing' && c !== 'markRead')).toEqual([])
  })

  it('idle: the pre-chat form', () => {
    const ui = render('idle')
    expect(ui.text()).toContain('Your name')
    expect(ui.button('Start chat')).toBeDefined()
    expect(ui.button('End chat')).toBeUndefined()
  })

  it('requesting and queued: their status lines', () => {
    expect(render('requesting').status()).toBe('Connecting…')
    expect(render('queued').status()).toBe('Waiting for an agent…')
  })

  it('connected: the conversation and the agent’s name', () => {
    const ui = render('connected')
    expect(ui.status()).toBe('Chatting with Ava')
    for (const line of CONVERSATION) expect(ui.text()).toContain(line)
    expect(ui.button('End chat')).toBeDefined()
    expect(ui.text()).not.toContain('is typing')
  })

  it('agentTyping: the typing indicator', () => {
    expect(render('agentTyping').text()).toContain('Ava is typing…')
  })

  it('unread: the launcher’s badge shows the count, and opening the panel tells the engine it is viewed and read', () => {
    const ui = render('unread', { layout: 'launcher' })
    const launcher = ui.host.querySelector<HTMLButtonElement>('[part~=launcher]')!
    expect(ui.host.querySelector('[part~=badge]')!.textContent).toBe('2')
    expect(launcher.textContent).toContain('2 unread')
    ui.chat.calls.length = 0
    launcher.click()
    expect(ui.chat.commands()).toEqual(expect.arrayContaining(['setViewing', 'markRead']))
    expect(ui.chat.calls).toContainEqual({ command: 'setViewing', args: [true] })
  })

  it('failedSend: the failed message with its Retry, which asks the engine to retry that message', () => {
    const ui = render('failedSend')
    expect(ui.text()).toContain('Can you send me a copy?')
    expect(ui.text()).toContain('Not sent')
    ui.button('Retry')!.click()
    const id = ui.chat.getSnapshot().outbox[0]!.id
    expect(ui.chat.calls).toEqual([{ command: 'retryMessage', args: [id] }])
    // Still failed: the fixture does not change state.
    expect(ui.text()).toContain('Not sent')
  })

  it('reconnecting and offline: the connection line', () => {
    expect(render('reconnecting').status()).toBe('Connection lost, reconnecting…')
    expect(render('offline').status()).toBe('You are offline')
  })

  it.each([
    ['endedByCustomer', 'You ended the chat.'],
    ['endedByAgent', 'The agent ended the chat.'],
    ['endedByServer', 'The chat was closed.'],
    ['endedByTimeout', 'The chat was closed after a period of inactivity.'],
  ] as const)('%s: the end reason text and a new chat', (name, reason) => {
    const ui = render(name)
    expect(ui.text()).toContain(reason)
    expect(ui.button('Start a new chat')).toBeDefined()
    expect(ui.button('End chat')).toBeUndefined()
  })

  it('error: the error text and Try again, which asks the engine to retry', () => {
    const ui = render('error')
    expect(ui.text()).toContain('RequestChat: GWS statusCode 4 (The service is unavailable)')
    ui.button('Try again')!.click()
    expect(ui.chat.commands()).toEqual(['retry'])
  })
})
