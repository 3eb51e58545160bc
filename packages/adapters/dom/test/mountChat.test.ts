import { afterEach, describe, expect, it } from 'vitest'
import type { TranscriptEntry } from '@gws-chat/core'
import { mountChat, type MountChatOptions } from '../src'
import { createFakeChat } from '../../test-support/fakes'
import { adoptedCss, installAdoptedStyleSheets } from './adopted-sheets'
import { attentive } from './widget'

const ava = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const chris = { nickname: 'Chris', participantId: '1', type: 'Customer' }
const system = { nickname: 'System', participantId: '3', type: 'External' }
const entry = (index: number, type: string, from = ava, extra: Partial<TranscriptEntry> = {}): TranscriptEntry => ({ index, type, from, ...extra }) as TranscriptEntry

let unmounts: (() => void)[] = []
afterEach(() => {
  unmounts.forEach((unmount) => unmount())
  unmounts = []
  document.body.replaceChildren()
})

function setup(initial: Parameters<typeof createFakeChat>[0] = {}, options: MountChatOptions = {}) {
  const fake = createFakeChat(initial)
  const host = document.createElement('div')
  document.body.append(host)
  const unmount = mountChat(host, attentive(fake.chat), options)
  unmounts.push(unmount)
  const part = (name: string) => host.querySelector<HTMLElement>(`[part~="${name}"]`)!
  const parts = (name: string) => [...host.querySelectorAll<HTMLElement>(`[part~="${name}"]`)]
  const visible = (name: string) => !part(name).closest('[hidden]')
  return { ...fake, host, unmount, part, parts, visible }
}

