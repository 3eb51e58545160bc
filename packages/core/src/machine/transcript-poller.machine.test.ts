import { afterEach, describe, expect, it, vi } from 'vitest'
import { driveMachine, machineConfig, missingCoverage } from '../../test/machine-support'
import { chatError } from '../errors'
import type { MessagesRead } from '../api/entries'
import type { TranscriptEntry } from '../types'
import { GAP_WAIT_POLLS, MAX_DRAIN_FAILURES } from './limits'
import { transcriptPollerMachine } from './transcript-poller.machine'

afterEach(() => {
  vi.useRealTimers()
})

const location = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const entry = (index: number, type = 'Text', from = agent): TranscriptEntry => ({ index, type, from, time: 0, ...(type === 'Text' ? { text: `line ${index}` } : {}) })
const flaky = chatError('network_error', 'GetMessages: request failed (lost)')

function poller() {
  const harness = machineConfig()
  const machine = driveMachine(transcriptPollerMachine, { config: harness.config })
  const transcript = () => machine.actor.getSnapshot().context.transcript.map((e) => e.index)
  /** The `index` the pending GetMessages asks from, answered with `entries`. */
  const answer = async (entries: TranscriptEntry[] | MessagesRead) => {
    const call = harness.next('getMessages')
    call.resolve(Array.isArray(entries) ? { entries, problems: [] } : entries)
    await harness.tick(0)
    return call.args[1]
  }
  return { ...harness, ...machine, transcript, answer, start: () => machine.actor.send({ type: 'poller.start', location }) }
}

