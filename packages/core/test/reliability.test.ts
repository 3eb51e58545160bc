import { afterEach, describe, expect, it, vi } from 'vitest'
import { setup } from './engine'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Reliability' }

/** Requests of one operation made during `ms` of simulated time. */
async function countDuring(tick: (ms: number) => Promise<unknown>, ops: () => number, ms: number) {
  const before = ops()
  await tick(ms)
  return ops() - before
}

const gapsOf = (calls: { at: number }[]) => calls.slice(1).map((call, i) => call.at - (calls[i]?.at ?? 0))

describe('polling policy in the engine', () => {
  it('rests at 3 s, polls fast after the visitor acts, and eases back', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick(10_000)
    const messages = () => gws.ops('GetMessages').length
    expect(await countDuring(tick, messages, 30_000)).toBe(10)
    chat.send('hello')
    // 500 ms right after the send, easing to 3 s over 5 s.
    expect(await countDuring(tick, messages, 5000)).toBeGreaterThanOrEqual(4)
    await tick(5000)
    expect(await countDuring(tick, messages, 30_000)).toBe(10)
  })

  it('polls fast after the agent answers', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick(10_000)
    gws.agentJoins()
    gws.agentSays('Hi!')
    await tick(3000)
    const messages = () => gws.ops('GetMessages').length
    expect(await countDuring(tick, messages, 3000)).toBeGreaterThanOrEqual(3)
  })

  it('slows down while the page is hidden, inside the keep-alive, and catches up when visible', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick(10_000)
    chat.actor.send({ type: 'page.hidden' })
    await tick(3000)
    const messages = () => gws.ops('GetMessages').length
    expect(await countDuring(tick, messages, 60_000)).toBe(6)
    const gaps = gapsOf(gws.ops('GetMessages').slice(-6))
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(9000)
    // Well inside the server's 45 s keep-alive.
    expect(Math.max(...gaps)).toBeLessThanOrEqual(15_000)
    const hiddenCount = messages()
    chat.actor.send({ type: 'page.visible' })
    await tick(10)
    expect(messages() - hiddenCount).toBe(1)
  })

  it('a chat started while the page is hidden polls at the hidden pace from the start', async () => {
    const { chat, gws, tick } = setup()
    chat.actor.send({ type: 'page.hidden' })
    chat.start(start)
    await tick(1000)
    const messages = () => gws.ops('GetMessages').length
    expect(await countDuring(tick, messages, 60_000)).toBe(6)
  })

  it('pauses while offline and polls at once when back online', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick(10_000)
    chat.actor.send({ type: 'network.offline' })
    await tick(3000)
    const all = () => gws.calls.length
    expect(await countDuring(tick, all, 60_000)).toBe(0)
    expect(chat.getSnapshot().connection).toBe('offline')
    const offlineCount = gws.ops('GetMessages').length
    chat.actor.send({ type: 'network.online' })
    await tick(10)
    expect(gws.ops('GetMessages').length - offlineCount).toBe(1)
    expect(chat.getSnapshot().connection).toBe('online')
  })

  it('backs off on repeated failures and never exceeds its cap', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick(10_000)
    const undo = gws.override((call) => (call.operation === 'GetMessages' ? new TypeError('network down') : undefined))
    const messages = () => gws.ops('GetMessages').length
    // A fixed 3 s poll would make 40 requests in 2 minutes; full jitter averages half of each capped step.
    const failing = await countDuring(tick, messages, 120_000)
    expect(failing).toBeLessThan(20)
    expect(failing).toBeGreaterThanOrEqual(6)
    const gaps = gapsOf(gws.ops('GetMessages').slice(-failing))
    expect(Math.max(...gaps)).toBeLessThanOrEqual(20_000)
    // Once the cap is reached, waits average half of it: far slower than the resting interval.
    const late = gaps.slice(-4)
    expect(late.reduce((a, b) => a + b, 0) / late.length).toBeGreaterThan(5000)
    undo()
    await tick(25_000)
    expect(chat.getSnapshot().connection).toBe('online')
  })
})

