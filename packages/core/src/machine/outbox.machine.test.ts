import { afterEach, describe, expect, it, vi } from 'vitest'
import { driveMachine, machineConfig, missingCoverage } from '../../test/machine-support'
import { chatError } from '../errors'
import type { OutboxMessage, TranscriptEntry } from '../types'
import { MAX_SEND_ATTEMPTS } from './limits'
import { outboxMachine, removeEchoed } from './outbox.machine'
import { CLAIM_WAIT_MS, realmLocks } from './sender-claim'
import type { WebLocks as TabLocks } from '../types'

afterEach(() => {
  vi.useRealTimers()
})

const location = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const echo = (index: number, text: string, from = customer): TranscriptEntry => ({ index, type: 'Text', text, from, time: 0 })
const lost = chatError('network_error', 'SendMessage: request failed (lost)')
const timedOut = chatError('timeout', 'SendMessage: no answer within 15000 ms')
const busy = chatError('gws_error', 'SendMessage: GWS statusCode 4', { statusCode: 4, httpStatus: 400 })
const refused = chatError('gws_error', 'SendMessage: GWS statusCode 20', { statusCode: 20, httpStatus: 401 })

function outbox(messages: OutboxMessage[] = [], locks: TabLocks | null = null) {
  const harness = machineConfig({ senderLocks: locks })
  const machine = driveMachine(outboxMachine, { config: harness.config, messages })
  const view = () => machine.actor.getSnapshot().context.messages.map((m) => `${m.text}:${m.status}`)
  const sentTexts = () => harness.calls.filter((c) => c.operation === 'sendMessage').map((c) => c.args[1])
  const send = (id: string, text: string) => machine.actor.send({ type: 'outbox.queue', id, text })
  const appended = (entries: TranscriptEntry[]) => machine.actor.send({ type: 'transcript.appended', entries, visitorId: '1', echoFloor: 0 })
  return { ...harness, ...machine, view, sentTexts, send, appended, open: () => machine.actor.send({ type: 'outbox.open', location }) }
}

describe('removeEchoed', () => {
  it('removes the oldest message with the echo’s text, once per echo, never for an agent’s line or below the floor', () => {
    const messages: OutboxMessage[] = [
      { id: 'a', text: 'yes', status: 'sent' },
      { id: 'b', text: 'yes', status: 'queued' },
    ]
    expect(removeEchoed(messages, [echo(3, 'yes')], '1', 0).map((m) => m.id)).toEqual(['b'])
    expect(removeEchoed(messages, [echo(3, 'yes', agent)], '1', 0)).toHaveLength(2)
    expect(removeEchoed(messages, [echo(3, 'yes')], '1', 3)).toHaveLength(2)
  })

  it.each([
    ['NFC (composed vs decomposed)', 'Cafe\u0301 crème', 'Café crème'],
    ['CRLF to LF', 'line one\r\nline two', 'line one\nline two'],
    ['CR to LF', 'a\rb', 'a\nb'],
    ['trimmed', '  hello  ', 'hello'],
    ['collapsed spaces', 'a  lot   of space', 'a lot of space'],
    ['stripped control characters', 'bell\u0007 and null\u0000 gone', 'bell and null gone'],
    ['stripped line breaks', 'one\ntwo', 'onetwo'],
    ['stripped zero-width characters', 'zero\u200bwidth\u200d', 'zerowidth'],
    ['tabs as spaces', 'a\tb', 'a b'],
  ])('matches an echo the server stored %s', (_, sent, stored) => {
    const messages: OutboxMessage[] = [{ id: 'a', text: sent, status: 'sent' }]
    expect(removeEchoed(messages, [echo(3, stored)], '1', 0)).toEqual([])
  })

  it('tells different texts apart, and takes one message per echo even with many alike', () => {
    expect(removeEchoed([{ id: 'a', text: 'yes', status: 'sent' }], [echo(3, 'yes!')], '1', 0)).toHaveLength(1)
    const many: OutboxMessage[] = Array.from({ length: 1000 }, (_, i) => ({ id: `m${i}`, text: i % 2 ? 'odd' : 'even', status: 'queued' }))
    const echoes = Array.from({ length: 600 }, (_, i) => echo(i + 1, i < 300 ? 'odd' : 'even'))
    const left = removeEchoed(many, echoes, '1', 0)
    expect(left).toHaveLength(400)
    expect(left[0]?.id, 'the oldest ones go first').toBe('m600')
  })
})

