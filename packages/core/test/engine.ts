import { vi } from 'vitest'
import { createChat, type Chat } from '../src'
import type { ChatOptions } from '../src/types'
import { createFakeGws } from './fake-gws'

/** A real engine over the in-memory GWS, under fake timers. */
export function setup(options: Partial<ChatOptions> & { gws?: Parameters<typeof createFakeGws>[0] } = {}) {
  vi.useFakeTimers()
  const gws = createFakeGws(options.gws)
  let seed = 1
  const chat: Chat = createChat({
    baseUrl: 'https://gws.example.com',
    contactCenterId: 'cfe5ad67-ba6d-4340-81f9-bb680ef5d498',
    http: gws.http,
    random: () => ((seed = (seed * 16807) % 2147483647) / 2147483647),
    ...options,
  })
  const statuses: string[] = [chat.getSnapshot().status]
  chat.subscribe((s) => {
    if (statuses[statuses.length - 1] !== s.status) statuses.push(s.status)
  })
  const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
  const texts = () => chat.getSnapshot().transcript.filter((e) => e.type === 'Text').map((e) => `${e.from.type}: ${e.text}`)
  return { chat, gws, statuses, tick, texts }
}
