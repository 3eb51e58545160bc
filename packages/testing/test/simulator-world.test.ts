import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChat, createFetchAdapter, type Chat, type HttpAdapter } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import { startSimulator, type Simulator } from '@gws-chat/simulator'
import { getLifecyclePaths, LIFECYCLE_SCENARIO, SIMULATOR_UNSUPPORTED, simulatorServer, type LifecycleExpectation, type LifecycleWorld } from '../src'

/**
 * The kit against itself: every shortest lifecycle path, the visitor played by
 * a real engine over HTTP, the server by the simulator through
 * `simulatorServer`. A UI team's world replaces the visitor half with clicks.
 */

const TIME_SCALE = 0.05
let sim: Simulator

beforeAll(async () => {
  sim = await startSimulator({ port: 0, scenario: LIFECYCLE_SCENARIO, timeScale: TIME_SCALE, contactCenterIds: ['kit'] })
})
afterAll(async () => {
  await sim?.close()
})

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function eventually(check: () => void, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await wait(20)
    }
  }
}

function engineVisitor(): { world: LifecycleWorld; destroy(): void } {
  // What survives a "reload": the page's sessionStorage.
  const items = new Map<string, string>()
  const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }
  const server = simulatorServer(sim, { timeScale: TIME_SCALE, holdMs: 1500 })
  let online = true
  const fetchAdapter = createFetchAdapter()
  const http: HttpAdapter = (request) => (online ? fetchAdapter(request) : Promise.reject(new TypeError('Failed to fetch')))
  const boot = () => {
    const created = createChat({
      baseUrl: sim.url,
      contactCenterId: 'kit',
      http,
      withCredentials: false,
      persistence: persistChat({ storage }),
      polling: { intervalMs: 150, activeIntervalMs: 50, easeMs: 200, hiddenIntervalMs: 300, backoffBaseMs: 50, backoffMaxMs: 200 },
      typingIdleMs: 200,
    })
    if (!online) created.actor.send({ type: 'network.offline' })
    return created
  }
  let chat: Chat = boot()
  const settle = () => wait(300)
  const world: LifecycleWorld = {
    ...server,
    start: () => chat.start({ nickname: 'Chris', subject: 'Billing question' }),
    send: async (text) => {
      chat.send(text)
      await settle()
    },
    sendUnanswered: async (text) => {
      server.loseNextSendAnswer()
      chat.send(text)
      await settle()
    },
    type: async () => {
      chat.setTyping(true)
      await settle()
    },
    end: async () => {
      chat.end()
      await settle()
    },
    endUnanswered: async () => {
      server.loseCompleteAnswers()
      chat.end()
      await settle()
    },
    retry: async () => {
      chat.retry()
      await settle()
    },
    hidePage: async () => {
      chat.actor.send({ type: 'page.hidden' })
      await settle()
      chat.actor.send({ type: 'page.visible' })
    },
    reload: async () => {
      chat.destroy()
      chat = boot()
      await settle()
    },
    returnLater: () => {
      throw new Error('not in this world')
    },
    dropNetwork: async () => {
      online = false
      chat.actor.send({ type: 'network.offline' })
      await settle()
    },
    restoreNetwork: async () => {
      online = true
      chat.actor.send({ type: 'network.online' })
    },
    expect: (expected: LifecycleExpectation) =>
      eventually(() => {
        const snapshot = chat.getSnapshot()
        expect(snapshot.status).toBe(expected.status)
        if (expected.endReason) expect(snapshot.endReason).toBe(expected.endReason)
        if (expected.connection) expect(snapshot.connection).toBe(expected.connection)
        const waiting = snapshot.outbox.some((m) => m.status === 'queued' || m.status === 'sending')
        expect(waiting).toBe(expected.unsent)
      }),
  }
  return { world, destroy: () => chat.destroy() }
}

const paths = getLifecyclePaths({ kind: 'shortest', exclude: SIMULATOR_UNSUPPORTED })

describe(`lifecycle paths against the simulator (${paths.length} shortest)`, () => {
  it.each(paths.map((path) => [path.description, path] as const))('%s', async (_, path) => {
    const { world, destroy } = engineVisitor()
    try {
      await path.run(world)
    } finally {
      destroy()
      sim.clearFaults()
    }
  })
})

describe('getLifecyclePaths', () => {
  it('leaves out the excluded events', () => {
    for (const path of getLifecyclePaths({ kind: 'transitions', exclude: SIMULATOR_UNSUPPORTED })) {
      expect(path.steps.some((step) => SIMULATOR_UNSUPPORTED.includes(step.event))).toBe(false)
    }
  })

  it('gives every state a shortest path and every transition a path', () => {
    const shortest = getLifecyclePaths({ kind: 'shortest' })
    const transitions = getLifecyclePaths({ kind: 'transitions' })
    const ends = (paths: typeof shortest) => new Set(paths.flatMap((p) => p.steps.map((s) => JSON.stringify(s.expected))))
    expect(ends(transitions)).toEqual(ends(shortest))
    expect(transitions.length).toBeGreaterThan(shortest.length)
  })
})
