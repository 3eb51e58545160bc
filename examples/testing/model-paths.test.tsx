// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react'
import { http, HttpResponse } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createChat, createFetchAdapter, type Chat } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import {
  getLifecyclePaths,
  LIFECYCLE_SCENARIO,
  SIMULATOR_UNSUPPORTED,
  simulatorServer,
  type LifecycleExpectation,
  type LifecycleWorld,
} from '@gws-chat/testing'
import { createSimulatorHandlers } from '@gws-chat/testing/msw'
import { ChatPanel } from './ChatPanel'

/**
 * The lifecycle paths of `@gws-chat/testing` against a team's own component (ChatPanel) in jsdom, with no server:
 * the simulator answers in process through msw. The visitor clicks and types through the component; the browser's
 * network is msw refusing every request plus the window's offline/online events; the page's visibility and a reload
 * are jsdom's document and a new engine on the same storage.
 */
const BASE_URL = 'https://gws.example.test'
const TIME_SCALE = 0.05
const sim = createSimulatorHandlers({ baseUrl: BASE_URL, scenario: LIFECYCLE_SCENARIO, timeScale: TIME_SCALE, contactCenterIds: ['demo'] })
const server = setupServer(...sim.handlers)
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterAll(() => server.close())

const ENDED_TEXT = {
  customer: 'You ended the chat.',
  agent: 'The agent ended the chat.',
  server: 'The chat was closed.',
  timeout: 'The chat was closed after a period of inactivity.',
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Retry `check` until it passes: the component gets there by polling the simulator in real time. */
async function eventually(check: () => void, timeoutMs = 6000) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      check()
      return
    } catch (error) {
      if (Date.now() > deadline) throw error
      await act(() => pause(25))
    }
  }
}

/** A world whose visitor uses ChatPanel, whose browser is jsdom and whose server is the simulator behind msw. */
function panelWorld(): { world: LifecycleWorld; close(): void } {
  const server_ = simulatorServer(sim, { timeScale: TIME_SCALE, holdMs: 1500 })
  // What survives a reload: the page's storage.
  const items = new Map<string, string>()
  const storage = { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) }
  let online = true
  const boot = (): Chat => {
    const created = createChat({
      baseUrl: BASE_URL,
      contactCenterId: 'demo',
      http: createFetchAdapter(),
      persistence: persistChat({ storage }),
      polling: { intervalMs: 100, activeIntervalMs: 40, easeMs: 150, hiddenIntervalMs: 250, backoffBaseMs: 40, backoffMaxMs: 150 },
      typingIdleMs: 200,
    })
    if (!online) created.actor.send({ type: 'network.offline' })
    return created
  }
  let chat = boot()
  let view = render(<ChatPanel chat={chat} />)
  const click = async (name: string) => {
    await act(() => fireEvent.click(screen.getByRole('button', { name })))
  }
  const type = async (text: string) => {
    await act(() => fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: text } }))
  }
  const submit = async (text: string) => {
    await type(text)
    await click('Send')
  }
  const setVisibility = (state: 'hidden' | 'visible') => {
    Object.defineProperty(document, 'visibilityState', { value: state, configurable: true })
    document.dispatchEvent(new Event('visibilitychange'))
  }
  const world: LifecycleWorld = {
    ...server_,
    start: () => click(screen.queryByRole('button', { name: 'Start a new chat' }) ? 'Start a new chat' : 'Start chat'),
    send: submit,
    async sendUnanswered(text) {
      server_.loseNextSendAnswer()
      await submit(text)
    },
    async type() {
      await type('I am typ')
      await pause(100)
      await type('')
    },
    end: () => click('End chat'),
    async endUnanswered() {
      server_.loseCompleteAnswers()
      await click('End chat')
    },
    retry: () => click('Try again'),
    async hidePage() {
      setVisibility('hidden')
      await pause(300)
      setVisibility('visible')
    },
    async reload() {
      view.unmount()
      chat.destroy()
      chat = boot()
      view = render(<ChatPanel chat={chat} />)
    },
    returnLater() {
      throw new Error('excluded: SIMULATOR_UNSUPPORTED')
    },
    dropNetwork() {
      online = false
      // No request gets an answer, and the window says so, as a browser does.
      server.use(http.all('*', () => HttpResponse.error()))
      window.dispatchEvent(new Event('offline'))
    },
    restoreNetwork() {
      online = true
      server.resetHandlers()
      window.dispatchEvent(new Event('online'))
    },
    expect: (expected: LifecycleExpectation) =>
      eventually(() => {
        const panel = screen.getByRole('region', { name: 'Chat' })
        const line = screen.queryByRole('status')?.textContent ?? ''
        expect(panel.dataset.status, 'status').toBe(expected.status)
        if (expected.connection === 'offline') expect(line).toBe('You are offline')
        if (expected.connection === 'online') expect(line).not.toMatch(/offline|Reconnecting/)
        if (expected.endReason) expect(line).toBe(ENDED_TEXT[expected.endReason])
        const unsent = panel.querySelectorAll('[data-delivery="queued"], [data-delivery="sending"]').length
        expect(unsent > 0, 'messages waiting to be sent').toBe(expected.unsent)
      }),
  }
  return {
    world,
    close() {
      view.unmount()
      chat.destroy()
      if (!online) server.resetHandlers()
    },
  }
}

// Every shortest path of the model; `GWS_MBT=all` runs one path per transition instead.
const kind = process.env.GWS_MBT === 'all' ? 'transitions' : 'shortest'
const paths = getLifecyclePaths({ kind, exclude: SIMULATOR_UNSUPPORTED })

describe(`lifecycle paths (${kind}, ${paths.length}) against ChatPanel in jsdom, msw as the world`, () => {
  let current: ReturnType<typeof panelWorld> | undefined
  afterEach(() => {
    current?.close()
    current = undefined
    cleanup()
    sim.reset()
    document.body.replaceChildren()
  })

  it.each(paths.map((path) => [path.description, path] as const))('%s', async (_, path) => {
    current = panelWorld()
    await path.run(current.world)
  }, 60_000)
})
