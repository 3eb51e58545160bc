import { createActor, fromCallback, fromPromise, SimulatedClock, type AnyActorRef, type SnapshotFrom } from 'xstate'
import type { ApiClient } from '../api/client'
import { resolvePathTemplates } from '../api/paths'
import type { createActors } from '../machine/actors'
import { createChatMachine, type ChatMachine, type ChatMachineEvent } from '../machine/chat.machine'
import { resolvePolling } from '../machine/polling-policy'
import { createChatStore, type ChatStore } from '../store/chat-store'
import type { ChatSnapshot, ChatStatus } from '../types'
import { RECORDING_VERSION, type Recording } from './recorder'

export { composeSnapshot } from '../snapshot'
import { composeSnapshot } from '../snapshot'

const never = () => new Promise<never>(() => {})

/** Every actor of the machine, inert: results come only from the recorded events. */
const inertActors = {
  requestChat: fromPromise(never),
  fetchTranscript: fromPromise(never),
  fetchChatState: fromPromise(never),
  sendMessage: fromPromise(never),
  sendTypingNotification: fromPromise(never),
  completeChat: fromPromise(never),
  watchEnvironment: fromCallback(() => () => {}),
} as unknown as ReturnType<typeof createActors>

const unusedApi = new Proxy({} as ApiClient, {
  get: () => () => Promise.reject(new Error('replay makes no request')),
})

export interface ReplayStep {
  /** The recorded event (`undefined` for the initial snapshot). */
  event: Recording['events'][number] | undefined
  snapshot: ChatSnapshot
}

/**
 * Run a recording through a fresh machine whose actors do nothing and whose
 * clock never moves on its own: every outcome and every timer comes from the
 * recording, at its recorded time. Yields the snapshot after the start and
 * after each recorded event.
 */
export function* replay(recording: Recording): Generator<ReplayStep> {
  if (recording.version !== RECORDING_VERSION) throw new TypeError(`replay: unknown recording version ${String(recording.version)}`)
  let now = recording.startedAt
  const store = createChatStore()
  const machine = createChatMachine({
    api: unusedApi,
    store,
    templates: resolvePathTemplates(undefined),
    honourReturnedPath: true,
    basePathname: '/',
    polling: resolvePolling(),
    typingIdleMs: 5000,
    maxSendAttempts: 5,
    random: () => 0.5,
    now: () => now,
  }).provide({ actors: inertActors })
  // The machine's own timers are scheduled on a clock that is never advanced: the recording says when they fired.
  const actor = createActor(machine, { input: recording.input, clock: new SimulatedClock() })
  actor.start()
  try {
    yield { event: undefined, snapshot: composeSnapshot(actor.getSnapshot(), store) }
    for (const recorded of recording.events) {
      now = recording.startedAt + recorded.at
      ;(actor as AnyActorRef).send(recorded.event as ChatMachineEvent)
      yield { event: recorded, snapshot: composeSnapshot(actor.getSnapshot(), store) }
    }
  } finally {
    actor.stop()
  }
}
