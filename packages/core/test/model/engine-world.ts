import { expect, vi } from 'vitest'
import type { InspectionEvent } from 'xstate'
import { createChat, type Chat } from '../../src'
import type { HttpRequest } from '../../src/http/types'
import { realmLocks } from '../../src/machine/sender-claim'
import { createMemoryStorage } from '../../src/persistence/storage'
import { createModelGws, CUSTOMER } from './model-gws'
import type { LifecycleExpectation, LifecycleWorld } from '../../../testing/src/paths'
import { persistChat } from '../../src/persistence'

const CONTACT_CENTER_ID = 'cfe5ad67-ba6d-4340-81f9-bb680ef5d498'
/** Long enough for every poller (GetChat at rest: every 4th poll of 3 s), backoff and typing timeout a step can start to run its course. */
const SETTLE_MS = 16_000
/** Worlds alternate between a page with the Web Locks API (the sender lock asked for) and one without it. */
let worlds = 0

/**
 * The model's world around a real engine: the in-memory GWS plays the server,
 * fake timers play time, a memory storage survives "reloads", and `expect`
 * checks what a user cares about in every state on top of the model's
 * expectation.
 */
export function createEngineWorld(options: { inspect?: (event: InspectionEvent) => void } = {}) {
  vi.useFakeTimers()
  const gws = createModelGws()
  const storage = createMemoryStorage()
  const locks = worlds++ % 2 === 0 ? realmLocks() : null
  let seed = 7
  let online = true
  /** Texts the visitor sent in the current chat (a new start clears the transcript and the outbox). */
  let sent: string[] = []
  /** Sent texts whose echo the visitor has seen: after a reload they are back once the transcript is fetched again. */
  const delivered = new Set<string>()
  const violations: string[] = []

  function boot(): Chat {
    let created: Chat | undefined
    created = createChat({
      baseUrl: 'https://gws.example.com',
      contactCenterId: CONTACT_CENTER_ID,
      http: (request) => {
        // A restored chat polls from inside `createChat`, before `created` is set: it is not ended then.
        inspectRequest(request, created)
        return gws.http(request)
      },
      random: () => (seed = (seed * 16807) % 2147483647) / 2147483647,
      // RequestChat is held across steps; the engine's own request timeout is not what these paths test.
      polling: { requestTimeoutMs: 600_000 },
      persistence: persistChat({ storage }),
      locks,
      ...(options.inspect ? { inspect: options.inspect } : {}),
    })
    // What the browser's `offline` state tells a fresh page.
    if (!online) created.actor.send({ type: 'network.offline' })
    return created
  }
  let chat = boot()

  function inspectRequest(request: HttpRequest, from: Chat | undefined) {
    const operation = request.body ? String((JSON.parse(request.body) as { operationName?: unknown }).operationName) : `GET ${request.url}`
    if (request.headers.ContactCenterId !== CONTACT_CENTER_ID) violations.push(`${operation} without ContactCenterId`)
    if (Object.keys(request.headers).some((h) => h.toLowerCase() === 'authorization')) violations.push(`${operation} with an Authorization header`)
    // The machine's own snapshot: a request started on the way into `ended` would already see it.
    if (from?.actor.getSnapshot().value === 'ended') violations.push(`${operation} after the chat ended`)
  }

  const settle = (ms = SETTLE_MS) => vi.advanceTimersByTimeAsync(ms)

  async function reopen(afterMs: number) {
    chat.destroy()
    if (afterMs > 0) vi.setSystemTime(Date.now() + afterMs)
    chat = boot()
    // A page that knows no chat has no outbox either: what it had went with the old page.
    if (chat.getSnapshot().status === 'idle' || chat.getSnapshot().status === 'ended') {
      sent = []
      delivered.clear()
    }
    await settle()
  }

  const world: LifecycleWorld = {
    async start() {
      chat.start({ nickname: 'Chris', subject: 'Billing question' })
      sent = []
      delivered.clear()
      await settle()
    },
    async send(text) {
      chat.send(text)
      sent.push(text)
      await settle()
    },
    async sendUnanswered(text) {
      gws.loseNextSendAnswer()
      await world.send(text)
    },
    async type() {
      // Types and pauses (the typing notification times out), types again, then clears the field.
      chat.setTyping(true)
      await settle(6000)
      chat.setTyping(true)
      chat.setTyping(false)
      await settle()
    },
    async end() {
      chat.end()
      await settle()
    },
    async endUnanswered() {
      gws.loseCompleteAnswers()
      chat.end()
      await settle()
    },
    async retry() {
      chat.retry()
      await settle()
    },
    async hidePage() {
      // As a UI does: its panel counts as closed while the page is away, and is read once the visitor is back.
      chat.actor.send({ type: 'page.hidden' })
      chat.setViewing(false)
      await settle(25_000)
      chat.actor.send({ type: 'page.visible' })
      chat.setViewing(true)
      chat.markRead()
      expect(chat.getSnapshot().unreadCount, 'read once the visitor is back').toBe(0)
      await settle()
    },
    reload: () => reopen(0),
    returnLater: () => reopen(31 * 60_000),
    async dropNetwork() {
      online = false
      gws.setOnline(false)
      chat.actor.send({ type: 'network.offline' })
      await settle()
    },
    async restoreNetwork() {
      online = true
      gws.setOnline(true)
      chat.actor.send({ type: 'network.online' })
      await settle()
    },
    holdRequestChat(answer) {
      gws.hold(answer)
    },
    async answerRequestChat() {
      gws.answer()
      await settle()
    },
    async agentJoins() {
      gws.agentJoins()
      await settle()
    },
    async agentTypes() {
      gws.agentTypes()
      await settle()
      expect(chat.getSnapshot().agentTyping, 'agent typing shows').toBe(true)
    },
    async agentSays(text) {
      gws.agentSays(text)
      await settle()
      expect(chat.getSnapshot().transcript.filter((e) => e.text === text), 'the agent’s message, once').toHaveLength(1)
      expect(chat.getSnapshot().agentTyping).toBe(false)
    },
    async agentLeaves() {
      gws.agentLeaves('Idle')
      await settle()
    },
    async transferChat() {
      gws.agentLeaves('WaitingForAgent')
      await settle()
    },
    async closeChat() {
      gws.close()
      await settle()
    },
    async timeOut() {
      gws.timeOut()
      await settle()
    },
    async forgetChat() {
      gws.forget()
      await settle()
    },
    async garbleAnswers() {
      const errors: string[] = []
      const off = chat.on('error', (e) => errors.push(e.error.code))
      gws.garble(2)
      await settle()
      off()
      expect(errors, 'the malformed answers were noticed').toContain('invalid_response')
    },
    async denyAccess() {
      gws.deny(1)
      await settle()
    },
    expect: (expected) => checkSnapshot(expected),
  }

  function checkSnapshot(expected: LifecycleExpectation) {
    const snapshot = chat.getSnapshot()
    expect(snapshot.status, 'status').toBe(expected.status)
    const actor = chat.actor.getSnapshot()
    expect(actor.status, `the engine's actor is running (${String(actor.error && (actor.error as { message?: string }).message)})`).toBe('active')
    if (expected.endReason !== undefined) expect(snapshot.endReason, 'endReason').toBe(expected.endReason)
    if (expected.connection !== undefined) expect(snapshot.connection, 'connection').toBe(expected.connection)
    expect(violations, 'requests').toEqual([])

    const indices = snapshot.transcript.map((e) => e.index)
    expect(indices, 'transcript indices: 1…n, ascending, no gap, no duplicate').toEqual(indices.map((_, i) => i + 1))

    const rebuilt = (expected.status === 'queued' || expected.status === 'connected') && expected.connection === 'online'
    for (const text of sent) {
      const inTranscript = snapshot.transcript.filter((e) => e.type === 'Text' && e.from.participantId === CUSTOMER.participantId && e.text === text).length
      const inOutbox = snapshot.outbox.filter((m) => m.text === text).length
      if (inTranscript > 0) delivered.add(text)
      // A reloaded page offline has not fetched the transcript again yet: a delivered message may be missing, never doubled.
      if (delivered.has(text) && !rebuilt) expect(inTranscript + inOutbox, `"${text}" at most once across transcript and outbox`).toBeLessThanOrEqual(1)
      else expect(inTranscript + inOutbox, `"${text}" exactly once across transcript and outbox`).toBe(1)
    }
    const waiting = snapshot.outbox.filter((m) => m.status === 'queued' || m.status === 'sending')
    expect(waiting.length > 0, `messages waiting to be sent (${snapshot.outbox.map((m) => m.status).join(', ')})`).toBe(expected.unsent)
    if ((expected.status === 'queued' || expected.status === 'connected') && expected.connection === 'online') {
      expect(snapshot.outbox, 'everything sent and echoed').toEqual([])
    }
    if (expected.status === 'ended' || expected.status === 'idle') expect(snapshot.agentTyping).toBe(false)
  }

  return {
    world,
    get chat() {
      return chat
    },
    gws,
    destroy: () => chat.destroy(),
  }
}
