import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InspectionEvent } from 'xstate'
import { setup } from './engine'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

/** Every actor a chat starts, with its id and source, from the inspector's `@xstate.actor` events. */
function collectActors() {
  const actors: { id: string; src: unknown }[] = []
  const inspect = (event: InspectionEvent) => {
    if (event.type !== '@xstate.actor') return
    const ref = event.actorRef as unknown as { id: string; src: unknown; logic: { id?: string; root?: unknown } }
    actors.push({ id: ref.id, src: typeof ref.src === 'string' ? ref.src : ref.logic.root ? `machine:${String(ref.logic.id)}` : ref.src })
  }
  return { actors, inspect }
}

describe('every actor of a chat is named', () => {
  it('has a readable id and a named source, for the inspector (no `x:3`)', async () => {
    const { actors, inspect } = collectActors()
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
      'fetch:fetcher',
      'requestChat:requestChat',
      'send:sendMessage',
      'typingNotice:sendTypingNotification',
      'complete:completeChat',
    ]) {
      expect(names, expected).toContain(expected)
    }
    // Node has no page and no browser network: no actor is spent on watching them.
    expect([...names].filter((name) => name.startsWith('environment'))).toEqual([])
  })

  it('runs a named environment watcher where there is a page, and it follows the page', async () => {
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' })
    vi.stubGlobal('document', page)
    vi.stubGlobal('window', new EventTarget())
    const { actors, inspect } = collectActors()
    const { chat, tick } = setup({ inspect })
    expect(actors.map((a) => `${a.id}:${String(a.src)}`)).toContain('environment:watchEnvironment')
    chat.start({ nickname: 'Chris', subject: 'Billing question' })
    await tick(1000)
    page.visibilityState = 'hidden'
    page.dispatchEvent(new Event('visibilitychange'))
    expect(chat.actor.getSnapshot().context.hidden).toBe(true)
    ;(window as unknown as EventTarget).dispatchEvent(new Event('offline'))
    expect(chat.getSnapshot().connection).toBe('offline')
    chat.destroy()
  })
})
