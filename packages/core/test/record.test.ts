import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InspectionEvent } from 'xstate'
import { createChat, type ChatSnapshot } from '../src'
import { createMemoryStorage } from '../src/persistence/storage'
import { createRecorder, replay, type Recorder, type Recording } from '../src/record'
import { setup } from './engine'
import { createFakeGws, envelope } from './fake-gws'
import { persistChat } from '../src/persistence'

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

  it('redacts every error message and server text, also in a restored outbox, and the redacted recording still replays', async () => {
    const secret = 'my secret account 98765'
    vi.useFakeTimers()
    const gws = createFakeGws()
    const storage = createMemoryStorage()
    const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
    /** One page load, heard by a plain and a redacting recorder at once. */
    const load = () => {
      const plain = createRecorder({ redact: false, now: () => Date.now() })
      const redacted = createRecorder({ now: () => Date.now() })
      const chat = createChat({
        baseUrl: 'https://gws.example.com',
        contactCenterId: 'cc',
        http: gws.http,
        persistence: persistChat({ storage }),
        inspect: (event) => {
          plain.inspect(event)
          redacted.inspect(event)
        },
      })
      const snapshots: ChatSnapshot[] = [chat.getSnapshot()]
      chat.subscribe((snapshot) => snapshots.push(snapshot))
      const recordings = () => ({ plain: plain.recording(), redacted: JSON.parse(JSON.stringify(redacted.recording())) as Recording })
      return { chat, snapshots, recordings }
    }

    // First page: the server refuses the visitor's message, quoting it.
    const first = load()
    first.chat.start(start)
    await tick()
    const refuse = gws.override((call) =>
      call.operation === 'SendMessage' ? { status: 400, headers: {}, body: JSON.stringify({ message: `message '${secret}' rejected` }) } : undefined,
    )
    first.chat.send(secret)
    await tick(10)
    refuse()
    expect(first.chat.getSnapshot().outbox).toMatchObject([{ status: 'failed', error: { code: 'http_error', message: `SendMessage: HTTP 400 (message '${secret}' rejected)` } }])
    const one = first.recordings()
    first.chat.destroy()

    // Second page: the failed message comes back from storage; the server's answers quote the secret again.
    const second = load()
    const quote = gws.override((call) => {
      if (call.operation === 'GetMessages') return envelope(4, `could not read the transcript after '${secret}'`, 500)
      if (call.operation === 'GetChat') {
        const chat = { id: 'chat-1', state: 'WaitingForAgent', participants: [gws.customer], capabilities: ['SendMessage'] }
        return { status: 200, headers: {}, body: JSON.stringify({ statusCode: 0, statusMessage: `chat about ${secret}`, chat }) }
      }
      return undefined
    })
    await tick(3000)
    quote()
    const lost = gws.override((call) => (call.operation === 'GetMessages' ? new Error(`socket closed while reading '${secret}'`) : undefined))
    // Long enough for the backoff after the failures above to try again.
    await tick(20_000)
    lost()
    await tick(3000)
    second.chat.end()
    await tick(1000)
    expect(second.chat.getSnapshot().status).toBe('ended')
    const two = second.recordings()
    second.chat.destroy()

    // The secret did reach the recorder: as an error message, in the restored outbox, in failed polls.
    expect(one.plain.events.find((e) => e.event.type === 'xstate.error.actor.send')?.event.error).toMatchObject({ message: expect.stringContaining(secret) })
    expect(two.plain.input.restore?.outbox[0]?.error?.message).toContain(secret)
    const failures = two.plain.events.filter((e) => e.event.type === 'fetch.failed').map((e) => e.event.error as { code: string; message: string })
    expect(failures.map((error) => error.code)).toEqual(expect.arrayContaining(['gws_error', 'network_error']))
    expect(failures.every((error) => error.message.includes(secret))).toBe(true)

    for (const { redacted } of [one, two]) {
      const json = JSON.stringify(redacted)
      for (const piece of [secret, '98765', 'rejected', 'socket closed', 'could not read', 'chat about']) expect(json).not.toContain(piece)
    }
    // What the flow depends on stays: codes, statuses, operations, ids.
    expect(one.redacted.events.find((e) => e.event.type === 'xstate.error.actor.send')?.event.error).toEqual({
      code: 'http_error',
      message: expect.stringMatching(/^\[message \d+\]$/),
      operation: 'SendMessage',
      httpStatus: 400,
    })
    expect(two.redacted.input.restore).toMatchObject({
      location: { id: 'chat-1' },
      outbox: [{ id: expect.any(String), text: expect.stringMatching(/^\[text \d+\]$/), status: 'failed', error: { code: 'http_error', httpStatus: 400 } }],
    })
    expect(two.redacted.events.filter((e) => e.event.type === 'fetch.failed').map((e) => e.event.error)).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: 'gws_error', statusCode: 4, httpStatus: 500, operation: 'GetMessages' })]),
    )

    // Replayed, the redacted second page goes the same way: lifecycle, connection, outbox states and error codes.
    const shape = (s: ChatSnapshot) => [s.status, s.connection, s.outbox.map((m) => `${m.status}:${m.error?.code ?? ''}`), s.error?.code ?? null, s.endReason]
    expect(changes([...replay(two.redacted)].map((step) => step.snapshot)).map(shape)).toEqual(changes(second.snapshots).map(shape))
  })

  it('keeps only structural strings of any event: server texts, unknown fields and Error objects are replaced', () => {
    const secret = 'Chris at 12 Secret Street'
    const recorder = createRecorder({ now: () => 0 })
    const machine = (sessionId: string, systemId?: string) => ({ sessionId, systemId, logic: { root: {} } })
    const root = machine('x:0')
    const deliver = (to: ReturnType<typeof machine>, event: Record<string, unknown>) =>
      recorder.inspect({ type: '@xstate.event', rootId: 'x:0', actorRef: to, sourceRef: undefined, event } as unknown as InspectionEvent)
    const failure = { code: 'http_error', message: `SendMessage: HTTP 400 (message '${secret}' rejected)`, httpStatus: 400, operation: 'SendMessage' }
    deliver(root, {
      type: 'xstate.init',
      input: {
        restore: {
          location: { id: 'chat-1', chat: '/api/v2/chats/chat-1', messages: '/api/v2/chats/chat-1/messages' },
          participants: [{ nickname: secret, participantId: '1', type: 'Customer' }],
          visitorId: '1',
          lastIndex: 2,
          outbox: [
            { id: 'm1', text: secret, status: 'failed', error: failure },
            { id: 'm2', text: 'other', status: 'failed', error: failure },
          ],
        },
      },
    })
    deliver(machine('x:1', 'chatStatePoller'), {
      type: 'fetch.done',
      output: { statusCode: 0, statusMessage: `chat of ${secret}`, chat: { id: 'chat-1', state: 'Chatting', capabilities: ['SendMessage'], participants: [] } },
    })
    deliver(machine('x:2', 'transcriptPoller'), {
      type: 'fetch.done',
      output: [{ index: 3, type: 'Notice', text: secret, from: { nickname: 'System', participantId: '9', type: 'External' }, statusMessage: secret }],
    })
    deliver(machine('x:3', 'outbox'), { type: 'xstate.error.actor.send', actorId: 'send', error: { ...failure, statusCode: 1, code: 'gws_error' } })
    deliver(root, { type: 'some.later.event', error: `refused: ${secret}`, detail: { reason: secret, notes: [secret] } })
    deliver(machine('x:4', 'completer'), { type: 'fetch.failed', error: new TypeError(secret) })

    const recording: Recording = recorder.recording()
    expect(JSON.stringify(recording)).not.toContain('Secret Street')
    const outbox = recording.input.restore!.outbox
    expect(outbox.map((m) => [m.id, m.status, m.error?.code, m.error?.httpStatus, m.error?.operation])).toEqual([
      ['m1', 'failed', 'http_error', 400, 'SendMessage'],
      ['m2', 'failed', 'http_error', 400, 'SendMessage'],
    ])
    // The same text in the same field gets the same placeholder.
    expect(outbox[0]!.error!.message).toMatch(/^\[message \d+\]$/)
    expect(outbox[1]!.error!.message).toBe(outbox[0]!.error!.message)
    expect(outbox[0]!.text).not.toBe(outbox[1]!.text)
    expect(recording.input.restore!.location).toEqual({ id: 'chat-1', chat: '/api/v2/chats/chat-1', messages: '/api/v2/chats/chat-1/messages' })
    const [chatState, entries, send, later, thrown] = recording.events.map((e) => e.event)
    expect(chatState).toEqual({
      type: 'fetch.done',
      output: { statusCode: 0, statusMessage: expect.stringMatching(/^\[statusMessage \d+\]$/), chat: { id: 'chat-1', state: 'Chatting', capabilities: ['SendMessage'], participants: [] } },
    })
    expect(entries).toMatchObject({ output: [{ index: 3, type: 'Notice', from: { participantId: '9', type: 'External' } }] })
    expect(send).toMatchObject({ type: 'xstate.error.actor.send', actorId: 'send', error: { code: 'gws_error', statusCode: 1, operation: 'SendMessage' } })
    expect(later).toMatchObject({ type: 'some.later.event', error: expect.stringMatching(/^\[error \d+\]$/), detail: { reason: expect.stringMatching(/^\[reason/) } })
    expect(thrown).toMatchObject({ type: 'fetch.failed', error: { message: expect.stringMatching(/^\[message \d+\]$/) } })
    expect(recording.events.map((e) => e.to)).toEqual(['chatStatePoller', 'transcriptPoller', 'outbox', undefined, 'completer'])
  })

  it('keeps every string with redaction off', () => {
    const recorder: Recorder = createRecorder({ redact: false, now: () => 0 })
    const actorRef = { sessionId: 'x:0', logic: { root: {} } }
    const event = { type: 'xstate.error.actor.requestChat', error: { code: 'gws_error', message: 'RequestChat: GWS statusCode 1 (no agents)' } }
    recorder.inspect({ type: '@xstate.event', rootId: 'x:0', actorRef, sourceRef: undefined, event } as unknown as InspectionEvent)
    expect(recorder.recording()).toMatchObject({ redacted: false, events: [{ event }] })
  })

  it('refuses a recording of another version', () => {
    expect(() => [...replay({ version: 1 } as unknown as Recording)]).toThrow('unknown recording version 1')
  })
})
