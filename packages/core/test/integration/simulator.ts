/**
 * The simulator, from source. Vitest resolves `@gws-chat/simulator` through its alias, but the
 * core package's `tsc` has no mapping for it (core does not depend on the simulator), so the
 * integration tests import it through this file.
 */
export * from '../../../simulator/src/index'
