import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { ENGINE_MACHINES } from '../../src/diagram/chat-statechart'
import { allStateIds, allTransitionKeys, createCoverage } from './coverage'
import { createEngineWorld } from './engine-world'
import { getLifecyclePaths, lifecycleModelSize, type PathKind } from '../../../testing/src/paths'

/**
 * Model-based lifecycle suite: every path the abstract model generates drives
 * a real engine, and the run reports how much of the real machine the paths
 * went through.
 *
 * `GWS_MBT=all` adds every simple path of the model (a longer run).
 */

const kinds: PathKind[] = process.env.GWS_MBT === 'all' ? ['transitions', 'simple'] : ['transitions']

/**
 * What the lifecycle paths reach of each machine, as floors CI holds (the paths drive the whole engine; each child
 * machine's own test file takes every one of its states and transitions, see `machine-coverage.ts`).
 */
const FLOORS: Record<string, { states: number; transitions: number }> = {
  chat: { states: 1, transitions: 0.8 },
  transcriptPoller: { states: 1, transitions: 0.8 },
  chatStatePoller: { states: 1, transitions: 0.87 },
  // The paths never run two engines on one record: the claim's `elsewhere` is left to outbox.machine.test.ts and restore.test.ts.
  outbox: { states: 0.9, transitions: 0.71 },
  // The paths never type again within the idle period of a Start, so the rate limit's `holding` is left to typing.machine.test.ts.
  typing: { states: 0.8, transitions: 0.45 },
  completer: { states: 1, transitions: 0.77 },
  connectivity: { states: 1, transitions: 0.8 },
  // Tabs are not part of the lifecycle paths: the election's own test and the Chromium tabs test take it.
  election: { states: 0, transitions: 0 },
}

const coverage = createCoverage()
const startedAt = Date.now()
let pathsRun = 0
let stepsRun = 0

afterEach(() => {
  vi.useRealTimers()
})

for (const kind of kinds) {
  const paths = getLifecyclePaths({ kind })
  describe(`lifecycle paths (${kind}, ${paths.length})`, () => {
    it.each(paths.map((path) => [path.description, path] as const))('%s', async (_, path) => {
      const engine = createEngineWorld({ inspect: coverage.inspect })
      const { world, destroy } = engine
      try {
        await path.run(world)
        // Liveness: from wherever the path ended, end() leads to `ended`, and a reload does not bring the chat back.
        // (An idle page has no chat to end; a RequestChat still held by the server is answered after end().)
        const last = engine.chat.getSnapshot().status
        if (last !== 'idle') {
          await world.restoreNetwork()
          await world.end()
          if (last === 'requesting') await world.answerRequestChat()
          expect(engine.chat.getSnapshot().status, 'end() from the last state of the path').toBe('ended')
        }
        await world.reload()
        expect(engine.chat.getSnapshot().status, 'after a reload, the ended chat stays gone').toBe('idle')
      } finally {
        destroy()
      }
      pathsRun += 1
      stepsRun += path.steps.length
    })
  })
}

describe('coverage of the real machines', () => {
  const machines = ENGINE_MACHINES.map(({ machine }) => ({
    id: machine.id,
    states: allStateIds(machine),
    transitions: allTransitionKeys(machine),
  }))

  afterAll(() => {
    const size = lifecycleModelSize()
    console.info(
      [
        `model: ${size.states} states, ${size.transitions} transitions; ran ${pathsRun} paths (${kinds.join(' + ')}), ${stepsRun} steps in ${Date.now() - startedAt} ms`,
        ...machines.map(({ id, states, transitions }) => {
          const covered = transitions.filter((key) => coverage.transitions.has(key)).length
          return `${id}: states ${states.filter((s) => coverage.states.has(s)).length}/${states.length}, transitions ${covered}/${transitions.length} (${Math.round((covered / transitions.length) * 100)} %)`
        }),
        'not taken:',
        ...machines.flatMap(({ transitions }) => transitions.filter((key) => !coverage.transitions.has(key)).map((key) => `  ${key}`)),
      ].join('\n'),
    )
  })

  it.each(machines.map((m) => [m.id, m] as const))('the states of %s were visited', (id, m) => {
    const missed = m.states.filter((state) => !coverage.states.has(state))
    if (FLOORS[id]!.states === 1) expect(missed).toEqual([])
    else expect(1 - missed.length / m.states.length).toBeGreaterThanOrEqual(FLOORS[id]!.states)
  })

  it.each(machines.map((m) => [m.id, m] as const))('enough of the transitions of %s were taken', (id, m) => {
    const covered = m.transitions.filter((key) => coverage.transitions.has(key)).length
    expect(covered / m.transitions.length).toBeGreaterThanOrEqual(FLOORS[id]!.transitions)
  })

  it('knows every transition it saw (the keys match the machines)', () => {
    const known = new Set(machines.flatMap((m) => m.transitions))
    expect([...coverage.transitions].filter((key) => !known.has(key))).toEqual([])
  })
})
