import { afterEach, describe, expect, it, vi } from 'vitest'
import type { HttpResponse } from '../src'
import { createMemoryStorage } from '../src/persistence/storage'
import { setup } from './engine'
import { persistChat } from '../src/persistence'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Billing question' }
/** How an independent GWS server answers for a chat it does not know: HTTP 400 and a plain text. */
const notFound = (): HttpResponse => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'Chat not found' })

describe('no dead ends', () => {
  it('a chat the server stops knowing (HTTP 400 "Chat not found") shows the server’s text, ends on end(), and a reload does not bring it back', async () => {
    const storage = createMemoryStorage()
    const { chat, gws, tick } = setup({ persistence: persistChat({ storage, key: 'k' }) })
    chat.start(start)
    await tick(1000)
    expect(chat.getSnapshot().status).toBe('queued')
    expect(storage.getItem('k')).not.toBeNull()

    gws.override((call) => (call.operation === 'RequestChat' ? undefined : notFound()))
    await tick(5000)
    const inError = chat.getSnapshot()
    expect(inError.status).toBe('error')
    expect(inError.error?.message).toContain('Chat not found')
    expect(inError.connection, 'nothing is being requested in error').toBe('online')

    chat.retry()
    await tick(5000)
    expect(chat.getSnapshot().status).toBe('error')

    chat.end()
    await tick(30_000)
    const ended = chat.getSnapshot()
    expect(ended.status).toBe('ended')
    expect(ended.endReason).toBe('customer')
    expect(ended.error?.message, 'the failed Complete is kept').toContain('Complete: HTTP 400 (Chat not found)')
    expect(storage.getItem('k'), 'a chat given up on is forgotten').toBeNull()
    chat.destroy()

    const reloaded = setup({ persistence: persistChat({ storage, key: 'k' }) })
    await reloaded.tick(1000)
    expect(reloaded.chat.getSnapshot().status).toBe('idle')
    reloaded.chat.destroy()
  })

  it('start() from error begins a new chat', async () => {
    const { chat, gws, tick } = setup({ persistence: false })
    chat.start(start)
    await tick(1000)
    const undo = gws.override((call) => (call.operation === 'GetMessages' ? { status: 401, headers: {}, body: '{"statusCode":20,"statusMessage":"Access denied"}' } : undefined))
    await tick(5000)
    expect(chat.getSnapshot().status).toBe('error')
    expect(chat.getSnapshot().error?.message).toContain('Access denied')
    undo()
    const before = gws.calls.filter((c) => c.operation === 'RequestChat').length
    chat.start(start)
    await tick(1000)
    expect(gws.calls.filter((c) => c.operation === 'RequestChat').length).toBe(before + 1)
    expect(chat.getSnapshot().status).toBe('queued')
    expect(chat.getSnapshot().error).toBeNull()
    chat.destroy()
  })

  it('end() offline waits for the network, then ends even when Complete keeps failing', async () => {
    const { chat, gws, tick } = setup({ persistence: false })
    chat.start(start)
    await tick(1000)
    chat.setPageVisible(true)
    chat.actor.send({ type: 'network.offline' })
    chat.end()
    await tick(10_000)
    expect(chat.getSnapshot().status).not.toBe('ended')
    expect(gws.calls.filter((c) => c.operation === 'Complete')).toHaveLength(0)
    gws.override(() => ({ status: 503, headers: {}, body: 'Service Unavailable' }))
    chat.actor.send({ type: 'network.online' })
    await tick(120_000)
    expect(chat.getSnapshot().status).toBe('ended')
    expect(chat.getSnapshot().error?.code).toBe('http_error')
    chat.destroy()
  })
})