describe('transcript poller machine', () => {
  it('asks from the last index + 1, keeps entries without gaps or duplicates, and tells the chat only what is new', async () => {
    const p = poller()
    p.start()
    expect(await p.answer([entry(1, 'ParticipantJoined', customer), entry(2), entry(4)])).toBe(1)
    expect(p.transcript(), 'what follows a gap is fetched again').toEqual([1, 2])
    expect(p.take()).toEqual(['transcript.appended'])
    await p.tick(3000)
    expect(await p.answer([entry(2), entry(3)])).toBe(3)
    expect(p.transcript()).toEqual([1, 2, 3])
    await p.tick(3000)
    await p.answer([])
    expect(p.take(), 'an uneventful poll stays in the poller').toEqual(['transcript.appended'])
    await p.tick(3000)
    await p.answer([entry(4, 'TypingStarted')])
    expect(p.actor.getSnapshot().context.agentTyping).toBe(true)
    expect(p.reports.at(-1)).toMatchObject({ type: 'transcript.appended', agentTyping: true, typingChanged: true })
  })

  it('polls sooner on activity after a quiet spell, when the page comes back into view and when the network returns', async () => {
    const p = poller()
    p.start()
    await p.answer([])
    await p.tick(5000)
    await p.answer([])
    p.actor.send({ type: 'poller.activity' })
    p.actor.send({ type: 'poller.activity' })
    await p.tick(500)
    expect(p.pending('getMessages'), 'the active pace applies at once').toBe(1)
    p.actor.send({ type: 'page.hidden' })
    p.actor.send({ type: 'page.visible' })
    expect(p.actor.getSnapshot().context.hidden, 'seen while a fetch is in flight').toBe(false)
    await p.answer([])
    p.actor.send({ type: 'page.hidden' })
    p.actor.send({ type: 'page.visible' })
    expect(p.pending('getMessages'), 'back in view right after a fetch: not before the floor').toBe(0)
    await p.tick(250)
    expect(p.pending('getMessages'), 'back in view while waiting: as soon as the floor allows').toBe(1)
    await p.answer([])
    p.actor.send({ type: 'network.offline' })
    await p.tick(60_000)
    expect(p.pending('getMessages'), 'paused offline').toBe(0)
    p.actor.send({ type: 'network.online' })
    expect(p.pending('getMessages')).toBe(1)
    await p.answer([])
    p.actor.send({ type: 'network.offline' })
    p.actor.send({ type: 'network.online' })
    await p.tick(250)
    expect(p.pending('getMessages'), 'back online while waiting: as soon as the floor allows').toBe(1)
  })

  it('answers a check with the first fetch that starts after it', async () => {
    const p = poller()
    p.start()
    p.actor.send({ type: 'poller.check' })
    await p.answer([])
    expect(p.take(), 'the fetch in flight started before the check').toEqual([])
    await p.tick(3000)
    p.next('getMessages').reject(flaky)
    await p.tick(0)
    expect(p.take()).toEqual(['link.failing', 'poll.failed'])
    await p.tick(1000)
    await p.answer([entry(1)])
    expect(p.take(), 'the entries, the link, then the answer to the check').toEqual(['transcript.appended', 'link.ok', 'transcript.checked'])
    await p.tick(300)
    p.actor.send({ type: 'poller.check' })
    expect(p.pending('getMessages'), 'a check asked while waiting fetches at once').toBe(1)
    p.actor.send({ type: 'poller.stop' })
    p.start()
    expect(p.pending('getMessages'), 'a restart waits for the floor').toBe(0)
    await p.tick(250)
    await p.answer([])
    expect(p.take()).toEqual(['transcript.checked'])
  })

  it('reports a gone or refused chat and stops; drains an ended chat, retrying a few times', async () => {
    const p = poller()
    p.start()
    p.next('getMessages').reject(chatError('gws_error', 'GetMessages: GWS statusCode 6', { statusCode: 6 }))
    await p.tick(0)
    expect(p.take()).toEqual(['poll.gone'])
    p.start()
    await p.tick(250)
    p.next('getMessages').reject(chatError('gws_error', 'GetMessages: GWS statusCode 20', { statusCode: 20 }))
    await p.tick(0)
    expect(p.take()).toEqual(['poll.fatal'])

    await p.tick(250)
    p.start()
    expect(p.pending('getMessages')).toBe(1)
    p.actor.send({ type: 'poller.drain' })
    expect(p.pending('getMessages'), 'the fetch in flight is given up; the final one waits for the floor too').toBe(0)
    await p.tick(250)
    expect(p.pending('getMessages')).toBe(1)
    await p.answer([entry(1, 'ParticipantLeft')])
    expect(p.take()).toEqual(['transcript.appended', 'transcript.drained'])
    p.actor.send({ type: 'poller.drain' })
    await p.tick(250)
    for (let failure = 1; failure <= MAX_DRAIN_FAILURES; failure++) {
      p.next('getMessages').reject(flaky)
      await p.tick(30_000)
    }
    expect(p.take(), 'given up: the chat ends without its last entries').toEqual(['transcript.drained'])
    p.actor.send({ type: 'network.offline' })
    p.start()
    p.actor.send({ type: 'poller.drain' })
    p.actor.send({ type: 'poller.stop' })
    p.actor.send({ type: 'poller.reset' })
    expect(p.transcript()).toEqual([])
  })

  it('keeps the good entries of an answer, holds placeholders at unreadable indices and reports each kind once', async () => {
    const p = poller()
    p.start()
    const unreadable = { index: 2, type: 'Unreadable', from: { nickname: '', participantId: '', type: 'System' }, time: 0 }
    await p.answer({ entries: [entry(1), unreadable, entry(3)], problems: [{ index: 2, reason: 'text: Invalid type' }, { index: null, reason: 'no index' }] })
    expect(p.transcript()).toEqual([1, 2, 3])
    const errors = p.reports.filter((report) => report.type === 'transcript.invalid').map((report) => (report as unknown as { error: { code: string; index?: number; message: string } }).error)
    expect(errors.map((error) => [error.code, error.index])).toEqual([['invalid_entry', 2], ['invalid_entry', undefined]])
    expect(errors[0]?.message).toContain('entry 2 could not be read (text: Invalid type)')
    p.take()
    await p.tick(3000)
    await p.answer({ entries: [entry(4)], problems: [{ index: null, reason: 'no index' }] })
    expect(p.take(), 'the same left-out entry is not reported on every poll').toEqual(['transcript.appended'])
    await p.tick(3000)
    await p.answer({ entries: [], problems: [{ index: null, reason: 'not an object' }] })
    expect(p.take(), 'a different one is').toEqual(['transcript.invalid'])
    await p.tick(3000)
    await p.answer([])
    await p.tick(3000)
    await p.answer({ entries: [], problems: [{ index: null, reason: 'not an object' }] })
    expect(p.take(), 'and again once it came back after a clean answer').toEqual(['transcript.invalid'])
  })

  it('moves past a gap that stays for GAP_WAIT_POLLS answers with one Missing placeholder, and never places an entry too far ahead', async () => {
    const p = poller()
    p.start()
    await p.answer([entry(1), entry(4), entry(5)])
    for (let poll = 2; poll < GAP_WAIT_POLLS; poll++) {
      await p.tick(3000)
      expect(await p.answer([entry(4), entry(5)])).toBe(2)
      expect(p.transcript(), `still waiting at the gap after ${poll} answers`).toEqual([1])
    }
    await p.tick(3000)
    await p.answer([entry(4), entry(5), entry(5000)])
    expect(p.transcript()).toEqual([1, 3, 4, 5])
    expect(p.actor.getSnapshot().context.transcript[1]).toMatchObject({ index: 3, type: 'Missing', missingFrom: 2 })
    const errors = p.reports.filter((report) => report.type === 'transcript.invalid').map((report) => (report as unknown as { error: { code: string; index?: number } }).error)
    expect(errors.map((error) => [error.code, error.index])).toEqual([['invalid_entry', undefined], ['transcript_gap', 2]])
    await p.tick(3000)
    expect(await p.answer([]), 'the next poll asks after the placed entries').toBe(6)
    p.actor.send({ type: 'poller.drain' })
    await p.answer([entry(8, 'ParticipantLeft')])
    expect(p.transcript(), 'the final fetch of an ended chat fills a gap at once').toEqual([1, 3, 4, 5, 7, 8])
  })

  it('a check is not answered by a fetch that stopped at a gap: the echo may be behind it', async () => {
    const p = poller()
    p.start()
    await p.answer([entry(1)])
    await p.tick(300)
    p.actor.send({ type: 'poller.check' })
    await p.answer([entry(3, 'Text', customer)])
    expect(p.take(), 'stopped at the gap at 2: the check waits').toEqual(['transcript.appended'])
    await p.tick(3000)
    await p.answer([entry(2), entry(3, 'Text', customer)])
    expect(p.take(), 'the fetch that reached the echo answers it').toEqual(['transcript.appended', 'transcript.checked'])
  })

  it('activity does not restart the wait while failures back off', async () => {
    const p = poller()
    p.start()
    p.next('getMessages').reject(chatError('http_error', 'GetMessages: HTTP 429', { httpStatus: 429, retryAfterMs: 60_000 }))
    await p.tick(5000)
    for (let i = 0; i < 10; i++) {
      p.actor.send({ type: 'poller.activity' })
      await p.tick(5500)
    }
    expect(p.pending('getMessages'), 'the retry went out after the minute, not postponed by each activity').toBe(1)
  })

  it('never starts two fetches closer than polling.minIntervalMs, whatever the server asks for', async () => {
    const p = poller()
    p.start()
    const started: number[] = []
    for (let poll = 0; poll < 20; poll++) {
      const call = p.next('getMessages')
      started.push(Date.now())
      call.reject(chatError('http_error', 'GetMessages: HTTP 503', { httpStatus: 503, retryAfterMs: 0 }))
      await p.tick(0)
      p.actor.send({ type: 'page.hidden' })
      p.actor.send({ type: 'page.visible' })
      await p.tick(0)
      while (p.pending('getMessages') === 0) await p.tick(10)
    }
    const gaps = started.slice(1).map((at, i) => at - (started[i] as number))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(250)
  })

  it('took every state and every transition of the machine', () => {
    expect(missingCoverage(transcriptPollerMachine)).toEqual({ states: [], transitions: [] })
  })
})
