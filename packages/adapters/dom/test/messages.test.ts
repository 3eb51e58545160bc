import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ava, chris, cleanUp, entry, setup, system } from './widget'

const NOW = Date.UTC(2026, 0, 15, 14, 30)
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
})
afterEach(() => {
  cleanUp()
  vi.useRealTimers()
})

const minutes = (n: number) => NOW - n * 60_000
/** Each entry as author line (or '—' when it continues a group) and text. */
const rows = (ui: ReturnType<typeof setup>) =>
  ui.parts('entry').map((li) => [li.querySelector('[part~=meta]')?.textContent ?? '—', li.querySelector('[part~=text]')?.textContent ?? li.textContent])

describe('messages', () => {
  it('shows the time of a message in the language of the widget, and none when the entry has no time', () => {
    const ui = setup({ status: 'connected' }, { lang: 'en-US' })
    ui.update({ transcript: [entry(1, 'Text', ava, { text: 'Hello', time: minutes(2) }), entry(2, 'Text', chris, { text: 'no time' })] })
    const [first, second] = ui.parts('entry')
    const time = first!.querySelector('time')!
    expect(time.getAttribute('datetime')).toBe(new Date(minutes(2)).toISOString())
    expect(time.textContent).toBe(new Intl.DateTimeFormat('en-US', { timeStyle: 'short' }).format(minutes(2)))
    expect(time.textContent).toMatch(/^\d{1,2}:28\s?[AP]M$/)
    expect(second!.querySelector('time')).toBeNull()
    expect(second!.querySelector('[part~=author]')!.textContent).toBe('Chris')

    ui.remount({ lang: 'de' })
    ui.update({ transcript: [entry(1, 'Text', ava, { text: 'Hallo', time: minutes(2) })] })
    expect(ui.part('time').textContent).toBe(new Intl.DateTimeFormat('de', { timeStyle: 'short' }).format(minutes(2)))
    expect(ui.part('time').textContent).toMatch(/^\d{2}:28$/)
  })

  it('shows the date as well for a message from another day', () => {
    const ui = setup({ status: 'connected' }, { lang: 'en-GB' })
    const yesterday = NOW - 26 * 3600_000
    ui.update({ transcript: [entry(1, 'Text', ava, { text: 'Old', time: yesterday })] })
    expect(ui.part('time').textContent).toBe(new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(yesterday))
    expect(ui.part('time').textContent).toContain('14 Jan 2026')
  })

  it('groups consecutive messages of one author: author and time once per group', () => {
    const ui = setup({ status: 'connected' }, { lang: 'en-GB' })
    const t = (n: number) => new Intl.DateTimeFormat('en-GB', { timeStyle: 'short' }).format(minutes(n))
    ui.update({
      transcript: [
        entry(1, 'Text', ava, { text: 'Hi', time: minutes(20) }),
        entry(2, 'Text', ava, { text: 'I am Ava', time: minutes(19) }),
        entry(3, 'PushUrl', ava, { url: 'https://example.com/help', time: minutes(19) }),
        entry(4, 'Text', chris, { text: 'Thanks', time: minutes(18) }),
        entry(5, 'Text', chris, { text: 'One more thing', time: minutes(18) }),
        // Ten minutes later: a new group of the same author.
        entry(6, 'Text', chris, { text: 'Still there?', time: minutes(8) }),
        entry(7, 'ParticipantLeft', ava, { time: minutes(7) }),
      ],
    })
    expect(rows(ui)).toEqual([
      [`Ava${t(20)}`, 'Hi'],
      ['—', 'I am Ava'],
      ['—', 'https://example.com/help'],
      [`Chris${t(18)}`, 'Thanks'],
      ['—', 'One more thing'],
      [`Chris${t(8)}`, 'Still there?'],
      ['—', 'Ava left the chat'],
    ])
    expect(ui.parts('continued').map((li) => li.querySelector('[part~=text]')!.textContent)).toEqual(['I am Ava', 'https://example.com/help', 'One more thing'])
    // A group goes on across snapshots, and a notice in between ends it.
    ui.update({
      transcript: [
        ...ui.chat.getSnapshot().transcript,
        entry(8, 'Text', chris, { text: 'Hello?', time: minutes(6) }),
        entry(9, 'Notice', system, { text: 'The agent left', time: minutes(6) }),
        entry(10, 'Text', chris, { text: 'Bye', time: minutes(5) }),
      ],
    })
    expect(rows(ui).slice(7)).toEqual([
      [`Chris${t(6)}`, 'Hello?'],
      [`System${t(6)}`, 'The agent left'],
      [`Chris${t(5)}`, 'Bye'],
    ])
  })

  it('styles system and idle notices as notices, named with a capital', () => {
    const ui = setup({ status: 'connected' })
    const idle = { nickname: '', participantId: '4', type: 'External' }
    ui.update({
      transcript: [
        entry(1, 'Notice', system, { text: 'IDLE_CONTROL_ALERT: are you still there?' }),
        entry(2, 'Text', idle, { text: 'The chat will close soon' }),
        entry(3, 'Notice', { nickname: 'Bot', participantId: '5', type: 'External' }, { text: 'Survey follows' }),
      ],
    })
    expect(ui.parts('notice').map((li) => [li.getAttribute('part'), li.querySelector('[part~=author]')!.textContent, li.querySelector('[part~=text]')!.textContent])).toEqual([
      ['entry notice system', 'System', 'IDLE_CONTROL_ALERT: are you still there?'],
      ['entry notice system', 'System', 'The chat will close soon'],
      ['entry notice system', 'Bot', 'Survey follows'],
    ])
    expect(ui.parts('message')).toEqual([])
  })

  it('sets dir="auto" on every text, so right-to-left messages read the right way', () => {
    const ui = setup({ status: 'connected' })
    ui.update({
      transcript: [entry(1, 'Text', { ...ava, nickname: 'آفا' }, { text: 'مرحبا، أنا آفا. كيف يمكنني مساعدتك؟' }), entry(2, 'PushUrl', ava, { url: 'https://example.com', text: 'دليل' })],
      outbox: [{ id: 'm', text: 'שלום', status: 'sending' }],
    })
    for (const node of [...ui.parts('text'), ...ui.parts('author'), ...ui.parts('caption')]) expect(node.getAttribute('dir')).toBe('auto')
    expect(ui.parts('text').map((p) => p.textContent)).toEqual(['مرحبا، أنا آفا. كيف يمكنني مساعدتك؟', 'https://example.com/', 'שלום'])
  })

  it('shows a pushed URL as a card with its host', () => {
    const ui = setup({ status: 'connected' })
    ui.update({
      transcript: [
        entry(1, 'PushUrl', ava, { url: 'https://help.example.com:8443/articles/42?ref=chat', text: 'Our guide' }),
        entry(2, 'PushUrl', ava, { url: 'javascript:alert(1)' }),
      ],
    })
    const [card, bad] = ui.parts('card')
    expect(card!.querySelector('[part~=host]')!.textContent).toBe('help.example.com:8443')
    const link = card!.querySelector('a')!
    expect([link.href, link.textContent, link.target, link.rel]).toEqual([
      'https://help.example.com:8443/articles/42?ref=chat',
      'https://help.example.com:8443/articles/42?ref=chat',
      '_blank',
      'noopener noreferrer nofollow',
    ])
    expect(card!.querySelector('[part~=caption]')!.textContent).toBe('Our guide')
    expect(card!.closest('[part~=entry]')!.getAttribute('part')).toBe('entry url agent')
    expect(bad!.querySelector('a, [part~=host]')).toBeNull()
    expect(bad!.textContent).toBe('javascript:alert(1)')
  })
})

