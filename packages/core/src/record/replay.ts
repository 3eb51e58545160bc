import { createActor, SimulatedClock, type AnyActorRef } from 'xstate'
import type { ApiClient } from '../api/client'
import { chatMachine } from '../machine/chat.machine'
import { detachedConfig } from '../machine/config'
import { createEngine } from '../engine'
import type { ChatSnapshot } from '../types'
import { RECORDING_VERSION, type Recording } from './recorder'

export { projectSnapshot } from '../snapshot'

/** Every request of a replay stays unanswered: outcomes come only from the recorded events. */
const silentApi = new Proxy({} as ApiClient, { get: () => () => new Promise<never>(() => {}) })

export interface ReplayStep {
  /** The recorded event (`undefined` for the initial snapshot); an event whose effects showed in several snapshots yields a step for each. */
  event: Recording['events'][number] | undefined
  snapshot: ChatSnapshot
}

/**
 * Run a recording through the engine's machines, whose requests are never answered and whose clock never moves on
 * its own: every outcome and every timer comes from the recording, at its recorded time, delivered to the machine
 * that received it. Yields the snapshot after the start and after each recorded event.
 */
export function* replay(recording: Recording): Generator<ReplayStep> {
  if (recording.version !== RECORDING_VERSION) throw new TypeError(`replay: unknown recording version ${String(recording.version)}`)
  let now = recording.startedAt
  // The engine's machine definition; the detached config leaves the page alone (no environment watcher).
  const actor = createActor(chatMachine, {
    input: {
      ...recording.input,
      config: detachedConfig(silentApi, () => now),
    },
    // The machines' own timers are scheduled on a clock that is never advanced: the recording says when they fired.
    clock: new SimulatedClock(),
  })
  actor.start()
  // The engine's own projection, so a replay shows exactly the snapshots the engine showed.
  const engine = createEngine(actor, () => 0.5)
  const shown: ChatSnapshot[] = []
  engine.subscribe((snapshot) => shown.push(snapshot))
  try {
    yield { event: undefined, snapshot: engine.getSnapshot() }
    for (const recorded of recording.events) {
      now = recording.startedAt + recorded.at
      const target: AnyActorRef | undefined = recorded.to === undefined ? actor : actor.system.get(recorded.to)
      target?.send(recorded.event)
      const steps = shown.length > 0 ? shown.splice(0) : [engine.getSnapshot()]
      for (const snapshot of steps) yield { event: recorded, snapshot }
    }
  } finally {
    engine.destroy()
  }
}