describe('outbox machine', () => {
  it('holds messages until the chat is live, then sends them in order, one at a time', async () => {
    const o = outbox()
    o.send('a', 'one')
    o.send('b', 'two')
    o.send('a', 'one again')
    expect(o.pending('sendMessage')).toBe(0)
    o.open()
    expect(o.view()).toEqual(['one:sending', 'two:queued'])
    o.next('sendMessage').resolve(undefined)
    await o.tick(0)
    expect(o.view()).toEqual(['one:sent', 'two:sending'])
    o.appended([echo(2, 'one')])
    expect(o.view()).toEqual(['two:sending'])
    o.actor.send({ type: 'outbox.close' })
    o.next('sendMessage').resolve(undefined)
    await o.tick(0)
    expect(o.view(), 'a send in flight finishes when the gate closes').toEqual(['two:sent'])
    expect(o.sentTexts()).toEqual([])
  })

  it('waits while offline; retries a refused-for-now send with backoff; fails a refused one; retryMessage sends it again', async () => {
    const o = outbox()
    o.open()
    o.actor.send({ type: 'network.offline' })
    o.send('a', 'one')
    expect(o.pending('sendMessage')).toBe(0)
    o.actor.send({ type: 'network.online' })
    o.next('sendMessage').reject(busy)
    await o.tick(0)
    expect(o.view()).toEqual(['one:queued'])
    await o.tick(30_000)
    o.next('sendMessage').reject(refused)
    await o.tick(0)
    expect(o.view()).toEqual(['one:failed'])
    expect(o.take().filter((t) => t === 'outbox.failed')).toHaveLength(2)
    o.actor.send({ type: 'outbox.retry', id: 'a' })
    o.next('sendMessage').resolve(undefined)
    await o.tick(0)
    expect(o.view()).toEqual(['one:sent'])
  })

  it('gives up after the last attempt of a send that surely failed', async () => {
    const o = outbox()
    o.open()
    o.send('a', 'one')
    for (let attempt = 1; attempt <= MAX_SEND_ATTEMPTS; attempt++) {
      o.next('sendMessage').reject(busy)
      await o.tick(30_000)
    }
    expect(o.view()).toEqual(['one:failed'])
  })

  it('an answer lost: the transcript decides; sent again only when its echo is missing', async () => {
    const o = outbox()
    o.open()
    o.send('a', 'one')
    o.next('sendMessage').reject(lost)
    await o.tick(0)
    expect(o.view(), 'it may have arrived: still sending').toEqual(['one:sending'])
    await o.tick(1000)
    expect(o.take()).toContain('outbox.checkEcho')
    o.appended([echo(2, 'one')])
    o.actor.send({ type: 'transcript.checked' })
    expect(o.view(), 'it had arrived').toEqual([])

    o.send('b', 'two')
    o.next('sendMessage').reject(timedOut)
    await o.tick(15_000)
    expect(o.take(), 'a timeout waits as long again before the check').toContain('outbox.checkEcho')
    o.actor.send({ type: 'transcript.checked' })
    expect(o.view(), 'no echo: it never arrived').toEqual(['two:sending'])
    o.next('sendMessage').resolve(undefined)
    await o.tick(0)
    expect(o.sentTexts()).toEqual([])
    expect(o.view()).toEqual(['two:sent'])
  })

  it('a lost answer on the last attempt is failed only once the transcript shows it missing', async () => {
    const o = outbox()
    o.open()
    o.send('a', 'one')
    for (let attempt = 1; attempt < MAX_SEND_ATTEMPTS; attempt++) {
      o.next('sendMessage').reject(busy)
      await o.tick(30_000)
    }
    o.next('sendMessage').reject(lost)
    await o.tick(1000)
    expect(o.view()).toEqual(['one:sending'])
    o.actor.send({ type: 'transcript.checked' })
    expect(o.view()).toEqual(['one:failed'])
  })

  it('verifies a message a reload left sending before anything else goes; ends and resets', async () => {
    const o = outbox([
      { id: 'a', text: 'one', status: 'sending' },
      { id: 'b', text: 'two', status: 'queued' },
    ])
    await o.tick(0)
    expect(o.take(), 'restored messages wait for the chat and its sender lock').toEqual([])
    o.open()
    await o.tick(0)
    expect(o.take()).toContain('outbox.checkEcho')
    expect(o.pending('sendMessage'), 'nothing goes before the check').toBe(0)
    o.appended([echo(4, 'one')])
    o.actor.send({ type: 'transcript.checked' })
    expect(o.view()).toEqual(['two:sending'])
    o.send('c', 'three')
    o.actor.send({ type: 'outbox.end' })
    expect(o.view(), 'the chat ended: what was not accepted failed').toEqual(['two:failed', 'three:failed'])
    o.actor.send({ type: 'outbox.reset' })
    expect(o.view()).toEqual([])
  })

  it('one record, one sender: restored messages another engine holds the chat for are left to it; new ones go out', async () => {
    const locks = realmLocks(new Map())
    const restored: OutboxMessage[] = [
      { id: 'a', text: 'one', status: 'sending' },
      { id: 'b', text: 'two', status: 'queued' },
    ]
    const original = outbox(restored, locks)
    original.open()
    await original.tick(0)
    expect(original.take(), 'the first engine holds the chat and checks its head').toContain('outbox.checkEcho')
    const duplicate = driveMachine(outboxMachine, { config: { ...original.config, senderLocks: locks }, messages: restored })
    duplicate.actor.send({ type: 'outbox.open', location })
    duplicate.actor.send({ type: 'outbox.queue', id: 'c', text: 'typed in the copy' })
    await original.tick(CLAIM_WAIT_MS - 1)
    expect(original.pending('sendMessage'), 'nothing from the copy while it waits for the lock').toBe(0)
    await original.tick(1)
    expect(duplicate.actor.getSnapshot().matches({ claim: { claimed: 'elsewhere' } })).toBe(true)
    expect(duplicate.actor.getSnapshot().context.messages.map((m) => m.id), 'the restored ones are the original’s').toEqual(['c'])
    expect(original.sentTexts(), 'only the new message goes out from the copy').toEqual(['typed in the copy'])
    duplicate.actor.send({ type: 'outbox.reset' })
    original.actor.send({ type: 'outbox.end' })
  })

  it('took every state and every transition of the machine', () => {
    expect(missingCoverage(outboxMachine)).toEqual({ states: [], transitions: [] })
  })
})
