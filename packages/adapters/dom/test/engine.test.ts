import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createChat, type Chat } from '@gws-chat/core'
import { mountChat } from '../src'
import { createFakeHttp } from '../../test-support/fakes'

let chat: Chat
let unmount: () => void
beforeEach(() => vi.useFakeTimers())
afterEach(() => {
  unmount()
  chat.destroy()
  vi.useRealTimers()
  document.body.replaceChildren()
})

describe('mountChat over a real engine', () => {
  it('runs a whole chat and sends one RequestChat', async () => {
    const fake = createFakeHttp()
    chat = createChat({ baseUrl: 'https://gws.test', contactCenterId: 'cc', persistence: false, http: fake.http, polling: { intervalMs: 100, activeIntervalMs: 100 } })
    const host = document.body.appendChild(document.createElement('div'))
    unmount = mountChat(host, chat)
    const $ = <T extends HTMLElement>(selector: string) => host.querySelector<T>(selector)!
    // Author and text of each entry (the time beside the author depends on the clock).
    const texts = () => [...host.querySelectorAll('[part~=entry]')].map((li) => li.textContent!.replace(li.querySelector('time')?.textContent ?? '', ''))

    $<HTMLInputElement>('input[name=nickname]').value = 'Chris'
    $<HTMLInputElement>('input[name=subject]').value = 'Billing'
    $<HTMLButtonElement>('[part~=start]').click()
    await vi.advanceTimersByTimeAsync(500)
    expect($('[part~=status]').textContent).toBe('Waiting for an agent…')
    expect(document.activeElement).toBe($('textarea[name=message]'))

    fake.agentJoins()
    fake.agentSays('Hello, I am Ava')
    await vi.advanceTimersByTimeAsync(1000)
    expect($('[part~=status]').textContent).toBe('Chatting with Ava')
    expect(texts()).toEqual(['Ava joined the chat', 'AvaHello, I am Ava'])

    $<HTMLTextAreaElement>('textarea[name=message]').value = 'Thanks'
    $<HTMLButtonElement>('[part~=send]').click()
    expect($('[part~=outgoing]').textContent).toContain('Thanks')
    await vi.advanceTimersByTimeAsync(1000)
    expect(host.querySelector('[part~=outgoing]')).toBeNull()
    expect(texts().at(-1)).toBe('ChrisThanks')

    $<HTMLButtonElement>('[part~=end]').click()
    await vi.advanceTimersByTimeAsync(1000)
    expect(host.querySelector('.gws-chat')!.getAttribute('data-status')).toBe('ended')
    expect($('[part~=ended-text]').textContent).toBe('You ended the chat.')
    expect(fake.count('RequestChat')).toBe(1)
    expect(fake.count('Complete')).toBe(1)
  })
})
