import { setup, type SnapshotFrom } from 'xstate'
import type { ConnectionState } from '../types'

export type ConnectivityEvent =
  | { type: 'network.online' }
  | { type: 'network.offline' }
  | { type: 'link.failing' }
  | { type: 'link.ok' }
  | { type: 'link.idle' }

/**
 * The health of the chat's link, as `snapshot.connection` shows it: the browser's network (online/offline) and
 * whether the engine's requests are failing (healthy/failing). Pollers report `link.failing` when a request fails
 * and `link.ok` when one succeeds again; `link.idle` says no request is being made (an ended chat, an error).
 */
export const connectivityMachine = setup({
  types: { events: {} as ConnectivityEvent },
}).createMachine({
  id: 'connectivity',
  description: 'Online, reconnecting or offline: the browser’s network and the engine’s own requests.',
  type: 'parallel',
  states: {
    network: {
      description: 'What the browser says of its network.',
      initial: 'online',
      states: {
        online: { description: 'The browser has a network.', on: { 'network.offline': 'offline' } },
        offline: { description: 'The browser reports no network: nothing is requested until it is back.', on: { 'network.online': 'online' } },
      },
    },
    link: {
      description: 'Whether the engine’s requests are getting answers.',
      initial: 'healthy',
      states: {
        healthy: { description: 'The last request of every poller was answered.', on: { 'link.failing': 'failing' } },
        failing: {
          description: 'A poller’s requests are failing and being retried.',
          on: { 'link.ok': 'healthy', 'link.idle': 'healthy' },
        },
      },
    },
  },
})

export type ConnectivitySnapshot = SnapshotFrom<typeof connectivityMachine>

export function connectionOf(snapshot: ConnectivitySnapshot | undefined): ConnectionState {
  if (!snapshot) return 'online'
  if (snapshot.matches({ network: 'offline' })) return 'offline'
  return snapshot.matches({ link: 'failing' }) ? 'reconnecting' : 'online'
}
