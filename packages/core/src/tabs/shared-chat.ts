import { createActor } from 'xstate'
import { assertRetryable, assertSendable, chatCommands, createChat, persistenceOption, type Chat } from '../chat'
import { destroyedError } from '../commands'
import { electionMachine } from './election.machine'
import { createChatEmitter } from '../events'
import { idleSnapshot } from '../snapshot'
import { sameOr, sameParticipants, sameStrings } from '../store/transcript'
import { sharedPersistence } from '../persistence/persist-chat'
import type { ChatStorage } from '../persistence/storage'
import type { ChatEvent, ChatOptions, ChatSnapshot, OutboxMessage, TranscriptEntry } from '../types'
import type { TabChannel, TabCommand, TabDocument, TabLocks, TabMessage } from './protocol'
import { createTabUnread } from './unread'

export type TabRole = 'leader' | 'follower' | 'solo'

/** A chat shared by every tab of one browser: the same commands and snapshot as `Chat`, one poller for all tabs. */
export interface SharedChat extends Omit<Chat, 'actor' | 'store' | 'setPageVisible'> {
  /** `leader` runs the engine and polls; `follower` mirrors it; `solo` means the browser lacks the APIs and this tab polls alone. */
  readonly role: TabRole
  /** The engine, in the leader (and solo) tab; `null` in a follower. */
  readonly engine: Chat | null
  onRoleChange(listener: (role: TabRole) => void): () => void
}

export interface SharedChatOptions extends ChatOptions {
  tabs?: {
    /** Name of the lock and channel (default `gws-chat:<contactCenterId>`). */
    name?: string
    /** Web Locks implementation (default `navigator.locks`). */
    locks?: TabLocks
    /** Channel factory (default `new BroadcastChannel(name)`). */
    channel?: (name: string) => TabChannel
    /** Storage the tabs share (default `localStorage`), where the leader persists the chat unless `persistence` names one. */
    storage?: ChatStorage
    /** This tab's page, whose visibility it reports (default `document`). */
    document?: TabDocument
  }
}


function browserDefaults(name: string) {
  const locks = typeof navigator !== 'undefined' ? (navigator as { locks?: TabLocks }).locks : undefined
  const channel = typeof BroadcastChannel !== 'undefined' ? (n: string) => new BroadcastChannel(n) as unknown as TabChannel : undefined
  let storage: ChatStorage | undefined
  try {
    storage = typeof localStorage !== 'undefined' ? localStorage : undefined
  } catch {
    storage = undefined
  }
  return { locks, channel, storage, name }
}

/**
 * One engine per browser, not per tab. The tabs of a chat elect a leader with
 * the Web Locks API; the leader runs the engine (persisting to storage every
 * tab shares) and broadcasts its snapshots; the others mirror them and forward
 * their commands. When the leader tab closes its lock is released, another tab
 * takes it and resumes the chat from storage. Where the APIs are missing, each
 * tab runs its own engine.
 */
