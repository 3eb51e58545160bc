import { startSimulator, type Simulator, type SimulatorOptions } from '@gws-chat/simulator'
import { test as base, type Fixtures, type PlaywrightTestArgs, type PlaywrightTestOptions, type PlaywrightWorkerArgs, type PlaywrightWorkerOptions } from '@playwright/test'

export interface SimulatorFixtures {
  /** Options of each test's simulator; set them with `test.use({ simulatorOptions: { … } })`. Default `{}` (port 0). */
  simulatorOptions: SimulatorOptions
  /** A simulator started for this test alone (its own port), closed after it: `url`, `requests`, `agent(id)`, `addFault`, … */
  simulator: Simulator
}

/** The fixtures, to add to a test of your own: `export const test = myTest.extend(simulatorFixtures)`. */
export const simulatorFixtures: Fixtures<SimulatorFixtures, PlaywrightWorkerArgs & PlaywrightWorkerOptions, PlaywrightTestArgs & PlaywrightTestOptions, PlaywrightWorkerArgs & PlaywrightWorkerOptions> = {
  simulatorOptions: [{}, { option: true }],
  simulator: async ({ simulatorOptions }, use) => {
    const simulator = await startSimulator({ port: 0, ...simulatorOptions })
    try {
      await use(simulator)
    } finally {
      await simulator.close()
    }
  },
}

/** `@playwright/test`'s `test` with a `simulator` per test. */
export const test = base.extend<SimulatorFixtures>(simulatorFixtures)

export { expect } from '@playwright/test'
