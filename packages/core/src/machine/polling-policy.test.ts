import { describe, expect, it } from 'vitest'
import { DEFAULT_POLLING, nextPollDelay, pollSpacing, resolvePolling } from './polling-policy'

const rest = { failures: 0, retryAfterMs: null, sinceActivityMs: 60_000, hidden: false }
const half = () => 0.5

describe('nextPollDelay', () => {
  it('rests at the configured interval', () => {
    expect(nextPollDelay(rest, DEFAULT_POLLING, half)).toBe(3000)
    expect(nextPollDelay(rest, resolvePolling({ intervalMs: 2000 }), half)).toBe(2000)
  })

  it('polls fast right after activity and eases back to resting', () => {
    const delays = [0, 1000, 2000, 4000, 5000, 9000].map((ms) => nextPollDelay({ ...rest, sinceActivityMs: ms }, DEFAULT_POLLING, half))
    expect(delays).toEqual([500, 1000, 1500, 2500, 3000, 3000])
  })

  it('polls fast while the agent types, whatever the time since activity', () => {
    expect(nextPollDelay({ ...rest, agentTyping: true }, DEFAULT_POLLING, half)).toBe(500)
    expect(nextPollDelay({ ...rest, agentTyping: true, hidden: true }, DEFAULT_POLLING, half)).toBe(10_000)
  })

  it('slows down while hidden but stays well inside the keep-alive', () => {
    expect(nextPollDelay({ ...rest, hidden: true }, DEFAULT_POLLING, half)).toBe(10_000)
    expect(nextPollDelay({ ...rest, hidden: true }, resolvePolling({ hiddenIntervalMs: 60_000 }), half)).toBe(15_000)
  })

  it('backs off exponentially with full jitter, capped', () => {
    const top = () => 0.999999
    const caps = [1, 2, 3, 4, 5, 6, 7].map((failures) => nextPollDelay({ ...rest, failures }, DEFAULT_POLLING, top))
    expect(caps).toEqual([1000, 2000, 4000, 8000, 16_000, 20_000, 20_000])
    expect(nextPollDelay({ ...rest, failures: 3 }, DEFAULT_POLLING, half)).toBe(2000)
    expect(nextPollDelay({ ...rest, failures: 3 }, DEFAULT_POLLING, () => 0), 'never below the floor').toBe(250)
  })

  it('obeys Retry-After up to one minute, and no input makes a delay below the floor or past the timer limit', () => {
    expect(nextPollDelay({ ...rest, failures: 1, retryAfterMs: 3_000_000_000 }, DEFAULT_POLLING, half)).toBe(60_000)
    for (const retryAfterMs of [Number.NaN, -1, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0]) {
      const delay = nextPollDelay({ ...rest, failures: 1, retryAfterMs }, DEFAULT_POLLING, () => 0)
      expect(delay, `Retry-After ${retryAfterMs}`).toBeGreaterThanOrEqual(250)
      expect(delay).toBeLessThanOrEqual(60_000)
    }
    expect(nextPollDelay({ ...rest, sinceActivityMs: Number.NaN }, DEFAULT_POLLING, half)).toBeGreaterThanOrEqual(250)
    expect(nextPollDelay({ ...rest, sinceActivityMs: -5000 }, DEFAULT_POLLING, half)).toBe(500)
  })

  it('takes the floor from minIntervalMs, or from a lower activeIntervalMs', () => {
    expect(resolvePolling({}).minIntervalMs).toBe(250)
    expect(resolvePolling({ activeIntervalMs: 20 }).minIntervalMs).toBe(20)
    expect(resolvePolling({ activeIntervalMs: 20, minIntervalMs: 100 }).minIntervalMs).toBe(100)
    expect(pollSpacing(1000, 1100, resolvePolling({}))).toBe(150)
    expect(pollSpacing(Number.NEGATIVE_INFINITY, 0, resolvePolling({}))).toBe(0)
    expect(pollSpacing(5000, 0, resolvePolling({})), 'a clock that went back waits one floor at most').toBe(250)
  })

  it('never polls sooner than Retry-After', () => {
    expect(nextPollDelay({ ...rest, failures: 1, retryAfterMs: 7000 }, DEFAULT_POLLING, half)).toBe(7000)
  })

  it('refuses nonsense options', () => {
    expect(() => resolvePolling({ intervalMs: 2 ** 31 })).toThrow(/at most 2147483647/)
    expect(() => resolvePolling({ requestTimeoutMs: 1e12 })).toThrow(TypeError)
    expect(() => resolvePolling({ intervalMs: 0 })).toThrow('"polling.intervalMs" must be a positive number')
  })
})
