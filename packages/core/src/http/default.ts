import type { HttpAdapter } from './types'

/**
 * The platform's default adapter where there is no better one than the platform's `fetch` (browsers, workers, edge
 * runtimes, and source bundles): `undefined`, so `createChat` uses `createFetchAdapter()`. The published build resolves
 * this module per platform (`#default-http` in package.json `imports`): in Node, `./default-node` takes its place.
 */
export function defaultHttp(): HttpAdapter | undefined {
  return undefined
}