describe('mountChat', () => {
  it('shows the pre-chat form and starts the chat with its values', () => {
    const ui = setup({}, { startParams: { endpoint: 'sales' }, nickname: 'Chris' })
    expect(ui.visible('prechat')).toBe(true)
    expect(ui.visible('composer')).toBe(false)
    expect(ui.visible('end')).toBe(false)
    const nickname = ui.host.querySelector<HTMLInputElement>('input[name=nickname]')!
    const subject = ui.host.querySelector<HTMLInputElement>('input[name=subject]')!
    expect(nickname.value).toBe('Chris')
    expect(nickname.closest('label')!.textContent).toBe('Your name')
    subject.value = '  Billing  '
    ui.part('prechat').dispatchEvent(new Event('submit', { cancelable: true }))
    expect(ui.chat.start).toHaveBeenCalledWith({ endpoint: 'sales', nickname: 'Chris', subject: 'Billing' })
  })

  it('marks the visitor’s own entries by the visitor’s participant id once the engine knows it', () => {
    const ui = setup({ status: 'connected' })
    const visitorAsClient = { nickname: 'Chris', participantId: '7', type: 'Client' }
    const otherCustomer = { nickname: 'Observer', participantId: '9', type: 'Customer' }
    ui.update({ visitorId: '7', transcript: [entry(1, 'Text', visitorAsClient, { text: 'mine' }), entry(2, 'Text', otherCustomer, { text: 'not mine' })] })
    const messages = ui.parts('message')
    expect(messages.map((m) => [m.textContent, m.getAttribute('part')?.includes('own')])).toEqual([
      ['Chrismine', true],
      ['Observernot mine', false],
    ])
  })

  it('shows why the engine refused to start', () => {
    const ui = setup()
    ui.chat.start.mockImplementation(() => {
      throw new Error('start: "subject" must be a non-empty string')
    })
    ui.part('prechat').dispatchEvent(new Event('submit', { cancelable: true }))
    expect(ui.part('error').getAttribute('role')).toBe('alert')
    expect(ui.part('error').textContent).toContain('"subject" must be a non-empty string')
  })

  it('shows the queue, then the agent, with the status in a status region', () => {
    const ui = setup()
    ui.update({ status: 'queued' })
    expect(ui.visible('prechat')).toBe(false)
    expect(ui.visible('composer')).toBe(true)
    expect(ui.part('status').getAttribute('role')).toBe('status')
    expect(ui.part('status').textContent).toBe('Waiting for an agent…')
    ui.update({ status: 'connected', participants: [chris, ava] })
    expect(ui.part('status').textContent).toBe('Chatting with Ava')
    ui.update({ connection: 'reconnecting' })
    expect(ui.part('status').textContent).toBe('Connection lost, reconnecting…')
  })

  it('appends transcript entries to the conversation region without rebuilding the list', () => {
    const ui = setup({ status: 'connected' })
    const log = ui.part('log')
    expect(log.getAttribute('role')).toBe('log')
    expect(log.getAttribute('aria-live')).toBe('off')
    expect(log.getAttribute('aria-label')).toBe('Conversation')
    expect(log.getAttribute('tabindex')).toBe('0')
    const first = [entry(1, 'ParticipantJoined', chris), entry(2, 'Notice', system, { text: 'Please wait' }), entry(3, 'ParticipantJoined')]
    ui.update({ transcript: first })
    const before = ui.parts('entry')
    expect(before.map((li) => li.textContent)).toEqual(['SystemPlease wait', 'Ava joined the chat'])
    const second = [...first, entry(4, 'TypingStarted'), entry(5, 'Text', ava, { text: 'Hello!' }), entry(6, 'Text', chris, { text: 'Hi' })]
    ui.update({ transcript: second })
    const after = ui.parts('entry')
    expect(after.slice(0, 2)).toEqual(before)
    expect(after.map((li) => li.textContent)).toEqual(['SystemPlease wait', 'Ava joined the chat', 'AvaHello!', 'ChrisHi'])
    expect(after[2]!.getAttribute('part')).toBe('entry message agent')
    expect(after[3]!.getAttribute('part')).toBe('entry message own')
    ui.update({ transcript: [...second, entry(7, 'ParticipantLeft')] })
    expect(ui.parts('entry').at(-1)!.textContent).toBe('Ava left the chat')
    expect(ui.parts('entry').slice(0, 4)).toEqual(after)
  })

  it('starts the list again when a new chat resets the transcript', () => {
    const ui = setup({ status: 'connected', transcript: [entry(1, 'Text', ava, { text: 'old' })] })
    ui.update({ status: 'requesting', transcript: [] })
    expect(ui.parts('entry')).toEqual([])
    ui.update({ transcript: [entry(1, 'Text', ava, { text: 'new' })] })
    expect(ui.parts('entry').map((li) => li.textContent)).toEqual(['Avanew'])
  })

  it('shows markup in a message as text', () => {
    const ui = setup({ status: 'connected' })
    const attack = '<img src=x onerror="window.hacked=1"><script>window.hacked=1</script>'
    ui.update({ transcript: [entry(1, 'Text', ava, { text: attack }), entry(2, 'Notice', { ...system, nickname: '<b>bold</b>' }, { text: attack })] })
    expect(ui.host.querySelector('img, script, b')).toBeNull()
    expect(ui.parts('text').map((p) => p.textContent)).toEqual([attack, attack])
    expect(ui.parts('author')[1]!.textContent).toBe('<b>bold</b>')
  })

  it('shows a line in place of an entry that could not be read and of entries that never arrived', () => {
    const ui = setup({ status: 'connected' })
    const nobody = { nickname: '', participantId: '', type: 'System' }
    ui.update({
      transcript: [
        entry(1, 'Text', ava, { text: 'before' }),
        { index: 2, type: 'Unreadable', from: nobody } as TranscriptEntry,
        { index: 4, type: 'Missing', from: nobody, missingFrom: 3 } as TranscriptEntry,
        entry(5, 'Text', ava, { text: 'after' }),
      ],
    })
    expect(ui.parts('entry').map((li) => li.textContent)).toEqual(['Avabefore', 'A message could not be shown', 'Some messages did not arrive', 'Avaafter'])
  })

  it('makes a pushed URL a link only for http and https', () => {
    const ui = setup({ status: 'connected' })
    ui.update({
      transcript: [
        entry(1, 'PushUrl', ava, { url: 'https://example.com/help?a=1' }),
        entry(2, 'PushUrl', ava, { url: 'javascript:alert(1)' }),
        entry(3, 'PushUrl', ava, { url: 'data:text/html,<b>x</b>' }),
        entry(4, 'PushUrl', ava, { url: 'not a url' }),
      ],
    })
    const links = ui.host.querySelectorAll('a')
    expect(links).toHaveLength(1)
    expect(links[0]!.href).toBe('https://example.com/help?a=1')
    expect(links[0]!.rel).toBe('noopener noreferrer nofollow')
    expect(links[0]!.target).toBe('_blank')
    expect(ui.parts('text').map((p) => p.textContent)).toEqual(['https://example.com/help?a=1', 'javascript:alert(1)', 'data:text/html,<b>x</b>', 'not a url'])
  })

  it('shows the address a pushed link opens as its text, and the entry’s own text only as a caption beside it', () => {
    const ui = setup({ status: 'connected' })
    ui.update({
      transcript: [
        entry(1, 'PushUrl', ava, { url: 'https://evil.example/login', text: 'https://bank.example' }),
        entry(2, 'PushUrl', ava, { url: 'https://example.com/help', text: 'https://example.com/help' }),
        entry(3, 'PushUrl', ava, { url: 'javascript:alert(1)', text: 'Open your account' }),
      ],
    })
    const links = [...ui.host.querySelectorAll('a')]
    expect(links.map((a) => [a.textContent, a.href])).toEqual([
      ['https://evil.example/login', 'https://evil.example/login'],
      ['https://example.com/help', 'https://example.com/help'],
    ])
    expect(ui.host.textContent).not.toContain('https://bank.example/')
    const [spoof, plain, script] = ui.parts('url')
    expect(spoof!.querySelector('[part~=caption]')!.textContent).toBe('https://bank.example')
    expect(spoof!.querySelector('a [part~=caption], [part~=caption] a')).toBeNull()
    // A text that says the same as the link needs no caption.
    expect(plain!.querySelector('[part~=caption]')).toBeNull()
    expect(script!.querySelector('a')).toBeNull()
    expect(script!.querySelector('[part~=text]')!.textContent).toBe('javascript:alert(1)')
    expect(script!.querySelector('[part~=caption]')!.textContent).toBe('Open your account')
  })

  it('shows a pushed link as the browser will open it: host in ASCII, invisible characters encoded, no user name in front of the host', () => {
    const ui = setup({ status: 'connected' })
    ui.update({
      transcript: [
        // Cyrillic "а" in the host.
        entry(1, 'PushUrl', ava, { url: 'https://b\u0430nk.example/' }),
        // A right-to-left override that would show the path backwards.
        entry(2, 'PushUrl', ava, { url: 'https://evil.example/\u202Emoc.knab' }),
        entry(3, 'PushUrl', ava, { url: 'https://bank.example@evil.example/' }),
        entry(4, 'PushUrl', ava, { url: 'https://bank.example:secret@evil.example/' }),
      ],
    })
    const links = [...ui.host.querySelectorAll('a')]
    expect(links.map((a) => [a.textContent, a.href])).toEqual([
      ['https://xn--bnk-6cd.example/', 'https://xn--bnk-6cd.example/'],
      ['https://evil.example/%E2%80%AEmoc.knab', 'https://evil.example/%E2%80%AEmoc.knab'],
    ])
    expect(ui.parts('text').slice(2).map((p) => [p.textContent, p.querySelector('a')])).toEqual([
      ['https://bank.example@evil.example/', null],
      ['https://bank.example:secret@evil.example/', null],
    ])
  })

  it('shows the agent typing', () => {
    const ui = setup({ status: 'connected', participants: [chris, ava] })
    expect(ui.part('typing').textContent).toBe('')
    expect(ui.part('typing').getAttribute('aria-live')).toBe('polite')
    ui.update({ agentTyping: true })
    expect(ui.part('typing').textContent).toBe('Ava is typing…')
    ui.update({ agentTyping: false })
    expect(ui.part('typing').textContent).toBe('')
  })

  it('sends on submit, clears the input and sends typing notifications', () => {
    const ui = setup({ status: 'connected' })
    const input = ui.host.querySelector<HTMLTextAreaElement>('textarea[name=message]')!
    expect(input.getAttribute('aria-label')).toBe('Message')
    input.value = 'h'
    input.dispatchEvent(new Event('input'))
    expect(ui.chat.setTyping).toHaveBeenLastCalledWith(true)
    input.value = ''
    input.dispatchEvent(new Event('input'))
    expect(ui.chat.setTyping).toHaveBeenLastCalledWith(false)
    input.value = 'hello'
    input.dispatchEvent(new Event('input'))
    input.dispatchEvent(new Event('blur'))
    expect(ui.chat.setTyping).toHaveBeenLastCalledWith(false)
    ui.part('composer').dispatchEvent(new Event('submit', { cancelable: true }))
    expect(ui.chat.send).toHaveBeenCalledWith('hello')
    expect(input.value).toBe('')
    ui.part('composer').dispatchEvent(new Event('submit', { cancelable: true }))
    expect(ui.chat.send).toHaveBeenCalledTimes(1)
  })

  it('shows outgoing messages as sending, failed with a retry, and drops them once echoed', () => {
    const ui = setup({ status: 'connected' })
    ui.update({ outbox: [{ id: 'm1', text: 'hello', status: 'sending' }] })
    const row = ui.part('outgoing')
    expect(row.textContent).toContain('hello')
    expect(ui.part('delivery').textContent).toBe('Sending…')
    expect(ui.visible('retry')).toBe(false)
    ui.update({ outbox: [{ id: 'm1', text: 'hello', status: 'failed', error: { code: 'rejected', message: 'no' } as never }] })
    expect(ui.part('outgoing')).toBe(row)
    expect(row.dataset.delivery).toBe('failed')
    expect(ui.part('delivery').textContent).toBe('Not sent')
    expect(ui.visible('retry')).toBe(true)
    ui.part('retry').click()
    expect(ui.chat.retryMessage).toHaveBeenCalledWith('m1')
    ui.update({ outbox: [], transcript: [entry(1, 'Text', chris, { text: 'hello' })] })
    expect(ui.parts('outgoing')).toEqual([])
    expect(ui.parts('entry').map((li) => li.textContent)).toEqual(['Chrishello'])
  })

  it('ends the chat and shows why it ended, then offers a new one', () => {
    const ui = setup({ status: 'connected' })
    ui.part('end').click()
    expect(ui.chat.end).toHaveBeenCalledTimes(1)
    ui.update({ status: 'ended', endReason: 'agent', transcript: [entry(1, 'Text', ava, { text: 'Bye' })] })
    expect(ui.visible('composer')).toBe(false)
    expect(ui.visible('end')).toBe(false)
    expect(ui.visible('log')).toBe(true)
    expect(ui.part('ended-text').textContent).toBe('The agent ended the chat.')
    ui.part('new-chat').click()
    expect(ui.visible('prechat')).toBe(true)
    expect(ui.visible('ended')).toBe(false)
  })

  it('offers to try again after an error', () => {
    const ui = setup({ status: 'queued' })
    ui.update({ status: 'error', error: { code: 'network', message: 'The server cannot be reached' } as never })
    expect(ui.visible('failure')).toBe(true)
    expect(ui.part('failure-text').textContent).toBe('Something went wrong: The server cannot be reached')
    ui.part('try-again').click()
    expect(ui.chat.retry).toHaveBeenCalledTimes(1)
  })

  it('uses no style element and no style attribute, and adopts its stylesheet unless told not to', () => {
    const uninstall = installAdoptedStyleSheets()
    try {
      const ui = setup({ status: 'connected', transcript: [entry(1, 'Text', ava, { text: 'hi https://example.com' })], outbox: [{ id: 'm', text: 'x', status: 'failed' }] })
      expect(ui.host.querySelectorAll('[style], style')).toHaveLength(0)
      expect(document.adoptedStyleSheets).toHaveLength(1)
      expect(adoptedCss(document)).toContain('--gws-chat-accent')
      // A second widget on the page shares the one sheet; it goes when the last widget does.
      const bare = setup({}, { styles: false })
      const other = setup({})
      expect(bare.host.querySelector('style')).toBeNull()
      expect(document.adoptedStyleSheets).toHaveLength(1)
      ui.unmount()
      expect(document.adoptedStyleSheets).toHaveLength(1)
      other.unmount()
      expect(document.adoptedStyleSheets).toHaveLength(0)
    } finally {
      uninstall()
    }
  })

  it('renders without a stylesheet, and without an error, where the browser cannot adopt one', () => {
    expect('adoptedStyleSheets' in document).toBe(false)
    const ui = setup({ status: 'connected' })
    expect(ui.host.querySelectorAll('[style], style')).toHaveLength(0)
    expect(ui.visible('composer')).toBe(true)
  })

  it('takes other labels', () => {
    const ui = setup({ status: 'queued' }, { labels: { queued: 'Bitte warten…', send: 'Senden' } })
    expect(ui.part('status').textContent).toBe('Bitte warten…')
    expect(ui.part('send').textContent).toBe('Senden')
  })

  it('puts nicknames and error texts into labels as they are, even with replacement patterns in them', () => {
    const names = ["$'", '$&', '$$', '$1', '{name}', '$`']
    for (const nickname of names) {
      const agent = { ...ava, nickname }
      const ui = setup({ status: 'connected', participants: [chris, agent] }, { labels: { typing: '{name} is typing… ({name})' } })
      ui.update({ agentTyping: true, transcript: [entry(1, 'ParticipantJoined', agent), entry(2, 'ParticipantLeft', agent)] })
      expect(ui.part('status').textContent).toBe(`Chatting with ${nickname}`)
      expect(ui.part('typing').textContent).toBe(`${nickname} is typing… (${nickname})`)
      expect(ui.parts('event').map((li) => li.textContent)).toEqual([`${nickname} joined the chat`, `${nickname} left the chat`])
      ui.update({ status: 'error', error: { code: 'http_error', message: `SendMessage: HTTP 400 (${nickname})` } })
      expect(ui.part('failure-text').textContent).toBe(`Something went wrong: SendMessage: HTTP 400 (${nickname})`)
    }
  })

  it('removes itself and unsubscribes on unmount, leaving the engine alone', () => {
    const ui = setup({ status: 'connected' })
    expect(ui.listeners.size).toBe(1)
    ui.unmount()
    expect(ui.host.childElementCount).toBe(0)
    expect(ui.listeners.size).toBe(0)
    expect(ui.chat.destroy).not.toHaveBeenCalled()
    expect(ui.chat.end).not.toHaveBeenCalled()
  })
})
