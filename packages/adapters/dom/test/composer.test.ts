import { afterEach, describe, expect, it } from 'vitest'
import { MAX_MESSAGE_LENGTH } from '@gws-chat/core'
import { cleanUp, setup } from './widget'

afterEach(cleanUp)

const key = (target: Element, init: KeyboardEventInit & { keyCode?: number }) => {
  const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init })
  if (init.keyCode !== undefined) Object.defineProperty(event, 'keyCode', { value: init.keyCode })
  target.dispatchEvent(event)
  return event
}

describe('the composer', () => {
  it('is a labelled textarea: Enter sends, Shift+Enter is a new line', () => {
    const ui = setup({ status: 'connected' })
    const message = ui.message()
    expect(message.tagName).toBe('TEXTAREA')
    expect(message.getAttribute('aria-label')).toBe('Message')
    message.value = 'first line'
    expect(key(message, { key: 'Enter', shiftKey: true }).defaultPrevented).toBe(false)
    expect(ui.chat.send).not.toHaveBeenCalled()
    message.value = 'first line\nsecond line'
    expect(key(message, { key: 'Enter' }).defaultPrevented).toBe(true)
    expect(ui.chat.send).toHaveBeenCalledWith('first line\nsecond line')
    expect(message.value).toBe('')
    // Enter on an empty box sends nothing.
    key(message, { key: 'Enter' })
    expect(ui.chat.send).toHaveBeenCalledTimes(1)
  })

  it('does not send on the Enter that confirms an input method composition', () => {
    const ui = setup({ status: 'connected' })
    const message = ui.message()
    message.value = 'にほんご'
    expect(key(message, { key: 'Enter', isComposing: true }).defaultPrevented).toBe(false)
    expect(key(message, { key: 'Enter', keyCode: 229 }).defaultPrevented).toBe(false)
    expect(ui.chat.send).not.toHaveBeenCalled()
    key(message, { key: 'Enter' })
    expect(ui.chat.send).toHaveBeenCalledWith('にほんご')
  })

  it('limits the message to maxLength and shows a counter near it', () => {
    const ui = setup({ status: 'connected' }, { maxLength: 100 })
    const message = ui.message()
    expect(message.maxLength).toBe(100)
    const type = (text: string) => {
      message.value = text
      message.dispatchEvent(new Event('input'))
    }
    type('x'.repeat(79))
    expect(ui.visible('counter')).toBe(false)
    type('x'.repeat(80))
    expect(ui.visible('counter')).toBe(true)
    expect(ui.part('counter').textContent).toBe('20 of 100 characters left')
    expect(message.getAttribute('aria-describedby')).toBe(ui.part('counter').id)
    type('x'.repeat(100))
    expect(ui.part('counter').textContent).toBe('0 of 100 characters left')
    key(message, { key: 'Enter' })
    expect(ui.visible('counter')).toBe(false)
  })

  it('grows the textarea with its lines through the rows attribute, up to five, and back to one after sending', () => {
    const ui = setup({ status: 'connected' })
    const message = ui.message()
    const type = (value: string) => {
      message.value = value
      message.dispatchEvent(new Event('input'))
    }
    expect(message.rows).toBe(1)
    type('one\ntwo\nthree')
    expect(message.getAttribute('rows')).toBe('3')
    type('1\n2\n3\n4\n5\n6\n7\n8')
    expect(message.rows).toBe(5)
    expect(message.hasAttribute('style')).toBe(false)
    key(message, { key: 'Enter' })
    expect(message.rows).toBe(1)
  })

  it('never allows more than the engine accepts, whatever maxLength says', () => {
    const ui = setup({ status: 'connected' }, { maxLength: MAX_MESSAGE_LENGTH * 10 })
    expect(ui.message().maxLength).toBe(MAX_MESSAGE_LENGTH)
  })

  it('says why a send was refused in an alert next to the composer, and clears it on the next input', () => {
    const ui = setup({ status: 'connected' })
    ui.chat.send.mockImplementationOnce(() => {
      throw new Error('The message is too long')
    })
    ui.message().value = 'Hello'
    key(ui.message(), { key: 'Enter' })
    const alert = ui.part('send-error')
    expect([alert.getAttribute('role'), alert.textContent, ui.part('composer').contains(alert), ui.visible('send-error')]).toEqual(['alert', 'The message is too long', true, true])
    expect(ui.message().value).toBe('Hello')
    ui.message().dispatchEvent(new Event('input'))
    expect(alert.textContent).toBe('')
  })

  it('takes the engine’s limit by default, with numbers in the widget’s language', () => {
    const ui = setup({ status: 'connected' })
    expect(ui.message().maxLength).toBe(MAX_MESSAGE_LENGTH)
    ui.remount({ lang: 'de', labels: { remaining: 'noch {count} von {max}' } })
    ui.message().value = 'x'.repeat(90_000)
    ui.message().dispatchEvent(new Event('input'))
    expect(ui.part('counter').textContent).toBe('noch 10.000 von 100.000')
  })
})

describe('focus', () => {
  it('moves to the composer when the chat starts', () => {
    const ui = setup()
    ui.host.querySelector<HTMLInputElement>('input[name=nickname]')!.focus()
    ui.update({ status: 'requesting' })
    expect(document.activeElement).toBe(ui.message())
  })

  it('moves to the composer after a start from the form even when the click left focus on the page', () => {
    const ui = setup()
    ui.host.querySelector<HTMLInputElement>('input[name=nickname]')!.value = 'Chris'
    ui.host.querySelector<HTMLInputElement>('input[name=subject]')!.value = 'Billing'
    ui.part('start').click()
    ;(document.activeElement as HTMLElement).blur()
    ui.update({ status: 'requesting' })
    expect(document.activeElement).toBe(ui.message())
  })

  it('leaves focus on the page when the chat starts elsewhere (another tab, the page’s own code)', () => {
    const ui = setup()
    expect(document.activeElement).toBe(document.body)
    ui.update({ status: 'queued' })
    expect(document.activeElement).toBe(document.body)
    ui.update({ status: 'connected' })
    expect(document.activeElement).toBe(document.body)
  })

  it('moves to "Start a new chat" after the end, before the End button it was on is hidden', () => {
    const ui = setup({ status: 'connected' })
    const end = ui.part('end')
    end.focus()
    let endHiddenWhenFocused: boolean | undefined
    ui.part('new-chat').addEventListener('focus', () => (endHiddenWhenFocused = end.hidden))
    ui.update({ status: 'ended', endReason: 'customer' })
    expect(document.activeElement).toBe(ui.part('new-chat'))
    expect(endHiddenWhenFocused).toBe(false)
    expect(end.hidden).toBe(true)
  })

  it('moves from the composer to "Start a new chat" when the agent ends the chat, and to the form after it', () => {
    const ui = setup({ status: 'connected' })
    ui.message().focus()
    ui.update({ status: 'ended', endReason: 'agent' })
    expect(document.activeElement).toBe(ui.part('new-chat'))
    ui.part('new-chat').click()
    expect(document.activeElement).toBe(ui.host.querySelector('input[name=nickname]'))
  })

  it('leaves focus alone when it is elsewhere on the page', () => {
    const ui = setup({ status: 'connected' })
    const outside = document.body.appendChild(document.createElement('input'))
    outside.focus()
    ui.update({ status: 'ended', endReason: 'server' })
    expect(document.activeElement).toBe(outside)
  })
})