describe('outbox', () => {
  it('keeps messages typed while offline queued and sends them in order when back online', async () => {
    const { chat, gws, tick, texts } = setup()
    chat.start(start)
    await tick()
    chat.actor.send({ type: 'network.offline' })
    chat.send('one')
    chat.send('two')
    chat.send('three')
    await tick(30_000)
    expect(gws.ops('SendMessage')).toHaveLength(0)
    expect(chat.getSnapshot().outbox.map((m) => m.status)).toEqual(['queued', 'queued', 'queued'])
    chat.actor.send({ type: 'network.online' })
    await tick(3000)
    expect(gws.ops('SendMessage').map((c) => c.body?.text)).toEqual(['one', 'two', 'three'])
    expect(texts()).toEqual(['Customer: one', 'Customer: two', 'Customer: three'])
    expect(chat.getSnapshot().outbox).toEqual([])
  })

  it('retries a refused send (429) with backoff, keeping the order, and succeeds', async () => {
    const { chat, gws, tick, texts } = setup()
    chat.start(start)
    await tick()
    let refusals = 2
    gws.override((call) =>
      call.operation === 'SendMessage' && call.body?.text === 'first' && refusals-- > 0
        ? { status: 429, headers: { 'retry-after': '1' }, body: '' }
        : undefined,
    )
    chat.send('first')
    chat.send('second')
    await tick(20_000)
    expect(gws.ops('SendMessage').map((c) => c.body?.text)).toEqual(['first', 'first', 'first', 'second'])
    expect(texts()).toEqual(['Customer: first', 'Customer: second'])
  })

  it('gives up after 5 attempts: failed with its error and a retry command', async () => {
    const { chat, gws, tick, texts } = setup()
    chat.start(start)
    await tick()
    const undo = gws.override((call) => (call.operation === 'SendMessage' ? { status: 503, headers: {}, body: 'down' } : undefined))
    const id = chat.send('stubborn')
    await tick(120_000)
    // 503 may have reached the server: each attempt is checked against the transcript before the next.
    expect(gws.ops('SendMessage')).toHaveLength(5)
    expect(chat.getSnapshot().outbox).toEqual([
      { id, text: 'stubborn', status: 'failed', error: expect.objectContaining({ code: 'http_error', httpStatus: 503 }) },
    ])
    undo()
    chat.retryMessage(id)
    await tick(3000)
    expect(texts()).toEqual(['Customer: stubborn'])
    expect(chat.getSnapshot().outbox).toEqual([])
  })

  it('a send whose answer was lost after the server applied it is not sent again', async () => {
    const { chat, gws, tick, texts } = setup()
    chat.start(start)
    await tick()
    let drops = 1
    gws.override((call) => {
      if (call.operation !== 'SendMessage' || drops-- <= 0) return undefined
      gws.add('Text', gws.customer, { text: String(call.body?.text) })
      return new TypeError('socket hang up')
    })
    chat.send('exactly once')
    chat.send('after it')
    await tick(10_000)
    expect(gws.ops('SendMessage').map((c) => c.body?.text)).toEqual(['exactly once', 'after it'])
    expect(texts()).toEqual(['Customer: exactly once', 'Customer: after it'])
    expect(chat.getSnapshot().outbox).toEqual([])
  })

  it('a send lost before the server saw it is sent again once the transcript shows it missing', async () => {
    const { chat, gws, tick, texts } = setup()
    chat.start(start)
    await tick()
    let drops = 1
    gws.override((call) => (call.operation === 'SendMessage' && drops-- > 0 ? new TypeError('connection reset') : undefined))
    chat.send('lost once')
    await tick(10_000)
    expect(gws.ops('SendMessage')).toHaveLength(2)
    expect(texts()).toEqual(['Customer: lost once'])
  })

  it('messages not yet sent when the chat ends are failed with chat_ended, never silently dropped', async () => {
    const { chat, gws, tick } = setup()
    chat.start(start)
    await tick()
    chat.actor.send({ type: 'network.offline' })
    chat.send('too late')
    gws.state.exists = false
    gws.override((call) => (call.operation === 'SendMessage' ? 'hang' : undefined))
    chat.actor.send({ type: 'network.online' })
    await tick(10_000)
    expect(chat.getSnapshot().status).toBe('ended')
    expect(chat.getSnapshot().outbox).toEqual([
      expect.objectContaining({ text: 'too late', status: 'failed', error: expect.objectContaining({ code: 'chat_ended' }) }),
    ])
  })
})
