import { fromCallback } from 'xstate'
import type { WebLocks as TabLocks } from '../types'

/** How long a restored outbox waits for the chat's sender lock before it leaves its messages to the engine holding it. */
export const CLAIM_WAIT_MS = 2000

export type ClaimEvent = { type: 'claim.granted' } | { type: 'claim.denied' }

/**
 * Locks within this JavaScript realm, for engines without the Web Locks API (two engines of one test sharing one
 * storage): exclusive per name, queued in request order, shared by every copy of the module through a global unless a
 * registry of its own is given.
 */
export function realmLocks(registry: Map<string, (() => void)[]> = sharedRegistry()): TabLocks {
  return {
    request(name, options, callback) {
      return new Promise((resolve, reject) => {
        const queue = registry.get(name) ?? []
        registry.set(name, queue)
        let granted = false
        const grant = () => {
          granted = true
          options.signal?.removeEventListener('abort', withdraw)
          callback().then(release, release)
        }
        const release = (value: unknown) => {
          queue.shift()
          if (queue.length === 0) registry.delete(name)
          else queue[0]?.()
          resolve(value)
        }
        const withdraw = () => {
          if (granted) return
          const at = queue.indexOf(grant)
          if (at >= 0) queue.splice(at, 1)
          if (queue.length === 0) registry.delete(name)
          reject(options.signal?.reason)
        }
        if (options.signal?.aborted) return reject(options.signal.reason)
        options.signal?.addEventListener('abort', withdraw, { once: true })
        queue.push(grant)
        if (queue.length === 1) grant()
      })
    },
  }
}

function sharedRegistry(): Map<string, (() => void)[]> {
  const key = Symbol.for('gws-chat.realm-locks')
  return ((globalThis as Record<symbol, unknown>)[key] ??= new Map<string, (() => void)[]>()) as Map<string, (() => void)[]>
}

/**
 * One sender per chat: holds the chat's lock for as long as it runs. `claim.granted` once held; `claim.denied` when
 * another engine (a duplicated tab restoring the same record) still holds it after `CLAIM_WAIT_MS`. Stopping the
 * actor releases the lock or withdraws the request. An engine without a lock manager never starts it (the outbox's
 * `claim.unshared`).
 */
export const claimSender = fromCallback<ClaimEvent, { locks: TabLocks; name: string; waitMs: number }>(({ input, sendBack }) => {
  const locks = input.locks
  const withdraw = new AbortController()
  let release: (() => void) | null = null
  let stopped = false
  let settled = false
  const timer = setTimeout(() => {
    if (settled) return
    settled = true
    sendBack({ type: 'claim.denied' })
  }, input.waitMs)
  locks
    .request(input.name, { mode: 'exclusive', signal: withdraw.signal }, () => {
      if (stopped) return Promise.resolve()
      clearTimeout(timer)
      if (!settled) {
        settled = true
        sendBack({ type: 'claim.granted' })
      }
      return new Promise<void>((resolve) => {
        release = resolve
      })
    })
    .catch(() => {
      // Withdrawn, or no lock to be had: the outbox decided on the timeout.
    })
  return () => {
    stopped = true
    clearTimeout(timer)
    withdraw.abort()
    release?.()
  }
})
