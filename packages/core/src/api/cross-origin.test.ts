import { afterEach, describe, expect, it, vi } from 'vitest'
import { isChatError, type ChatError } from '../errors'
import { createFetchAdapter } from '../http/fetch'
import { createOfetchAdapter } from '../http/ofetch'
import type { HttpAdapter } from '../http/types'
import { createApiClient } from './client'

afterEach(() => {
  vi.unstubAllGlobals()
})

const at = { id: 'c1', chat: '/api/v2/chats/c1', messages: '/api/v2/chats/c1/messages' }
const page = (href: string) => vi.stubGlobal('location', new URL(href))

async function failure(http: HttpAdapter, options: { baseUrl?: string; withCredentials?: boolean } = {}): Promise<ChatError> {
  const api = createApiClient({
    baseUrl: options.baseUrl ?? 'https://gws.example.com',
    contactCenterId: 'cc',
    http,
    withCredentials: options.withCredentials ?? true,
    requestTimeoutMs: 5000,
    requestChatPath: '/api/v2/chats',
  })
  const error = await api.getMessages(at, 1, new AbortController().signal).then(
    () => null,
    (e: unknown) => e,
  )
  if (!isChatError(error)) throw new Error('expected a ChatError')
  return error
}

const refused: HttpAdapter = () => Promise.reject(new TypeError('Failed to fetch'))
const HINT = /; cross-origin: a server that allows any origin \(Access-Control-Allow-Origin: \*\) needs withCredentials: false$/

describe('a network failure against a cross-origin baseUrl', () => {
  it('says what to check when the browser refuses the answer, and keeps the code', async () => {
    page('https://shop.example/checkout')
    const error = await failure(refused)
    expect(error.code).toBe('network_error')
    expect(error.message).toMatch(/^GetMessages: request failed \(Failed to fetch\); cross-origin/)
    expect(error.message).toMatch(HINT)
  })

  it('also for ofetch, whose error wraps the TypeError', async () => {
    page('https://shop.example/')
    const wrapped = Object.assign(new Error('[GET] "https://gws.example.com/api/v2/chats/c1/messages?index=1": <no response> Failed to fetch'), {
      name: 'FetchError',
      cause: new TypeError('Failed to fetch'),
    })
    expect((await failure(() => Promise.reject(wrapped))).message).toMatch(HINT)
  })

  it.each([
    ['the same origin', { baseUrl: 'https://shop.example/gws' }, refused],
    ['credentials off', { withCredentials: false }, refused],
    ['an abort', {}, () => Promise.reject(new DOMException('aborted', 'AbortError'))],
    ['an error of the adapter’s own', {}, () => Promise.reject(new Error('socket hang up'))],
  ] as const)('gives no hint for %s', async (_, options, http) => {
    page('https://shop.example/')
    const error = await failure(http as HttpAdapter, options)
    expect(error.code).toBe('network_error')
    expect(error.message).not.toMatch(HINT)
  })

  it('gives no hint where there is no page (Node), with the shipped adapters and a refused connection', async () => {
    expect(globalThis.location).toBeUndefined()
    for (const http of [createFetchAdapter(), createOfetchAdapter()]) {
      const error = await failure(http, { baseUrl: 'http://127.0.0.1:9' })
      expect(error.code).toBe('network_error')
      expect(error.message).not.toMatch(HINT)
    }
  })

  it('with the shipped adapters in a page, a refused connection carries the hint', async () => {
    page('https://shop.example/')
    for (const http of [createFetchAdapter(), createOfetchAdapter()]) {
      expect((await failure(http, { baseUrl: 'http://127.0.0.1:9' })).message).toMatch(HINT)
    }
  })
})
