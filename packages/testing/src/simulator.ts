import type { FaultRule, RequestLogEntry, Scenario, SimulatorControl } from '@gws-chat/simulator'
import type { LifecycleEventType } from './lifecycle.model'
import type { LifecycleWorld } from './paths'

/** The server's half of a lifecycle world. */
export type ServerWorld = Pick<
  LifecycleWorld,
  | 'holdRequestChat'
  | 'answerRequestChat'
  | 'agentJoins'
  | 'agentTypes'
  | 'agentSays'
  | 'agentLeaves'
  | 'transferChat'
  | 'closeChat'
  | 'timeOut'
  | 'forgetChat'
  | 'garbleAnswers'
  | 'denyAccess'
> & {
  /** Arm the next SendMessage to be applied and its answer dropped (for `LifecycleWorld.sendUnanswered`). */
  loseNextSendAnswer(): void
  /** Arm Complete to be applied and every answer to it dropped (for `LifecycleWorld.endUnanswered`). */
  loseCompleteAnswers(): void
  /** The id of the chat the paths are about (the latest one). */
  chatId(): string
}

/**
 * A scenario in which nothing happens by itself: agents join only when a
 * path says so (also after a transfer), and no notice is posted.
 */
export const LIFECYCLE_SCENARIO: Scenario = {
  name: 'lifecycle',
  queue: false,
  agent: { nickname: 'Ava', joinAfterMs: 24 * 3_600_000, reply: 'none' },
  transfer: { afterMessages: Number.MAX_SAFE_INTEGER, toNickname: 'Ben', joinAfterMs: 24 * 3_600_000 },
}

/**
 * Events the simulator cannot produce on demand; pass them to
 * `getLifecyclePaths({ exclude })`. The simulator closes a visitor's side only
 * after its disconnect timeout (start it with a short `disconnectTimeoutMs`
 * and write your own world method if you want that path), and moving a page
 * 30 minutes ahead is up to your browser's clock.
 */
export const SIMULATOR_UNSUPPORTED: readonly LifecycleEventType[] = ['server.timeOut', 'page.returnLater']

export interface SimulatorServerOptions {
  /** The simulator's `timeScale` (its fault latencies are scaled by it). Default 1. */
  timeScale?: number
  /** How long RequestChat is held, in real milliseconds: the visitor's steps in `requesting` must fit in it. Default 3000. */
  holdMs?: number
  /** Longest wait for the server to see a request, in ms. Default 10000. */
  timeoutMs?: number
}

/** A started `Simulator`, or the in-process one of `createSimulatorHandlers` (`@gws-chat/testing/msw`). */
export interface WaitableSimulator extends SimulatorControl {
  waitFor(predicate: (sim: SimulatorControl) => boolean, timeoutMs?: number): Promise<void>
}

/**
 * The server side of a lifecycle world on `@gws-chat/simulator`: agents act
 * through `sim.agent(chatId)`, faults through `sim.addFault`. Start the
 * simulator with `LIFECYCLE_SCENARIO` so that nothing happens unless a path
 * says so.
 */
export function simulatorServer(sim: WaitableSimulator, options: SimulatorServerOptions = {}): ServerWorld {
  const timeScale = options.timeScale ?? 1
  const holdMs = options.holdMs ?? 3000
  const timeoutMs = options.timeoutMs ?? 10_000
  let heldAfter = 0

  const chatId = () => {
    const id = sim.chats().at(-1)?.id
    if (id === undefined) throw new Error('simulatorServer: no chat on the simulator yet')
    return id
  }
  const agent = () => sim.agent(chatId())
  const lastRequestId = () => sim.requests.at(-1)?.id ?? 0
  const answered = (entry: RequestLogEntry) => entry.status !== 0 || entry.fault === 'drop-after-apply' || entry.fault === 'drop-before-apply'
  const fault = (rule: FaultRule) => sim.addFault(rule)

  return {
    chatId,
    holdRequestChat(answer) {
      heldAfter = lastRequestId()
      fault({ kind: 'latency', operation: 'RequestChat', latencyMs: holdMs / timeScale, times: 1 })
      if (answer === 'refuse') fault({ kind: 'http-error', operation: 'RequestChat', status: 503, times: 1 })
    },
    async answerRequestChat() {
      await sim.waitFor((s) => s.requests.some((r) => r.id > heldAfter && r.operation === 'RequestChat' && answered(r)), timeoutMs)
    },
    agentJoins: () => agent().join(),
    agentTypes: () => agent().typing(true),
    agentSays: (text) => agent().say(text),
    agentLeaves: () => agent().leave(),
    transferChat: () => agent().transfer(),
    closeChat: () => agent().end(),
    timeOut() {
      throw new Error('simulatorServer: server.timeOut is not supported; exclude it (SIMULATOR_UNSUPPORTED)')
    },
    // Every request for this chat answers 404 from now on: the chat is gone.
    forgetChat: () => fault({ kind: 'http-error', status: 404, path: `/${chatId().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/|$)` }),
    garbleAnswers: () => fault({ kind: 'malformed-json', operation: 'GetMessages', times: 2 }),
    denyAccess: () => fault({ kind: 'http-error', status: 401, operation: ['GetMessages', 'GetChat'], times: 1 }),
    loseNextSendAnswer: () => fault({ kind: 'drop-after-apply', operation: 'SendMessage', times: 1 }),
    // The engine tries Complete a few times; each attempt is applied (or refused: the chat is over) and its answer lost.
    loseCompleteAnswers: () => fault({ kind: 'drop-after-apply', operation: 'Complete', times: 5 }),
  }
}
