import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChat, type TranscriptEntry } from '../src'
import { createMemoryStorage } from '../src/persistence/storage'
import { createRecorder, replay } from '../src/record'
import { MAX_KEPT_TIMES } from '../src/store/entry-times'
import { createFakeGws } from './fake-gws'
import { persistChat } from '../src/persistence'

afterEach(() => {
  vi.useRealTimers()
})

const start = { nickname: 'Chris', subject: 'Times' }
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0)

/** Page loads of one site under fake time from T0: one GWS, one storage. */
function site() {
  vi.useFakeTimers({ now: T0 })
  const gws = createFakeGws()
  const storage = createMemoryStorage()
  const load = (options: { inspect?: ReturnType<typeof createRecorder>['inspect'] } = {}) =>
    createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, persistence: persistChat({ storage }), ...options })
  const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
  return { gws, storage, load, tick }
}

const times = (transcript: readonly TranscriptEntry[]) => transcript.map((entry) => [entry.index, entry.type, entry.time])

describe('TranscriptEntry.time', () => {
  it("is the server's time when the entry carries one, else the engine's clock when the entry first arrived", async () => {
    const { gws, load, tick } = site()
    const chat = load()
    chat.start(start)
    await tick(3000)
    const joinedAt = chat.getSnapshot().transcript[0]?.time
    expect(joinedAt, 'the first poll after RequestChat').toBeGreaterThanOrEqual(T0)
    expect(joinedAt).toBeLessThanOrEqual(T0 + 3000)
    gws.agentJoins()
    gws.add('Text', gws.agent, { text: 'stamped by the server', utcTime: '2026-01-05T08:59:30.250Z' } as never)
    await tick(60_000)
    gws.agentSays('no time of its own')
    const before = Date.now()
    await tick(5000)
    const [, joined, stamped, plain] = chat.getSnapshot().transcript
    expect(joined?.time).toBeGreaterThan(joinedAt!)
    expect(stamped?.time).toBe(Date.UTC(2026, 0, 5, 8, 59, 30, 250))
    expect(plain?.time).toBeGreaterThanOrEqual(before)
    expect(plain?.time).toBeLessThanOrEqual(before + 5000)
    // Polled again and again, an entry keeps the time it first arrived.
    const seen = times(chat.getSnapshot().transcript)
    await tick(30_000)
    expect(times(chat.getSnapshot().transcript)).toEqual(seen)
    chat.destroy()
  })

  it('survives a reload: the entries fetched again show the times they showed before', async () => {
    const { gws, load, tick } = site()
    const first = load()
    first.start(start)
    await tick(3000)
    gws.agentJoins()
    gws.agentSays('Hello Chris')
    await tick(10_000)
    first.send('Hi!')
    await tick(10_000)
    const before = first.getSnapshot().transcript
    expect(new Set(before.map((entry) => entry.time)).size, 'arrived at different times').toBeGreaterThan(1)
    first.destroy()

    await tick(60_000)
    gws.agentSays('Are you still there?')
    const second = load()
    await tick(1)
    const after = second.getSnapshot().transcript
    expect(times(after.slice(0, before.length))).toEqual(times(before))
    expect(after.at(-1)?.time, 'the new entry: when it arrived').toBe(Date.now() - 1)
    second.destroy()
  })

  it('a record written before times were kept (or with odd times) resumes; its entries get the time they arrive again', async () => {
    const { gws, storage, load, tick } = site()
    const first = load()
    first.start(start)
    await tick(3000)
    gws.agentSays('Hello')
    await tick(3000)
    first.destroy()
    const record = JSON.parse(storage.getItem('gws-chat:cc')!)
    expect(record.times, 'by index').toEqual({ 1: expect.any(Number), 2: expect.any(Number) })
    const tooMany = Object.fromEntries(Array.from({ length: MAX_KEPT_TIMES + 1 }, (_, i) => [i + 1, T0]))
    for (const odd of [undefined, 'soon', [T0, T0, T0], { 1: 5, 2: T0 }, { 1: 'x' }, { 1: -T0 }, { 1: 1e300 }, tooMany]) {
      storage.setItem('gws-chat:cc', JSON.stringify({ ...record, times: odd }))
      await tick(1000)
      const again = load()
      await tick(1)
      expect(again.getSnapshot().status, `times ${JSON.stringify(odd)?.slice(0, 20)}`).toBe('queued')
      expect(again.getSnapshot().transcript.map((entry) => entry.time)).toEqual([Date.now() - 1, Date.now() - 1])
      again.destroy()
    }
  })

  it('keeps the times of the last entries only, so a long chat keeps a small record', async () => {
    const { gws, storage, load, tick } = site()
    const chat = load()
    chat.start(start)
    await tick(3000)
    for (let i = 0; i < MAX_KEPT_TIMES + 10; i++) gws.agentSays(`line ${i}`)
    await tick(3000)
    chat.destroy()
    const record = JSON.parse(storage.getItem('gws-chat:cc')!)
    expect(record.lastIndex).toBe(MAX_KEPT_TIMES + 11)
    expect(Object.keys(record.times)).toHaveLength(MAX_KEPT_TIMES)
    expect(record.times[MAX_KEPT_TIMES + 11], 'the last ones').toBeTypeOf('number')
  })

  it('a Missing placeholder shows the time of the entry after the gap', async () => {
    const { gws, load, tick } = site()
    const chat = load()
    chat.start(start)
    await tick(3000)
    gws.state.transcript.push({ index: 4, type: 'Text', text: 'past the gap', from: gws.agent, utcTime: 1_767_603_000_000 } as never)
    await tick(30_000)
    const missing = chat.getSnapshot().transcript.find((entry) => entry.type === 'Missing')
    expect(missing).toMatchObject({ index: 3, missingFrom: 2, time: 1_767_603_000_000 })
    chat.destroy()
  })

  it('a replay shows the times the recorded engine showed', async () => {
    const { gws, load, tick } = site()
    const recorder = createRecorder({ redact: false })
    const chat = load({ inspect: recorder.inspect })
    chat.start(start)
    await tick(3000)
    gws.agentJoins()
    gws.agentSays('Hello')
    await tick(7000)
    const shown = chat.getSnapshot().transcript
    chat.destroy()
    vi.useRealTimers()
    const replayed = [...replay(JSON.parse(JSON.stringify(recorder.recording())))].at(-1)?.snapshot.transcript
    expect(times(replayed ?? [])).toEqual(times(shown))
  })
})
