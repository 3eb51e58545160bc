/**
 * The lifecycle model and its paths are the ones `@gws-chat/core` runs
 * against its own engine (packages/core/test/model, which imports them from here): one model, so a team's
 * UI is held to exactly what the engine is tested for.
 */
export {
  lifecycleModel,
  LIFECYCLE_EVENTS,
  type LifecycleModel,
  type LifecycleModelContext,
  type LifecycleEvent,
  type LifecycleEventType,
  type ModelEndReason,
  type ModelStatus,
} from './lifecycle.model'
export {
  getLifecyclePaths,
  lifecycleModelSize,
  expectationOf,
  type LifecycleExpectation,
  type LifecyclePath,
  type LifecyclePathOptions,
  type LifecycleStep,
  type LifecycleWorld,
  type PathKind,
} from './paths'
export {
  simulatorServer,
  LIFECYCLE_SCENARIO,
  SIMULATOR_UNSUPPORTED,
  type ServerWorld,
  type SimulatorServerOptions,
  type WaitableSimulator,
} from './simulator'
// Also `@gws-chat/testing/fixtures`, which imports neither xstate nor the simulator.
export { chatFixtures, fixtureChat, FIXTURE_NAMES, ENDED_FIXTURES, type ChatFixture, type FixtureCall, type FixtureCommand, type FixtureName } from './fixtures'