describe('announcements', () => {
  it('reads out each new agent message once, and neither the restored transcript nor the visitor’s own messages', () => {
    const restored = [entry(1, 'Text', ava, { text: 'Earlier' }), entry(2, 'Text', chris, { text: 'Before' })]
    const ui = setup({ status: 'connected', transcript: restored })
    const announcer = ui.host.querySelector('[aria-live=polite]:not([part])')!
    expect(announcer.textContent).toBe('')
    const t1 = [...restored, entry(3, 'Text', ava, { text: 'Hello again' }), entry(4, 'Text', chris, { text: 'Hi' })]
    ui.update({ transcript: t1 })
    expect([...announcer.children].map((p) => p.textContent)).toEqual(['Ava: Hello again'])
    // Snapshots that change something else leave the announcement as it is (nothing new is added to the region).
    const before = announcer.firstChild
    ui.update({ agentTyping: true })
    ui.update({ outbox: [{ id: 'm', text: 'x', status: 'sending' }] })
    expect(announcer.firstChild).toBe(before)
    ui.update({ transcript: [...t1, entry(5, 'PushUrl', ava, { url: 'https://example.com/a' }), entry(6, 'Text', ava, { text: 'Look' })] })
    expect([...announcer.children].map((p) => p.textContent)).toEqual(['Ava: https://example.com/a', 'Ava: Look'])
    // A transcript replaced at once by a restored one is not news.
    ui.update({ transcript: [entry(1, 'Text', ava, { text: 'Other chat' }), entry(2, 'Text', ava, { text: 'restored' })] })
    expect([...announcer.children].map((p) => p.textContent)).toEqual(['Ava: https://example.com/a', 'Ava: Look'])
  })

  it('reads out a new notice once: an idle alert from the system, a notice from an agent', () => {
    const ui = setup({ status: 'connected', visitorId: '1' })
    const announcer = ui.host.querySelector('[aria-live=polite]:not([part])')!
    const t1 = [entry(1, 'Text', system, { text: 'The chat will close soon' })]
    ui.update({ transcript: t1 })
    expect([...announcer.children].map((p) => p.textContent)).toEqual(['System: The chat will close soon'])
    ui.update({ transcript: [...t1, entry(2, 'Notice', ava, { text: 'Ava transferred the chat' }), entry(3, 'Notice', chris, { text: 'mine' })] })
    expect([...announcer.children].map((p) => p.textContent)).toEqual(['Ava: Ava transferred the chat'])
    const before = announcer.firstChild
    ui.update({ agentTyping: true })
    expect(announcer.firstChild).toBe(before)
  })

  it('empties the live region a few seconds after an announcement; unmounting clears the timer', () => {
    vi.useFakeTimers()
    try {
      const ui = setup({ status: 'connected', visitorId: '1' })
      const announcer = ui.host.querySelector('[aria-live=polite]:not([part])')!
      const t1 = [entry(1, 'Text', ava, { text: 'Hello' })]
      const t2 = [...t1, entry(2, 'Text', ava, { text: 'Still there?' })]
      ui.update({ transcript: t1 })
      vi.advanceTimersByTime(3_000)
      ui.update({ transcript: t2 })
      vi.advanceTimersByTime(4_000)
      expect(announcer.textContent, 'a new announcement starts the wait again').toBe('Ava: Still there?')
      vi.advanceTimersByTime(1_000)
      expect(announcer.textContent).toBe('')
      ui.update({ transcript: [...t2, entry(3, 'Text', ava, { text: 'Bye' })] })
      expect(announcer.textContent).toBe('Ava: Bye')
      ui.unmount()
      expect(vi.getTimerCount()).toBe(0)
    } finally {
      vi.useRealTimers()
    }
  })

  it('turns the log’s own announcements off, so rendering the transcript again reads nothing', () => {
    const ui = setup({ status: 'connected' })
    expect(ui.part('log').getAttribute('role')).toBe('log')
    expect(ui.part('log').getAttribute('aria-live')).toBe('off')
    expect(ui.part('log').contains(ui.host.querySelector('[aria-live=polite]:not([part])'))).toBe(false)
  })
})
