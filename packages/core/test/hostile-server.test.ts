import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatError } from '../src'
import { GAP_WAIT_POLLS } from '../src/machine/limits'
import { setup } from './engine'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Hostile server' }

/** A connected chat whose transcript the test can spoil, with every `error` event kept. */
async function connected() {
  const world = setup()
  const errors: ChatError[] = []
  world.chat.on('error', (event) => void errors.push(event.error))
  world.chat.start(start)
  await world.tick()
  world.gws.agentJoins()
  world.gws.agentSays('before')
  await world.tick(3000)
  expect(world.chat.getSnapshot().status).toBe('connected')
  /** Put a raw entry into the server's transcript at the next index, as the server would serialise it. */
  const spoil = (raw: Record<string, unknown> | ((index: number) => unknown)) => {
    const index = world.gws.state.transcript.length + 1
    const entry = typeof raw === 'function' ? raw(index) : { index, ...raw }
    world.gws.state.transcript.push(entry as never)
  }
  return { ...world, errors, spoil }
}

const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }

describe('a hostile or quirky server never freezes the transcript', () => {
  it.each([
    ['text null (unset fields serialised as null)', { type: 'Text', text: null, from: agent }, []],
    ['nickname and url null', { type: 'PushUrl', text: 'see', url: null, from: { ...agent, nickname: null } }, []],
    ['no from', { type: 'Text', text: 'who?' }, ['invalid_entry']],
    ['from null', { type: 'Text', text: 'who?', from: null }, ['invalid_entry']],
    ['a number as text', { type: 'Text', text: 12, from: agent }, ['invalid_entry']],
    ['no type', { text: 'x', from: agent }, ['invalid_entry']],
  ])('an entry with %s: later agent lines still appear', async (_, raw, codes) => {
    const w = await connected()
    w.spoil(raw)
    w.gws.agentSays('after')
    await w.tick(3000)
    expect(w.texts()).toEqual(expect.arrayContaining(['Agent: before', 'Agent: after']))
    expect(w.chat.getSnapshot()).toMatchObject({ status: 'connected', connection: 'online' })
    const indices = w.chat.getSnapshot().transcript.map((entry) => entry.index)
    expect(indices, 'every index once, in order').toEqual(indices.map((_, i) => i + 1))
    expect(w.errors.map((error) => error.code)).toEqual(codes)
    if (codes.length > 0) expect(w.errors[0]?.index).toBe(4)
  })

  it.each([
    ['a missing index', (index: number) => ({ type: 'Text', text: `odd ${index}`, from: agent })],
    ['index 0', () => ({ index: 0, type: 'Text', text: 'odd', from: agent })],
    ['index 2.5', () => ({ index: 2.5, type: 'Text', text: 'odd', from: agent })],
    ['an index far ahead', () => ({ index: 9_000_000, type: 'Text', text: 'odd', from: agent })],
  ])('an entry with %s is left out and told once; the chat goes on', async (_, raw) => {
    const w = await connected()
    w.gws.state.transcript.push(raw(0) as never)
    // The fake numbers entries by their count: the next line takes the odd entry's place in the count.
    w.gws.add('Text', w.gws.agent, { text: 'after' })
    w.gws.state.transcript.at(-1)!.index = 4
    await w.tick(10_000)
    expect(w.texts()).toEqual(['Agent: before', 'Agent: after'])
    expect(w.errors.map((error) => error.code), 'told once, not on every poll').toEqual(['invalid_entry'])
    expect(w.chat.getSnapshot().connection).toBe('online')
  })

  it(`moves past an index the server never sends after ${GAP_WAIT_POLLS} answers, with a placeholder and a transcript_gap error`, async () => {
    const w = await connected()
    const before = w.gws.ops('GetMessages').length
    w.gws.state.transcript.push({ index: 5, type: 'Text', text: 'past the gap', from: agent })
    await w.tick(30_000)
    expect(w.texts()).toEqual(['Agent: before', 'Agent: past the gap'])
    expect(w.chat.getSnapshot().transcript.find((entry) => entry.index === 4)).toMatchObject({ type: 'Missing', missingFrom: 4 })
    expect(w.errors).toEqual([expect.objectContaining({ code: 'transcript_gap', index: 4 })])
    const asked = w.gws.ops('GetMessages').slice(before).map((call) => call.query.get('index'))
    expect(asked.filter((index) => index === '4').length).toBe(GAP_WAIT_POLLS)
    expect(asked.at(-1), 'the next polls ask after the gap').toBe('6')
  })

  it.each([
    ['3,000,000 s', '3000000'],
    ['a date in year 9999', 'Fri, 31 Dec 9999 23:59:59 GMT'],
    ['999,999 s', '999999'],
  ])('a Retry-After of %s neither floods the server nor hides the chat for more than a minute', async (_, retryAfter) => {
    const w = await connected()
    let limited = true
    w.gws.override((call) =>
      limited && call.operation === 'GetMessages' ? { status: 429, headers: { 'retry-after': retryAfter }, body: '{"statusCode":4,"statusMessage":"slow down"}' } : undefined,
    )
    const before = w.gws.ops('GetMessages').length
    await w.tick(2000)
    expect(w.gws.ops('GetMessages').length - before, 'at most one request in 2 s').toBeLessThanOrEqual(1)
    limited = false
    w.gws.agentSays('after the limit')
    await w.tick(61_000)
    expect(w.texts()).toContain('Agent: after the limit')
  })

  it('applies 100,000 entries of one answer, keeping every one', async () => {
    const w = await connected()
    for (let i = 0; i < 100_000; i++) w.gws.agentSays(`bulk ${i}`)
    await w.tick(3000)
    const transcript = w.chat.getSnapshot().transcript
    expect(transcript).toHaveLength(100_003)
    expect(transcript.at(-1)?.text).toBe('bulk 99999')
  })

  it('a server that stores text normalised, and loses the SendMessage answer: the message is shown once and sent once', async () => {
    const w = await connected()
    const normalise = (text: string) => text.normalize('NFC').replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f]/g, '').trim()
    w.gws.override((call) => {
      if (call.operation !== 'SendMessage') return undefined
      w.gws.add('Text', w.gws.customer, { text: normalise(String(call.body?.text)) })
      return new Error('connection reset after the server applied it')
    })
    w.chat.send('  Cafe\u0301\r\nsecond line\u0007  ')
    await w.tick(30_000)
    expect(w.gws.ops('SendMessage')).toHaveLength(1)
    expect(w.texts().filter((text) => text.startsWith('Customer'))).toEqual(['Customer: Café\nsecond line'])
    expect(w.chat.getSnapshot().outbox, 'no copy left waiting beside the echo').toEqual([])
  })
})
