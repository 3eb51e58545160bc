import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createChatMachine } from '../../src'
import { allStateIds, allTransitionKeys, createCoverage } from './coverage'
import { createEngineWorld } from './engine-world'
import { getLifecyclePaths, lifecycleModelSize, type PathKind } from './paths'

/**
 * Model-based lifecycle suite: every path the abstract model generates drives
 * a real engine, and the run reports how much of the real machine the paths
 * went through.
 *
 * `GWS_MBT=all` adds every simple path of the model (a longer run).
 */

const kinds: PathKind[] = process.env.GWS_MBT === 'all' ? ['transitions', 'simple'] : ['transitions']

/** Transitions of the real machine no model path can take; each is explained in `docs/testing.md`. */
const TRANSITION_THRESHOLD = 0.78

const coverage = createCoverage()
const machine = createChatMachine({} as never)
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
      const { world, destroy } = createEngineWorld({ inspect: coverage.inspect })
      try {
        await path.run(world)
      } finally {
        destroy()
      }
      pathsRun += 1
      stepsRun += path.steps.length
    })
  })
}

describe('coverage of the real machine', () => {
  const states = allStateIds(machine)
  const transitions = allTransitionKeys(machine)

  afterAll(() => {
    const size = lifecycleModelSize()
    const coveredTransitions = transitions.filter((key) => coverage.transitions.has(key))
    console.info(
      [
        `model: ${size.states} states, ${size.transitions} transitions; ran ${pathsRun} paths (${kinds.join(' + ')}), ${stepsRun} steps in ${Date.now() - startedAt} ms`,
        `real machine: states ${states.filter((id) => coverage.states.has(id)).length}/${states.length}, transitions ${coveredTransitions.length}/${transitions.length} (${Math.round((coveredTransitions.length / transitions.length) * 100)} %)`,
        'not taken:',
        ...transitions.filter((key) => !coverage.transitions.has(key)).map((key) => `  ${key}`),
      ].join('\n'),
    )
  })

  it('every state of the real machine was visited', () => {
    expect(states.filter((id) => !coverage.states.has(id))).toEqual([])
  })

  it(`at least ${TRANSITION_THRESHOLD * 100} % of the real machine's transitions were taken`, () => {
    const covered = transitions.filter((key) => coverage.transitions.has(key)).length
    expect(covered / transitions.length).toBeGreaterThanOrEqual(TRANSITION_THRESHOLD)
  })

  it('knows every transition it saw (the keys match the machine)', () => {
    expect([...coverage.transitions].filter((key) => !transitions.includes(key))).toEqual([])
  })
})
