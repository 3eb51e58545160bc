import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InspectionEvent } from 'xstate'
import { setup } from './engine'

afterEach(() => {
  vi.useRealTimers()
})

describe('every actor of a chat is named', () => {
  it('has a readable id and a named source, for the inspector (no `x:3`)', async () => {
    const actors: { id: string; src: unknown; logic: unknown }[] = []
    const inspect = (event: InspectionEvent) => {
      if (event.type !== '@xstate.actor') return
      const ref = event.actorRef as unknown as { id: string; src: unknown; logic: { id?: string; root?: unknown } }
      actors.push({ id: ref.id, src: typeof ref.src === 'string' ? ref.src : ref.logic.root ? `machine:${String(ref.logic.id)}` : ref.src, logic: ref.logic })
    }
    const { chat, gws, tick } = setup({ inspect })
    chat.start({ nickname: 'Chris', subject: 'Billing question' })
    await tick(1000)
    gws.agentJoins()
    await tick(4000)
    chat.setTyping(true)
    chat.send('Hello')
    await tick(4000)
    chat.end()
    await tick(4000)
    expect(chat.getSnapshot().status).toBe('ended')
    chat.destroy()

    const unnamed = actors.filter((a) => /^x:\d+$/.test(a.id) || typeof a.src !== 'string')
    expect(unnamed.map((a) => `${a.id} (${String(a.src)})`)).toEqual([])
    const names = new Set(actors.map((a) => `${a.id}:${String(a.src)}`))
    for (const expected of [
      'chat:machine:chat',
      'connectivity:connectivity',
      'transcriptPoller:transcriptPoller',
      'chatStatePoller:chatStatePoller',
      'outbox:outbox',
      'typing:typing',
      'completer:completer',
      'environment:watchEnvironment',
      'fetch:fetcher',
      'requestChat:requestChat',
      'send:sendMessage',
      'typingNotice:sendTypingNotification',
      'complete:completeChat',
    ]) {
      expect(names, expected).toContain(expected)
    }
  })
})
