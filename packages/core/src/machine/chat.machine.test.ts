import { afterEach, describe, expect, it, vi } from 'vitest'
import { createActor, fromCallback, fromPromise, type EventObject } from 'xstate'
import { machineConfig, missingCoverage } from '../../test/machine-support'
import { createCoverage } from '../../test/model/coverage'
import { chatError } from '../errors'
import type { TranscriptEntry } from '../types'
import { chatMachine, type ChatMachineEvent, type ChatMachineInput } from './chat.machine'

afterEach(() => {
  vi.useRealTimers()
})

const customer = { nickname: 'Chris', participantId: '1', type: 'Customer' }
const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const location = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
const entry = (index: number, type: string, from = agent, text?: string): TranscriptEntry => ({ index, type, from, time: 0, ...(text ? { text } : {}) })
const chat = (state: string, participants = [customer]) => ({ state, participants, capabilities: ['SendMessage'] })
const denied = chatError('gws_error', 'GetMessages: GWS statusCode 20 (Access denied)', { statusCode: 20 })
const gone = chatError('gws_error', 'GetChat: GWS statusCode 6', { statusCode: 6 })

/**
 * The lifecycle alone: every child is a stand-in that records what the chat machine tells it, and the test plays
 * the children's reports. `requestChat` and `fetchChatState` wait for the test.
 */
function lifecycle(input: Partial<ChatMachineInput> = {}) {
  const { config } = machineConfig()
  const told: Record<string, string[]> = {}
  const child = (id: string) =>
    fromCallback(({ receive }) => {
      receive((event: EventObject) => void (told[id] ??= []).push(event.type))
    })
  const answers: { src: string; resolve(value: unknown): void; reject(error: unknown): void }[] = []
  const waiting = (src: string) => fromPromise(() => new Promise((resolve, reject) => answers.push({ src, resolve, reject })))
  const machine = chatMachine.provide({
    actors: {
      connectivity: child('connectivity') as never,
      transcriptPoller: child('transcriptPoller') as never,
      chatStatePoller: child('chatStatePoller') as never,
      outbox: child('outbox') as never,
      typing: child('typing') as never,
      completer: child('completer') as never,
      requestChat: waiting('requestChat') as never,
      fetchChatState: waiting('fetchChatState') as never,
    },
  })
  const coverage = createCoverage()
  const emitted: string[] = []
  const actor = createActor(machine, { input: { config, ...input }, inspect: coverage.inspect })
  actor.on('*', (event) => void emitted.push(event.type))
  actor.start()
  const send = (event: ChatMachineEvent) => actor.send(event)
  const status = () => {
    const value = actor.getSnapshot().value
    return typeof value === 'string' ? value : JSON.stringify(value)
  }
  const answer = async (src: string, outcome: { output?: unknown; error?: unknown }) => {
    const at = answers.findIndex((a) => a.src === src)
    const [found] = answers.splice(at, 1)
    if ('error' in outcome) found!.reject(outcome.error)
    else found!.resolve(outcome.output)
    await vi.advanceTimersByTimeAsync(0)
  }
  const appended = (entries: TranscriptEntry[]) => send({ type: 'transcript.appended', entries, agentTyping: false, typingChanged: false })
  const received = (c: ReturnType<typeof chat>) => send({ type: 'chatState.received', chat: c })
  const tell = (id: string) => (told[id] ?? []).splice(0)
  return { actor, send, status, answer, appended, received, tell, emitted, coverage, machine }
}

const mergeInto = (target: ReturnType<typeof createCoverage>, source: ReturnType<typeof createCoverage>) => {
  source.states.forEach((s) => target.states.add(s))
  source.transitions.forEach((t) => target.transitions.add(t))
}
const all = createCoverage()

