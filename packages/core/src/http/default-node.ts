import { createNodeHttpAdapter } from '../node/http'
import { hasDom } from '../platform'
import type { HttpAdapter } from './types'

let shared: HttpAdapter | undefined

/**
 * The default adapter in Node: one `createNodeHttpAdapter()` for the whole process (its keep-alive sockets are shared by
 * every chat), created on first use. Where a DOM is present (jsdom or happy-dom tests), `undefined`: the engine uses
 * `fetch` as in a browser, so a test that stubs `fetch` there keeps working.
 */
export function defaultHttp(): HttpAdapter | undefined {
  if (hasDom()) return undefined
  shared ??= createNodeHttpAdapter()
  return shared
}
