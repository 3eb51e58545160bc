import { createServer } from 'node:net'
import { createWebSocketInspector, createWebSocketReceiver, type StatelyInspectionEvent } from '@statelyai/inspect'
import { createInspectorServer } from '@statelyai/inspect/server'
import { describe, expect, it } from 'vitest'
import { createChat } from '../src'
import { createFakeGws } from './fake-gws'

/** The Node set-up of docs/inspector.md, end to end: engine → WebSocket inspector → bridge server → a receiver. */

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer()
    server.listen(0, () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })

const until = async (check: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('the Stately inspector over WebSocket', () => {
  it('receives the chat machine’s snapshots and events', async () => {
    const port = await freePort()
    const bridge = createInspectorServer({ port, autoOpen: false })
    const inspector = createWebSocketInspector({ url: `ws://localhost:${port}` })
    const gws = createFakeGws()
    const chat = createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, inspect: inspector.inspect })
    const received: StatelyInspectionEvent[] = []
    try {
      chat.start({ nickname: 'Chris', subject: 'Billing question' })
      await until(() => chat.getSnapshot().status === 'queued')
      // A receiver that connects late (as the inspector page does) gets the bridge's last 200 events, then live ones.
      const receiver = createWebSocketReceiver({ server: `ws://localhost:${port}` })
      receiver.subscribe((event) => received.push(event))
      // The chat's own snapshot, queued (from the buffer, or live as the polls come in).
      const queuedLive = (e: StatelyInspectionEvent) => e.type === '@xstate.snapshot' && JSON.stringify((e.snapshot as { value?: unknown }).value) === '{"queued":"live"}'
      await until(() => received.some(queuedLive))
      const buffered = received.length
      chat.send('Hello')
      const isSend = (e: StatelyInspectionEvent) => e.type === '@xstate.event' && (e.event as { type: string }).type === 'chat.send'
      await until(() => received.some(isSend))
      await until(() => received.some((e) => queuedLive(e) && (e as { event?: { type: string } }).event?.type === 'chat.send'))
      // …and what the chat machine told its outbox child.
      await until(() => received.some((e) => e.type === '@xstate.event' && (e.event as { type: string }).type === 'outbox.queue'))
      expect(received.filter(isSend)).toHaveLength(1)
      // Live, after the buffer: the send's own actor starting.
      await until(() => received.slice(buffered).some((e) => e.type === '@xstate.actor' && (e as { name?: string }).name === 'send'))
    } finally {
      chat.destroy()
      inspector.stop()
      bridge.stop()
    }
  }, 20_000)
})
