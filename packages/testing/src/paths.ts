import { createActor, type SnapshotFrom } from 'xstate'
import { getAdjacencyMap, getShortestPaths, getSimplePaths, type StatePath } from 'xstate/graph'
import {
  LIFECYCLE_EVENTS,
  lifecycleModel,
  type LifecycleEvent,
  type LifecycleEventType,
  type ModelEndReason,
  type ModelStatus,
} from './lifecycle.model'

type Awaitable = Promise<void> | void

/** What the visitor should see once the world has settled after a step. */
export interface LifecycleExpectation {
  status: ModelStatus
  /** Why the chat ended; only when `status` is `ended`. */
  endReason?: ModelEndReason
  /** The link as the engine reports it; only while `queued` or `connected`. */
  connection?: 'online' | 'offline'
  /** Messages wait to be sent (`true`), or none is queued or being sent (`false`). */
  unsent: boolean
}

/**
 * The world a lifecycle path runs in: the visitor's actions through your UI,
 * the browser's network, and the server (for instance the simulator, see
 * `simulatorServer`). Each method returns once its effect has had time to
 * reach the UI; `expect` fails (throws) when the UI does not show what the
 * visitor should see, waiting for it as long as your runner allows.
 */
export interface LifecycleWorld {
  // The visitor
  start(): Awaitable
  send(text: string): Awaitable
  /** The visitor sends; the server applies the message but its answer never arrives (a network cut, a proxy timeout). */
  sendUnanswered(text: string): Awaitable
  type(): Awaitable
  end(): Awaitable
  /** The visitor ends; the server applies Complete but none of its answers arrives. */
  endUnanswered(): Awaitable
  retry(): Awaitable
  /** The page is hidden for a while (another tab), then visible again. */
  hidePage(): Awaitable
  /** The page reloads (the engine is created again with the same storage). */
  reload(): Awaitable
  /** The page is closed, and opened again after the saved chat expired (more than 30 minutes later). */
  returnLater(): Awaitable
  // The browser's network
  dropNetwork(): Awaitable
  restoreNetwork(): Awaitable
  // The server
  /** Called right before the visitor's action that sends RequestChat: hold its answer until `answerRequestChat`. */
  holdRequestChat(answer: 'accept' | 'refuse'): Awaitable
  answerRequestChat(): Awaitable
  agentJoins(): Awaitable
  agentTypes(): Awaitable
  agentSays(text: string): Awaitable
  /** The last agent leaves and the chat ends. */
  agentLeaves(): Awaitable
  /** The agent leaves and the chat goes back to the queue. */
  transferChat(): Awaitable
  /** The server ends the chat (state Idle) without a leave entry for the visitor. */
  closeChat(): Awaitable
  /** The server closes the visitor's side (a `ParticipantLeft` of the visitor). */
  timeOut(): Awaitable
  /** The chat is gone: every request for it answers statusCode 6. */
  forgetChat(): Awaitable
  /** A few answers are malformed, then the server recovers. */
  garbleAnswers(): Awaitable
  /** A poll is refused for good (for example an expired session). */
  denyAccess(): Awaitable
  // Checks
  expect(expected: LifecycleExpectation): Awaitable
}

export interface LifecycleStep {
  event: LifecycleEventType
  /** The browser is offline when the step starts (a real page cannot be reloaded then without a service worker). */
  offline: boolean
  /** Readable: `agent.say ("agent message 1") → connected`. */
  description: string
  expected: LifecycleExpectation
  run(world: LifecycleWorld): Promise<void>
}

export interface LifecyclePath {
  /** The events in order and the state the path ends in. */
  description: string
  steps: LifecycleStep[]
  /** Check the initial state, then run and check every step. */
  run(world: LifecycleWorld): Promise<void>
}

export type PathKind =
  /** One shortest path to every state of the model. */
  | 'shortest'
  /** Every transition of the model once, each at the end of the shortest path to its source. */
  | 'transitions'
  /** Every path that visits no state twice (many). */
  | 'simple'

