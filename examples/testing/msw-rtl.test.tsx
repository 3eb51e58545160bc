// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { createChat, createFetchAdapter, type Chat } from '@gws-chat/core'
import { createSimulatorHandlers } from '@gws-chat/testing/msw'
import { ChatPanel } from './ChatPanel'

/**
 * vitest + msw + jsdom + React Testing Library: the simulator answers the engine's requests in process (no port, no
 * server), and the test drives a team's own component the way a visitor does.
 */
const BASE_URL = 'https://gws.example.test'
// A tenth of the scripted delays: the friendly agent joins after 0.2 s and answers every message.
const sim = createSimulatorHandlers({ baseUrl: BASE_URL, timeScale: 0.1 })
const server = setupServer(...sim.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  sim.reset()
})
afterAll(() => server.close())

function engine(): Chat {
  return createChat({
    baseUrl: BASE_URL,
    contactCenterId: 'demo',
    http: createFetchAdapter(),
    persistence: false,
    polling: { intervalMs: 50, activeIntervalMs: 25 },
  })
}

it('a visitor starts a chat, is greeted, sends a message, gets the answer and ends the chat', async () => {
  const chat = engine()
  try {
    render(<ChatPanel chat={chat} />)
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }))
    await screen.findByText('Chatting with Ava', {}, { timeout: 5000 })
    await screen.findByText("Ava: Hi, I'm Ava. How can I help?")

    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Where is my parcel?' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByText('Ava: You said: Where is my parcel?', {}, { timeout: 5000 })
    expect(screen.getByText('You: Where is my parcel?')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'End chat' }))
    await screen.findByText('You ended the chat.')

    // The simulator saw what the visitor did, in this order.
    const [view] = sim.chats()
    expect(view!.nickname).toBe('Chris')
    expect(view!.endedBy).toBe('customer')
    const writes = sim.requests.map((r) => r.operation).filter((op) => op !== 'GetChat' && op !== 'GetMessages')
    expect(writes[0]).toBe('RequestChat')
    expect(writes).toContain('SendMessage')
    expect(writes.at(-1)).toBe('Complete')
  } finally {
    chat.destroy()
  }
}, 15_000)

it('a send the server refuses shows "not sent" and Retry sends it again', async () => {
  const chat = engine()
  try {
    render(<ChatPanel chat={chat} />)
    fireEvent.click(screen.getByRole('button', { name: 'Start chat' }))
    await screen.findByText('Chatting with Ava', {}, { timeout: 5000 })
    sim.addFault({ kind: 'http-error', operation: 'SendMessage', status: 400, times: 1 })
    fireEvent.change(screen.getByRole('textbox', { name: 'Message' }), { target: { value: 'Hello?' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByText(/\(not sent\)/, {}, { timeout: 5000 })

    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await screen.findByText('Ava: You said: Hello?', {}, { timeout: 5000 })
    await waitFor(() => expect(screen.queryByText(/\(not sent\)/)).toBeNull())
    expect(sim.requests.filter((r) => r.operation === 'SendMessage').map((r) => r.status)).toEqual([400, 200])
  } finally {
    chat.destroy()
  }
}, 15_000)
