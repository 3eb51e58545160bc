import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChatSnapshot } from '../src'
import { createRecorder, replay, type Recording } from '../src/record'
import { setup } from './engine'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris Doe', subject: 'Billing question', userData: { customerNumber: '12345' } }

/** Consecutive duplicates say nothing about behaviour. */
const changes = (snapshots: ChatSnapshot[]) => snapshots.filter((s, i) => i === 0 || JSON.stringify(s) !== JSON.stringify(snapshots[i - 1]))

/** A whole chat against the in-memory GWS, recorded; `snapshots` is what the engine showed after each event it received. */
async function recordChat(redact: boolean) {
  const recorder = createRecorder({ redact, now: () => Date.now() })
  const { chat, gws, tick } = setup({ inspect: recorder.inspect })
  const snapshots: ChatSnapshot[] = [chat.getSnapshot()]
  chat.subscribe((snapshot) => snapshots.push(snapshot))

  chat.start(start)
  chat.send('Hello, anyone there?')
  await tick(3000)
  gws.agentJoins()
  gws.agentTypes()
  await tick(3000)
  gws.agentSays('Hi Chris, I am Ava. How can I help?')
  chat.setTyping(true)
  await tick(2000)
  chat.send('My bill is wrong')
  const undo = gws.override((call) => (call.operation === 'GetMessages' ? { status: 200, headers: {}, body: '{"messages": [' } : undefined))
  await tick(4000)
  undo()
  await tick(6000)
  gws.agentLeaves(gws.agent, 'WaitingForAgent')
  await tick(6000)
  gws.agentJoins({ nickname: 'Ben', participantId: '3', type: 'Agent' })
  gws.agentSays('Ben here, let me look at your bill', { nickname: 'Ben', participantId: '3', type: 'Agent' })
  await tick(6000)
  chat.end()
  await tick(1000)
  expect(chat.getSnapshot().status).toBe('ended')
  chat.destroy()
  return { recording: JSON.parse(JSON.stringify(recorder.recording())) as Recording, snapshots }
}

describe('record and replay', () => {
  it('replays a recorded chat into the same sequence of snapshots', async () => {
    const { recording, snapshots } = await recordChat(false)
    vi.useRealTimers()
    const replayed = [...replay(recording)].map((step) => step.snapshot)

    const statuses = changes(snapshots).map((s) => s.status).filter((status, i, all) => i === 0 || all[i - 1] !== status)
    expect(statuses).toEqual(['idle', 'requesting', 'queued', 'connected', 'queued', 'connected', 'ended'])
    expect(changes(snapshots).length).toBeGreaterThan(15)
    expect(changes(replayed)).toEqual(changes(snapshots))
    expect(replayed.at(-1)).toMatchObject({ status: 'ended', endReason: 'customer' })
    expect(replayed.at(-1)?.transcript.filter((e) => e.type === 'Text').map((e) => e.text)).toEqual([
      'Hello, anyone there?',
      'Hi Chris, I am Ava. How can I help?',
      'My bill is wrong',
      'Ben here, let me look at your bill',
    ])
  })

  it('keeps the outcomes of HTTP actors, errors and timers, and no event the machine raised within a step', async () => {
    const { recording } = await recordChat(false)
    const types = recording.events.map((e) => e.event.type)
    expect(types).toContain('chat.start')
    const polls = recording.events.filter((e) => e.to === 'transcriptPoller').map((e) => e.event.type)
    expect(polls).toContain('fetch.done')
    expect(polls).toContain('fetch.failed')
    expect(polls.some((t) => t.startsWith('xstate.after.transcriptPollDelay'))).toBe(true)
    expect(types).toContain('xstate.done.actor.requestChat')
    expect(types).not.toContain('xstate.init')
    // What one machine tells another is not kept: the replay's machines say it again.
    expect(types).not.toContain('transcript.appended')
    expect(types).not.toContain('poller.start')
    const failure = recording.events.find((e) => e.event.type === 'fetch.failed')
    expect(failure?.event.error).toMatchObject({ code: 'invalid_response', operation: 'GetMessages' })
    expect(recording.events.map((e) => e.at)).toEqual([...recording.events.map((e) => e.at)].sort((a, b) => a - b))
  })

  it('redacts texts, names and user data by default, consistently, and still replays', async () => {
    const { recording, snapshots } = await recordChat(true)
    const json = JSON.stringify(recording)
    for (const secret of ['Hello, anyone there?', 'My bill is wrong', 'How can I help', 'Chris Doe', 'Billing question', '12345', 'Ava', 'Ben here']) {
      expect(json).not.toContain(secret)
    }
    expect(recording.redacted).toBe(true)
    expect(json).toContain('"customerNumber":"[redacted]"')
    const replayed = changes([...replay(recording)].map((step) => step.snapshot))
    const original = changes(snapshots)
    // Same lifecycle and the same shape of transcript and outbox; only the words differ.
    expect(replayed.map((s) => [s.status, s.transcript.map((e) => `${e.index}:${e.type}`), s.outbox.map((m) => m.status), s.endReason])).toEqual(
      original.map((s) => [s.status, s.transcript.map((e) => `${e.index}:${e.type}`), s.outbox.map((m) => m.status), s.endReason]),
    )
    const texts = replayed.at(-1)!.transcript.filter((e) => e.type === 'Text').map((e) => e.text)
    expect(new Set(texts).size).toBe(4)
    expect(texts.every((t) => /^\[text \d+\]$/.test(t ?? ''))).toBe(true)
  })

  it('refuses a recording of another version', () => {
    expect(() => [...replay({ version: 1 } as unknown as Recording)]).toThrow('unknown recording version 1')
  })
})