export interface LifecyclePathOptions {
  kind: PathKind
  /** Events your world cannot produce; paths avoid them. */
  exclude?: readonly LifecycleEventType[]
}

type ModelSnapshot = SnapshotFrom<typeof lifecycleModel>

export function expectationOf(snapshot: ModelSnapshot): LifecycleExpectation {
  const status = snapshot.value as ModelStatus
  const { context } = snapshot
  return {
    status,
    ...(status === 'ended' && context.endReason !== null ? { endReason: context.endReason } : {}),
    ...(status === 'queued' || status === 'connected' ? { connection: context.online ? ('online' as const) : ('offline' as const) } : {}),
    unsent: context.unsent,
  }
}

const PERFORM: Record<LifecycleEventType, (world: LifecycleWorld, text: string) => Awaitable> = {
  'visitor.start': (world) => world.start(),
  'visitor.send': (world, text) => world.send(text),
  'visitor.sendUnanswered': (world, text) => world.sendUnanswered(text),
  'visitor.type': (world) => world.type(),
  'visitor.end': (world) => world.end(),
  'visitor.endUnanswered': (world) => world.endUnanswered(),
  'visitor.retry': (world) => world.retry(),
  'page.hide': (world) => world.hidePage(),
  'page.reload': (world) => world.reload(),
  'page.returnLater': (world) => world.returnLater(),
  'network.drop': (world) => world.dropNetwork(),
  'network.return': (world) => world.restoreNetwork(),
  'server.accept': (world) => world.answerRequestChat(),
  'server.refuse': (world) => world.answerRequestChat(),
  'server.close': (world) => world.closeChat(),
  'server.timeOut': (world) => world.timeOut(),
  'server.forget': (world) => world.forgetChat(),
  'server.garble': (world) => world.garbleAnswers(),
  'server.deny': (world) => world.denyAccess(),
  'agent.join': (world) => world.agentJoins(),
  'agent.type': (world) => world.agentTypes(),
  'agent.say': (world, text) => world.agentSays(text),
  'agent.leave': (world) => world.agentLeaves(),
  'agent.transfer': (world) => world.transferChat(),
}

function describeExpectation(expected: LifecycleExpectation): string {
  const details = [expected.endReason, expected.connection === 'offline' ? 'offline' : undefined, expected.unsent ? 'unsent' : undefined]
  const shown = details.filter((detail) => detail !== undefined)
  return shown.length > 0 ? `${expected.status} (${shown.join(', ')})` : expected.status
}