export function createSharedChat(options: SharedChatOptions): SharedChat {
  const { tabs = {}, ...chatOptions } = options
  const defaults = browserDefaults(tabs.name ?? `gws-chat:${options.contactCenterId}`)
  const locks = tabs.locks ?? defaults.locks
  const makeChannel = tabs.channel ?? defaults.channel
  const storage = tabs.storage ?? defaults.storage
  // The leader always persists, to the storage every tab reads: a tab taking over resumes the chat from it.
  const engineOptions: ChatOptions = { ...chatOptions, persistence: sharedPersistence(persistenceOption(chatOptions.persistence), storage) }

  if (!locks || !makeChannel) {
    const engine = createChat(engineOptions)
    return {
      ...chatCommands(() => engine),
      subscribe: (listener) => engine.subscribe(listener),
      getSnapshot: () => engine.getSnapshot(),
      on: (type, handler) => engine.on(type, handler),
      destroy: () => engine.destroy(),
      markRead: () => engine.markRead(),
      setViewing: (viewing) => engine.setViewing(viewing),
      role: 'solo',
      engine,
      onRoleChange: () => () => {},
    }
  }

  const tab = `t${Math.random().toString(36).slice(2, 10)}`
  const channel = makeChannel(defaults.name)
  const listeners = new Set<(snapshot: ChatSnapshot) => void>()
  const emitter = createChatEmitter()
  const roleListeners = new Set<(role: TabRole) => void>()
  let role: TabRole = 'follower'
  let engine: Chat | null = null
  let snapshot = idleSnapshot()
  let seq = 0
  let localIds = 0
  /** Commands sent to a leader and not yet acknowledged: resent to the next leader. */
  const unacked = new Map<number, TabCommand>()
  /** Commands this leader already ran, by `tab:seq`. */
  const taken = new Set<string>()
  const stopEngine: (() => void)[] = []
  let destroyed = false
  const page = tabs.document ?? (typeof document !== 'undefined' ? (document as TabDocument) : undefined)
  const inView = () => page?.visibilityState !== 'hidden'
  /** Unread is this tab's: the snapshot shows its own count, whatever the leader's engine counted. */
  const unread = createTabUnread(inView)
  /** Followers in view, as they last said: the visitor may be reading the chat in any of them. */
  const followersInView = new Set<string>()
  /** What the leader's engine was last told of the page (it does not watch `document` itself). */
  let engineVisible = true

  /**
   * The engine watches only its own page and would poll at the hidden pace
   * while the visitor reads the chat in another tab: it counts as hidden only
   * when no tab is in view.
   */
  function syncVisibility() {
    if (role !== 'leader' || !engine) return
    const visible = inView() || followersInView.size > 0
    if (engineVisible !== visible) {
      engineVisible = visible
      engine.setPageVisible(visible)
    }
  }
  const reportVisibility = () => {
    if (role === 'follower') channel.postMessage({ type: 'visibility', tab, visible: inView() })
  }

  const setSnapshot = (next: ChatSnapshot) => {
    snapshot = next.unreadCount === unread.count() ? next : { ...next, unreadCount: unread.count() }
    listeners.forEach((listener) => listener(next))
  }
  const dispatch = emitter.dispatch

  function broadcastSnapshot(next: ChatSnapshot, base: number) {
    const { transcript, ...rest } = next
    // Indices are contiguous: the entries after `base` are the last (lastIndex - base), found without a scan.
    const after = (transcript.at(-1)?.index ?? 0) - base
    channel.postMessage({ type: 'snapshot', snapshot: rest, base, entries: after > 0 ? transcript.slice(-after) : [] })
  }

  function runCommand(running: Chat, command: TabCommand) {
    try {
      switch (command.name) {
        case 'start':
          return running.start(command.params)
        case 'send':
          // The follower's id is kept, and a resent command is taken once.
          return void running.send(command.text, { id: command.id })
        case 'retryMessage':
          return running.retryMessage(command.id)
        case 'setTyping':
          return running.setTyping(command.typing)
        case 'end':
          return running.end()
        case 'retry':
          return running.retry()
      }
    } catch {
      // A command the engine refuses is refused for the follower too; its own checks already ran.
    }
  }

  function becomeLeader() {
    const running = createChat({ ...engineOptions, watchPage: false })
    engineVisible = true
    engine = running
    role = 'leader'
    let sentUpTo = 0
    stopEngine.push(
      running.subscribe((next) => {
        const base = next.transcript.length > 0 && (next.transcript.at(-1)?.index ?? 0) >= sentUpTo ? sentUpTo : 0
        broadcastSnapshot(next, base)
        sentUpTo = next.transcript.at(-1)?.index ?? 0
        setSnapshot(next)
      }),
    )
    followersInView.clear()
    page?.addEventListener('visibilitychange', syncVisibility)
    stopEngine.push(() => page?.removeEventListener('visibilitychange', syncVisibility))
    for (const type of ['message.received', 'status.changed', 'agent.typing', 'error'] as const) {
      stopEngine.push(
        running.on(type, (event: ChatEvent) => {
          channel.postMessage({ type: 'event', event })
          if (unread.received(event)) setSnapshot(snapshot)
          dispatch(event)
        }),
      )
    }
    // Its own unacknowledged commands go straight into the engine.
    for (const command of unacked.values()) runCommand(running, command)
    unacked.clear()
    setSnapshot(running.getSnapshot())
    syncVisibility()
    channel.postMessage({ type: 'leader', tab })
    broadcastSnapshot(running.getSnapshot(), 0)
    sentUpTo = running.getSnapshot().transcript.at(-1)?.index ?? 0
    roleListeners.forEach((listener) => listener(role))
  }

  function onMessage({ data }: { data: TabMessage }) {
    if (destroyed) return
    if (role === 'leader' && engine) {
      if (data.type === 'hello') broadcastSnapshot(engine.getSnapshot(), 0)
      else if (data.type === 'command') {
        // A follower resends what was not acknowledged when a leader takes over; the original may arrive too.
        const key = `${data.tab}:${data.seq}`
        if (!taken.has(key)) {
          taken.add(key)
          runCommand(engine, data.command)
        }
        channel.postMessage({ type: 'ack', tab: data.tab, seq: data.seq })
      } else if (data.type === 'visibility') {
        if (data.visible) followersInView.add(data.tab)
        else followersInView.delete(data.tab)
        syncVisibility()
      }
      return
    }
    switch (data.type) {
      case 'snapshot': {
        const own = snapshot.transcript
        const ownLast = own.at(-1)?.index ?? 0
        const sameChat = data.snapshot.chatId !== null && data.snapshot.chatId === snapshot.chatId
        let transcript: readonly TranscriptEntry[]
        if (!sameChat) {
          if (data.base !== 0) return channel.postMessage({ type: 'hello', tab })
          transcript = data.entries
        } else if (data.base > ownLast) {
          // A gap: ask for everything again.
          return channel.postMessage({ type: 'hello', tab })
        } else {
          // Indices are the server's: a new leader rebuilding the transcript never takes entries away here.
          const added = data.entries.filter((entry) => entry.index > ownLast)
          transcript = added.length > 0 ? own.concat(added) : own
        }
        setSnapshot(keepUnchanged(snapshot, { ...data.snapshot, transcript }))
        return
      }
      case 'event':
        if (unread.received(data.event)) setSnapshot(snapshot)
        return dispatch(data.event)
      case 'ack':
        if (data.tab === tab) unacked.delete(data.seq)
        return
      case 'leader':
        for (const [n, command] of unacked) channel.postMessage({ type: 'command', tab, seq: n, command })
        reportVisibility()
        return
      default:
        return
    }
  }

  channel.addEventListener('message', onMessage)
  channel.postMessage({ type: 'hello', tab })
  page?.addEventListener('visibilitychange', reportVisibility)
  reportVisibility()
  // The election decides who leads; a tab whose lock request fails leads alone.
  const election = createActor(electionMachine, { id: 'election', input: { locks, name: defaults.name } })
  election.subscribe((state) => {
    if (!destroyed && role !== 'leader' && (state.matches('leader') || state.matches('solo'))) becomeLeader()
  })
  election.start()

  /** Every command of a destroyed tab throws, like a destroyed engine's: nothing given to it is lost without a word. */
  function alive(command: string) {
    if (destroyed) throw destroyedError(command)
  }

  function forward(command: TabCommand) {
    alive(command.name)
    if (role === 'leader' && engine) return runCommand(engine, command)
    const n = ++seq
    unacked.set(n, command)
    channel.postMessage({ type: 'command', tab, seq: n, command })
  }

  const api: SharedChat = {
    get role() {
      return role
    },
    get engine() {
      return engine
    },
    onRoleChange(listener) {
      roleListeners.add(listener)
      return () => roleListeners.delete(listener)
    },
    start(params) {
      alive('start')
      if (role === 'leader' && engine) return engine.start(params)
      forward({ name: 'start', params })
    },
    send(text) {
      alive('send')
      if (role === 'leader' && engine) return engine.send(text)
      assertSendable(text, snapshot)
      const id = `${tab}-${(++localIds).toString(36)}`
      forward({ name: 'send', id, text })
      return id
    },
    retryMessage(id) {
      alive('retryMessage')
      if (role === 'leader' && engine) return engine.retryMessage(id)
      assertRetryable(id, snapshot)
      forward({ name: 'retryMessage', id })
    },
    setTyping: (typing) => forward({ name: 'setTyping', typing: Boolean(typing) }),
    end: () => forward({ name: 'end' }),
    retry: () => forward({ name: 'retry' }),
    markRead() {
      if (!destroyed && unread.markRead()) setSnapshot(snapshot)
    },
    setViewing: (viewing) => unread.setViewing(Boolean(viewing)),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => snapshot,
    on: emitter.on,
    destroy() {
      if (destroyed) return
      // A closed tab is out of view.
      if (role === 'follower') channel.postMessage({ type: 'visibility', tab, visible: false })
      page?.removeEventListener('visibilitychange', reportVisibility)
      destroyed = true
      stopEngine.forEach((stop) => stop())
      engine?.destroy()
      engine = null
      election.send({ type: 'tab.resign' })
      channel.removeEventListener('message', onMessage)
      channel.close()
      listeners.clear()
      emitter.clear()
      roleListeners.clear()
    },
  }
  return api
}

const sameMessage = (a: OutboxMessage, b: OutboxMessage) =>
  a.id === b.id && a.text === b.text && a.status === b.status && a.error?.code === b.error?.code && a.error?.message === b.error?.message

/**
 * A mirrored snapshot arrives as a structured clone: every field is a new object. Fields equal by value keep the
 * previous reference, so a follower's subscribers and selectors see the same stability as the leader's.
 */
function keepUnchanged(previous: ChatSnapshot, next: ChatSnapshot): ChatSnapshot {
  return {
    ...next,
    participants: sameParticipants(previous.participants, next.participants),
    capabilities: sameStrings(previous.capabilities, next.capabilities),
    outbox: sameOr(previous.outbox, next.outbox, sameMessage),
    error: next.error && previous.error && next.error.code === previous.error.code && next.error.message === previous.error.message ? previous.error : next.error,
  }
}