describe('chat machine (the lifecycle, with stand-in children)', () => {
  it('requests, queues, connects, confirms a transfer, drains an end by the agent', async () => {
    const l = lifecycle()
    l.send({ type: 'chat.send', id: 'm1', text: 'hi' })
    expect(l.tell('outbox'), 'a message before the chat waits in the outbox').toEqual(['outbox.queue'])
    l.send({ type: 'chat.start', params: { nickname: 'Chris', subject: 'Bill' } })
    expect(l.status()).toBe('{"requesting":"waiting"}')
    l.appended([entry(1, 'ParticipantJoined', customer)])
    await l.answer('requestChat', { output: { statusCode: 0, id: 'c1' } })
    expect(l.status()).toBe('{"queued":"live"}')
    expect(l.tell('outbox')).toEqual(['outbox.reset', 'transcript.appended', 'outbox.open'])
    l.send({ type: 'chat.typing', typing: true })
    l.send({ type: 'chat.send', id: 'm2', text: 'hello' })
    expect(l.tell('typing')).toEqual(['typing.close', 'typing.open', 'chat.typing', 'typing.stop'])
    l.appended([entry(2, 'Notice', { nickname: 'system', participantId: '9', type: 'External' }, 'Please wait')])
    l.received(chat('WaitingForAgent'))
    l.appended([entry(3, 'ParticipantJoined')])
    expect(l.status()).toBe('{"connected":"live"}')
    expect(l.emitted).toContain('messages.received')
    const before = l.emitted.length
    l.appended([{ index: 3, type: 'Unreadable', from: { nickname: '', participantId: '', type: 'System' }, time: 0 }])
    l.send({ type: 'transcript.invalid', error: chatError('invalid_entry', 'GetMessages: entry 3 could not be read', { index: 3 }) })
    expect(l.emitted.slice(before), 'a placeholder is no message received; the odd entry is an error event').toEqual(['error'])
    l.send({ type: 'chat.typing', typing: false })
    l.send({ type: 'chat.send', id: 'm3', text: 'again' })
    l.appended([entry(4, 'Text', agent, 'hello there')])
    l.received(chat('Chatting', [customer, agent]))
    l.appended([entry(5, 'ParticipantLeft')])
    expect(l.status()).toBe('{"connected":"confirmingEnd"}')
    await l.answer('fetchChatState', { output: chat('WaitingForAgent') })
    expect(l.status(), 'a transfer back to the queue').toBe('{"queued":"live"}')
    l.received(chat('Chatting', [customer, agent]))
    expect(l.status()).toBe('{"connected":"live"}')
    l.received(chat('WaitingForAgent'))
    expect(l.status(), 'a transfer seen first in GetChat').toBe('{"queued":"live"}')
    l.received(chat('Chatting', [customer, agent]))
    l.appended([entry(6, 'ParticipantLeft')])
    await l.answer('fetchChatState', { output: chat('Chatting', [customer, agent]) })
    expect(l.status(), 'GetChat says the chat goes on').toBe('{"connected":"live"}')
    l.appended([entry(7, 'ParticipantLeft')])
    await l.answer('fetchChatState', { error: chatError('network_error', 'lost') })
    expect(l.status()).toBe('{"connected":"live"}')
    l.appended([entry(8, 'ParticipantLeft')])
    await l.answer('fetchChatState', { output: chat('Idle') })
    expect(l.status()).toBe('{"connected":"draining"}')
    l.appended([entry(9, 'Text', agent, 'bye')])
    l.send({ type: 'transcript.drained' })
    expect(l.status()).toBe('ended')
    expect(l.actor.getSnapshot().context.endReason).toBe('agent')
    l.tell('outbox')
    l.send({ type: 'chat.send', id: 'm4', text: 'too late' })
    l.send({ type: 'chat.retryMessage', id: 'm4' })
    expect(l.tell('outbox')).not.toContain('outbox.queue')
    mergeInto(all, l.coverage)
  })

  it('ends by a timeout seen in the transcript, by the server (Idle, gone), and on the visitor’s end', async () => {
    for (const [live, end, reason] of [
      ['queued', (l: ReturnType<typeof lifecycle>) => l.appended([entry(2, 'ParticipantLeft', customer)]), 'timeout'],
      ['connected', (l: ReturnType<typeof lifecycle>) => l.appended([entry(3, 'ParticipantLeft', customer)]), 'timeout'],
      ['queued', (l: ReturnType<typeof lifecycle>) => l.send({ type: 'poll.gone', error: gone }), 'server'],
      ['connected', (l: ReturnType<typeof lifecycle>) => l.send({ type: 'poll.gone', error: gone }), 'server'],
      ['queued', (l: ReturnType<typeof lifecycle>) => (l.received(chat('Idle')), l.appended([entry(2, 'ParticipantLeft', customer)])), 'timeout'],
      ['queued', (l: ReturnType<typeof lifecycle>) => (l.received(chat('Idle')), l.appended([entry(2, 'Notice', agent, 'closed')]), l.send({ type: 'transcript.drained' })), 'server'],
      ['connected', (l: ReturnType<typeof lifecycle>) => (l.received(chat('Idle')), l.appended([entry(3, 'ParticipantLeft', customer)])), 'timeout'],
      ['connected', (l: ReturnType<typeof lifecycle>) => (l.received(chat('Idle')), l.send({ type: 'transcript.drained' })), 'agent'],
      ['queued', (l: ReturnType<typeof lifecycle>) => (l.send({ type: 'chat.end' }), l.send({ type: 'complete.done', error: null })), 'customer'],
      ['connected', (l: ReturnType<typeof lifecycle>) => (l.send({ type: 'chat.end' }), l.send({ type: 'complete.done', error: null })), 'customer'],
      ['connected', async (l: ReturnType<typeof lifecycle>) => (l.appended([entry(3, 'ParticipantLeft')]), await l.answer('fetchChatState', { error: gone })), 'agent'],
    ] as const) {
      const l = lifecycle({ restore: { location, participants: live === 'connected' ? [customer, agent] : [customer], visitorId: '1', lastIndex: 1, outbox: [] } })
      expect(l.status()).toBe(`{"${live}":"live"}`)
      await end(l)
      expect(l.status()).toBe('ended')
      expect(l.actor.getSnapshot().context.endReason).toBe(reason)
      mergeInto(all, l.coverage)
    }
  })

  it('error: retry resumes as it was, end always ends, start begins a new chat', async () => {
    for (const participants of [[customer], [customer, agent]]) {
      const l = lifecycle({ restore: { location, participants, visitorId: '1', lastIndex: 0, outbox: [] } })
      l.send({ type: 'poll.fatal', error: denied })
      expect(l.status()).toBe('{"error":"waiting"}')
      expect(l.tell('connectivity')).toContain('link.idle')
      l.send({ type: 'poll.failed', error: denied })
      l.send({ type: 'chat.retry' })
      expect(l.status()).toBe(participants.length === 2 ? '{"connected":"live"}' : '{"queued":"live"}')
      l.send({ type: 'poll.fatal', error: denied })
      l.send({ type: 'chat.end' })
      expect(l.status()).toBe('{"error":"ending"}')
      l.send({ type: 'complete.done', error: chatError('http_error', 'Complete: HTTP 400 (Chat not found)') })
      expect(l.status()).toBe('ended')
      expect(l.actor.getSnapshot().context.error?.message).toContain('Chat not found')
      mergeInto(all, l.coverage)
    }
    const l = lifecycle()
    l.send({ type: 'chat.start', params: { nickname: 'Chris', subject: 'Bill' } })
    await l.answer('requestChat', { error: chatError('http_error', 'RequestChat: HTTP 503') })
    expect(l.status()).toBe('{"error":"waiting"}')
    l.send({ type: 'chat.retry' })
    expect(l.status()).toBe('{"requesting":"waiting"}')
    await l.answer('requestChat', { error: chatError('http_error', 'RequestChat: HTTP 503') })
    l.send({ type: 'chat.end' })
    expect(l.status(), 'no chat was created: nothing to end').toBe('ended')
    const again = lifecycle({ restore: { location, participants: [customer], visitorId: '1', lastIndex: 0, outbox: [] } })
    again.send({ type: 'poll.fatal', error: denied })
    again.send({ type: 'chat.start', params: { nickname: 'Chris', subject: 'Bill' } })
    expect(again.status()).toBe('{"requesting":"waiting"}')
    mergeInto(all, l.coverage)
    mergeInto(all, again.coverage)
  })

  it('an end asked for while RequestChat is in flight, an expired restore, and the children kept informed', async () => {
    for (const outcome of [{ output: { statusCode: 0, id: 'c1' } }, { error: chatError('http_error', 'RequestChat: HTTP 503') }]) {
      const l = lifecycle()
      l.send({ type: 'chat.start', params: { nickname: 'Chris', subject: 'Bill' } })
      l.send({ type: 'chat.end' })
      expect(l.status()).toBe('{"requesting":"endRequested"}')
      await l.answer('requestChat', outcome)
      expect(l.status()).toBe('error' in outcome ? 'ended' : '{"queued":"ending"}')
      mergeInto(all, l.coverage)
    }
    const expired = lifecycle({ expired: true })
    expect(expired.status()).toBe('ended')
    expect(expired.actor.getSnapshot().context.endReason).toBe('timeout')
    for (const type of ['page.hidden', 'page.visible', 'network.offline', 'network.online', 'link.failing', 'link.ok'] as const) expired.send({ type })
    expired.send({ type: 'outbox.failed', error: denied })
    expired.send({ type: 'outbox.checkEcho' })
    expired.send({ type: 'transcript.checked' })
    expired.send({ type: 'complete.attemptFailed', error: denied })
    expect(expired.tell('transcriptPoller')).toEqual(expect.arrayContaining(['page.hidden', 'network.offline', 'poller.check']))
    expect(expired.tell('connectivity')).toEqual(expect.arrayContaining(['network.offline', 'link.failing', 'link.ok']))
    expect(expired.tell('outbox')).toContain('transcript.checked')
    expect(expired.emitted.filter((t) => t === 'error')).toHaveLength(2)
    expired.send({ type: 'chat.start', params: { nickname: 'Chris', subject: 'Bill' } })
    expired.send({ type: 'chat.retryMessage', id: 'x' })
    expired.appended([entry(1, 'ParticipantJoined', customer)])
    expired.received(chat('WaitingForAgent'))
    mergeInto(all, expired.coverage)
  })

  it('counts agent messages the visitor does not see: page hidden or UI not viewing, until markRead', () => {
    const l = lifecycle({ restore: { location, participants: [customer, agent], visitorId: '1', lastIndex: 2, outbox: [] } })
    const unread = () => l.actor.getSnapshot().context.unread
    l.send({ type: 'page.hidden' })
    l.appended([entry(1, 'Text', agent, 'restored'), entry(2, 'Text', agent, 'restored too')])
    expect(unread(), 'entries seen before the reload are not new').toBe(0)
    l.appended([entry(3, 'Text', agent, 'one'), entry(4, 'Text', customer, 'own'), entry(5, 'Notice', { nickname: 'system', participantId: '9', type: 'External' }, 'notice')])
    l.appended([entry(6, 'TypingStarted'), entry(7, 'PushUrl', agent)])
    expect(unread(), 'agent messages only: no own message, notice or typing').toBe(2)
    l.send({ type: 'page.visible' })
    l.appended([entry(8, 'Text', agent, 'seen')])
    expect(unread(), 'in view: seen as it arrives').toBe(2)
    l.send({ type: 'chat.viewing', viewing: false })
    l.appended([entry(9, 'Text', agent, 'panel closed')])
    expect(unread()).toBe(3)
    l.send({ type: 'chat.markRead' })
    l.send({ type: 'chat.viewing', viewing: true })
    expect(unread()).toBe(0)
    l.appended([entry(10, 'Text', agent, 'viewing')])
    expect(unread()).toBe(0)
    mergeInto(all, l.coverage)
  })

  it('took every state and every transition of the machine', () => {
    const states = missingCoverage(chatMachine).states.filter((id) => !all.states.has(id))
    const transitions = missingCoverage(chatMachine).transitions.filter((key) => !all.transitions.has(key))
    expect({ states, transitions }).toEqual({ states: [], transitions: [] })
  })
})