/** Turn a model path into steps that drive a world, with the server's RequestChat answers decided ahead. */
function toLifecyclePath(full: StatePath<ModelSnapshot, LifecycleEvent>, initial: ModelSnapshot): LifecyclePath {
  // Generated paths begin with the model's own `xstate.init` step.
  const path = { ...full, steps: full.steps.filter((step) => (step.event.type as string) !== 'xstate.init') }
  let visitorTexts = 0
  let agentTexts = 0
  let before = initial
  const steps = path.steps.map((step, at): LifecycleStep => {
    const event = step.event.type
    const text = event === 'visitor.send' || event === 'visitor.sendUnanswered' ? `visitor message ${++visitorTexts}` : event === 'agent.say' ? `agent message ${++agentTexts}` : ''
    const sendsRequestChat = event === 'visitor.start' || (event === 'visitor.retry' && before.context.chat === 'none')
    const answer = sendsRequestChat ? requestChatAnswer(path, at + 1) : undefined
    const expected = expectationOf(step.state)
    const offline = !before.context.online
    before = step.state
    return {
      event,
      offline,
      description: `${event}${text ? ` ("${text}")` : ''} → ${describeExpectation(expected)}`,
      expected,
      async run(world) {
        if (answer !== undefined) await world.holdRequestChat(answer)
        await PERFORM[event](world, text)
        await world.expect(expected)
      },
    }
  })
  return {
    description: `${path.steps.map((s) => s.event.type).join(' → ') || '(start)'} ⇒ ${describeExpectation(expectationOf(path.state))}`,
    steps,
    async run(world) {
      await world.expect(expectationOf(initial))
      for (const step of steps) {
        try {
          await step.run(world)
        } catch (error) {
          const at = steps.indexOf(step) + 1
          throw new Error(`step ${at} of ${steps.length}, ${step.description}: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error,
          })
        }
      }
    },
  }
}

function requestChatAnswer(path: StatePath<ModelSnapshot, LifecycleEvent>, from: number): 'accept' | 'refuse' {
  for (const step of path.steps.slice(from)) {
    if (step.event.type === 'server.accept') return 'accept'
    if (step.event.type === 'server.refuse') return 'refuse'
  }
  return 'accept'
}

const serialize = (snapshot: ModelSnapshot) => JSON.stringify({ value: snapshot.value, context: snapshot.context })

/** Drop paths whose steps are the beginning of another path: the longer one checks the same states. */
function withoutPrefixes<T extends StatePath<ModelSnapshot, LifecycleEvent>>(paths: T[]): T[] {
  const keys = paths.map((path) => path.steps.map((step) => step.event.type).join('\u0000'))
  return paths.filter((_, i) => {
    const key = keys[i]!
    return !keys.some((other, j) => j !== i && other.length > key.length && other.startsWith(key + '\u0000'))
      && keys.indexOf(key) === i
  })
}

/** The lifecycle paths to run against a world; see `PathKind`. */
export function getLifecyclePaths(options: LifecyclePathOptions): LifecyclePath[] {
  const excluded = new Set(options.exclude ?? [])
  const traversal = {
    events: LIFECYCLE_EVENTS.filter((type) => !excluded.has(type)).map((type) => ({ type })),
    // Only events the model handles in a state: an ignored event is not a step worth taking.
    filterEvents: (snapshot: ModelSnapshot, event: LifecycleEvent) => snapshot.can(event),
    serializeState: serialize,
  }
  const initial = createActor(lifecycleModel).getSnapshot()
  let paths: StatePath<ModelSnapshot, LifecycleEvent>[]
  if (options.kind === 'shortest') {
    paths = getShortestPaths(lifecycleModel, traversal)
  } else if (options.kind === 'simple') {
    paths = getSimplePaths(lifecycleModel, traversal)
  } else {
    const shortest = new Map(getShortestPaths(lifecycleModel, traversal).map((path) => [serialize(path.state), path]))
    paths = []
    for (const [key, vertex] of Object.entries(getAdjacencyMap(lifecycleModel, traversal))) {
      const to = shortest.get(key)
      if (!to) continue
      for (const edge of Object.values(vertex.transitions) as { event: LifecycleEvent; state: ModelSnapshot }[]) {
        paths.push({ state: edge.state, weight: to.weight + 1, steps: [...to.steps, { event: edge.event, state: edge.state }] })
      }
    }
  }
  return withoutPrefixes(paths).map((path) => toLifecyclePath(path, initial))
}

/** How many states and transitions the model has (with the given exclusions). */
export function lifecycleModelSize(exclude: readonly LifecycleEventType[] = []) {
  const excluded = new Set(exclude)
  const adjacency = getAdjacencyMap(lifecycleModel, {
    events: LIFECYCLE_EVENTS.filter((type) => !excluded.has(type)).map((type) => ({ type })),
    filterEvents: (snapshot: ModelSnapshot, event: LifecycleEvent) => snapshot.can(event),
    serializeState: serialize,
  })
  const vertices = Object.values(adjacency)
  return { states: vertices.length, transitions: vertices.reduce((sum, v) => sum + Object.keys(v.transitions).length, 0) }
}
