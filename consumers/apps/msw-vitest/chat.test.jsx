import React from 'react'
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest'
import { createChat } from '@gws-chat/core'
import { createSimulatorHandlers } from '@gws-chat/testing/msw'
import { ChatPanel } from './src/ChatPanel.jsx'

// The GWS Customer Chat API in process: the simulator's scripted agent answers through msw, no server to start.
const baseUrl = 'https://gws.example.test'
const sim = createSimulatorHandlers({ baseUrl, timeScale: 0.05 })
const server = setupServer(...sim.handlers)

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  cleanup()
  sim.reset()
})
afterAll(async () => {
  server.close()
  await sim.close()
})

const GREETING = "Ava: Hi, I'm Ava. How can I help?"
const lines = () => within(screen.getByRole('list', { name: 'Transcript' })).queryAllByRole('listitem').map((li) => li.textContent)

function renderChat() {
  const chat = createChat({ baseUrl, contactCenterId: 'demo', persistence: false, polling: { intervalMs: 100 } })
  render(<ChatPanel chat={chat} />)
  return chat
}

test('a visitor starts a chat, is greeted by the agent, sends a message and reads the answer', async () => {
  const chat = renderChat()
  fireEvent.click(screen.getByRole('button', { name: 'Start chat' }))
  await screen.findByText(GREETING, {}, { timeout: 5_000 })
  expect(screen.getByTestId('status').textContent).toBe('connected')

  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Where is my parcel?' } })
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText('Ava: You said: Where is my parcel?', {}, { timeout: 5_000 })
  expect(lines()).toEqual([GREETING, 'Chris: Where is my parcel?', 'Ava: You said: Where is my parcel?'])

  // The simulator saw what the UI sent, with the contact center header.
  const sent = sim.requests.filter((r) => r.operation === 'SendMessage')
  expect(sent.map((r) => [r.body.text, r.headers.contactcenterid])).toEqual([['Where is my parcel?', 'demo']])
  expect(sim.chats()).toHaveLength(1)

  fireEvent.click(screen.getByRole('button', { name: 'End chat' }))
  await screen.findByText('ended', {}, { timeout: 5_000 })
  expect(sim.chats()[0].endedBy).toBe('customer')
  chat.destroy()
})

test('a failed send (503 once) is retried and shown once', async () => {
  const chat = renderChat()
  fireEvent.click(screen.getByRole('button', { name: 'Start chat' }))
  await screen.findByText(GREETING, {}, { timeout: 5_000 })
  sim.addFault({ kind: 'http-error', operation: 'SendMessage', times: 1 })
  fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Still there?' } })
  fireEvent.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText('Ava: You said: Still there?', {}, { timeout: 8_000 })
  expect(lines().filter((l) => l === 'Chris: Still there?')).toHaveLength(1)
  expect(sim.requests.filter((r) => r.operation === 'SendMessage').map((r) => r.status)).toEqual([503, 200])
  chat.destroy()
})
