import type { Actor, AnyActorRef } from 'xstate'
import { assertRetryable, assertSendable, assertStartParams, destroyedError, type ChatLike } from './commands'
import { createChatEmitter } from './events'
import type { ChatEmitted, ChatMachine, ChatMachineEvent } from './machine/chat.machine'
import { projectSnapshot } from './snapshot'
import { createSnapshotStore, type ChatStore } from './store/snapshot-store'
import type { ChatEvent } from './types'

export type ChatActor = Actor<ChatMachine>

/** The engine: a small subscribable object with commands. Bindings subscribe to it; they never own it. */
export interface Chat extends ChatLike {
  /** Tell the engine whether the page is in view (it polls slower while hidden); `createChat` follows `document` by itself unless `watchPage: false`. */
  setPageVisible(visible: boolean): void
  /** The XState actor system's root, for the inspector and advanced use. */
  readonly actor: ChatActor
  /** The public snapshot, as an `@xstate/store`. */
  readonly store: ChatStore
  /** Stop all activity. Does not end the chat on the server. */
  destroy(): void
}

/**
 * Children whose own changes show in the public snapshot. The transcript poller is not among them: its transcript
 * changes only together with a report to the chat machine, so it is projected once every machine has taken the
 * entries (never a transcript with its echo beside the same message still in the outbox).
 */
const PROJECTED = ['outbox', 'connectivity'] as const

function localIdFactory(random: () => number) {
  let counter = 0
  return () => `m${(++counter).toString(36)}-${Math.floor(random() * 0x7fffffff).toString(36)}`
}

/**
 * The engine object around a started chat actor: the snapshot projected into a store once per change, the machine's
 * emitted events delivered after the snapshot shows their effect, and the commands.
 */
export function createEngine(actor: ChatActor, random: () => number): Chat {
  const emitter = createChatEmitter()
  const store = createSnapshotStore(projectSnapshot(actor.getSnapshot()))
  const nextLocalId = localIdFactory(random)
  let pending: ChatEvent[] = []
  const snapshot = () => store.getSnapshot().context

  function refresh() {
    const previous = snapshot()
    const next = projectSnapshot(actor.getSnapshot(), previous)
    if (next !== previous) {
      store.trigger.projected({ snapshot: next })
      if (previous.status !== next.status) emitter.dispatch({ type: 'status.changed', status: next.status, previous: previous.status })
    }
    const events = pending
    pending = []
    events.forEach(emitter.dispatch)
  }

  const collect = (event: ChatEmitted) => {
    if (event.type !== 'messages.received') pending.push(event)
    else for (const entry of event.entries) pending.push({ type: 'message.received', entry })
  }
  const subscriptions = [actor.on('*', (event) => collect(event as ChatEmitted)), actor.subscribe({ next: refresh, error: refresh })]
  const children = actor.getSnapshot().children as Record<string, AnyActorRef | undefined>
  for (const id of PROJECTED) {
    const child = children[id]
    if (child) subscriptions.push(child.subscribe({ next: refresh, error: refresh }))
  }
  refresh()

  let destroyed = false
  /** Every command of a destroyed engine throws: a message sent to it would be lost without a word. */
  const send = (command: string, event: ChatMachineEvent) => {
    if (destroyed) throw destroyedError(command)
    actor.send(event)
  }
  return {
    actor,
    store,
    start(params) {
      if (destroyed) throw destroyedError('start')
      assertStartParams(params)
      send('start', { type: 'chat.start', params })
    },
    send(text, options) {
      if (destroyed) throw destroyedError('send')
      assertSendable(text, snapshot())
      const id = options?.id ?? nextLocalId()
      if (!snapshot().outbox.some((m) => m.id === id)) send('send', { type: 'chat.send', id, text })
      return id
    },
    retryMessage(id) {
      if (destroyed) throw destroyedError('retryMessage')
      assertRetryable(id, snapshot())
      send('retryMessage', { type: 'chat.retryMessage', id })
    },
    setTyping: (typing) => send('setTyping', { type: 'chat.typing', typing: Boolean(typing) }),
    setPageVisible: (visible) => send('setPageVisible', { type: visible ? 'page.visible' : 'page.hidden' }),
    // Harmless after `destroy`: nothing is lost when a closing UI tells a stopped engine it has read the chat.
    markRead() {
      if (!destroyed) actor.send({ type: 'chat.markRead' })
    },
    setViewing(viewing) {
      if (!destroyed) actor.send({ type: 'chat.viewing', viewing: Boolean(viewing) })
    },
    end: () => send('end', { type: 'chat.end' }),
    retry: () => send('retry', { type: 'chat.retry' }),
    subscribe(listener) {
      let last = snapshot()
      const subscription = store.subscribe(({ context }) => {
        if (context === last) return
        last = context
        listener(context)
      })
      return () => subscription.unsubscribe()
    },
    getSnapshot: snapshot,
    on: emitter.on,
    destroy() {
      if (destroyed) return
      destroyed = true
      subscriptions.forEach((subscription) => subscription.unsubscribe())
      actor.stop()
      emitter.clear()
    },
  }
}
