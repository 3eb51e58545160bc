import { assign, setup } from 'xstate'

/**
 * The abstract model of a chat's lifecycle, as the visitor sees it.
 *
 * Its events are what the world does (the visitor, the browser, the server and
 * its agents), not the engine's internal events, and it has no `invoke` or
 * `after`: `xstate/graph` walks it to generate test paths, and each path drives
 * a real engine. The engine's own machine is the system under test; this one
 * is the specification it is tested against.
 *
 * Kept free of imports other than `xstate` so that `@gws-chat/testing` can
 * ship it to teams that test their own UI.
 */

export type ModelStatus = 'idle' | 'requesting' | 'queued' | 'connected' | 'ended' | 'error'
export type ModelEndReason = 'customer' | 'agent' | 'server' | 'timeout'

export interface LifecycleModelContext {
  /** The browser has a network connection. */
  online: boolean
  /** Messages the visitor sent wait in the outbox (no chat yet, offline, or the chat is in error). */
  unsent: boolean
  /** The visitor ended the chat while RequestChat was in flight. */
  endRequested: boolean
  /** The visitor ended the chat while offline: Complete waits for the network. */
  endPending: boolean
  /** An agent has been in this chat. */
  agentSeen: boolean
  /** The chat as the server has it: none yet, waiting for an agent, or with one. */
  chat: 'none' | 'waiting' | 'chatting'
  endReason: ModelEndReason | null
}

/** Every event of the model: who acts, then what they do. */
export const LIFECYCLE_EVENTS = [
  'visitor.start',
  'visitor.send',
  'visitor.sendUnanswered',
  'visitor.type',
  'visitor.end',
  'visitor.endUnanswered',
  'visitor.retry',
  'page.hide',
  'page.reload',
  'page.returnLater',
  'network.drop',
  'network.return',
  'server.accept',
  'server.refuse',
  'server.close',
  'server.timeOut',
  'server.forget',
  'server.garble',
  'server.deny',
  'agent.join',
  'agent.type',
  'agent.say',
  'agent.leave',
  'agent.transfer',
] as const

export type LifecycleEventType = (typeof LIFECYCLE_EVENTS)[number]
export type LifecycleEvent = { type: LifecycleEventType }

const fresh: LifecycleModelContext = {
  online: true,
  unsent: false,
  endRequested: false,
  endPending: false,
  agentSeen: false,
  chat: 'none',
  endReason: null,
}

export const lifecycleModel = setup({
  types: {
    context: {} as LifecycleModelContext,
    events: {} as LifecycleEvent,
  },
  guards: {
    online: ({ context }) => context.online,
    offline: ({ context }) => !context.online,
    endRequested: ({ context }) => context.endRequested,
    endPending: ({ context }) => context.endPending,
    noEndPending: ({ context }) => !context.endPending,
    endPendingOffline: ({ context }) => !context.online && context.endPending,
    noChat: ({ context }) => context.chat === 'none',
    chatWaiting: ({ context }) => context.chat === 'waiting',
    chatExists: ({ context }) => context.chat !== 'none',
    agentSeen: ({ context }) => context.agentSeen,
  },
  actions: {
    /** Nothing the model tracks changes; the step still runs and its checks still apply. */
    noted: () => {},
    /** A new chat; the browser's network stays as it is. */
    reset: assign(({ context }) => ({ ...fresh, online: context.online })),
    queueUnsent: assign({ unsent: true }),
    drop: assign({ online: false }),
    restore: assign({ online: true, unsent: false }),
    awaitNetworkToEnd: assign({ endPending: true }),
    goOnline: assign({ online: true }),
    forgetPendingEnd: assign({ endPending: false }),
    endByCustomer: assign({ endReason: 'customer' as const, unsent: false, endPending: false }),
    endByAgent: assign({ endReason: 'agent' as const, unsent: false }),
    endByServer: assign({ endReason: 'server' as const, unsent: false }),
    endByTimeout: assign({ endReason: 'timeout' as const, unsent: false }),
    endByAgentOrServer: assign(({ context }) => ({ endReason: context.agentSeen ? ('agent' as const) : ('server' as const), unsent: false })),
  },
}).createMachine({
  id: 'lifecycle',
  context: { ...fresh },
  initial: 'idle',
  states: {
    idle: {
      description: 'No chat yet.',
      on: {
        'visitor.start': { guard: 'online', target: 'requesting', actions: 'reset' },
        'network.return': { guard: 'offline', actions: assign({ online: true }) },
      },
    },
    requesting: {
      description: 'RequestChat waits for the server’s answer.',
      on: {
        'server.accept': [
          { guard: 'endRequested', target: 'ended', actions: ['endByCustomer', assign({ chat: 'waiting' as const })] },
          { target: 'queued', actions: assign({ chat: 'waiting' as const, unsent: false }) },
        ],
        'server.refuse': [
          // The visitor asked to end and no chat was created: nothing is left to end.
          { guard: 'endRequested', target: 'ended', actions: 'endByCustomer' },
          { target: 'error' },
        ],
        'visitor.send': { actions: 'queueUnsent' },
        'visitor.end': { guard: ({ context }) => !context.endRequested, actions: assign({ endRequested: true }) },
        // Nothing is kept before the chat exists: the new page starts over (messages typed so far go with the old page).
        'page.reload': { target: 'idle', actions: 'reset' },
      },
    },
    queued: {
      description: 'The chat waits for an agent.',
      on: {
        ...liveEvents(),
        'agent.join': { guard: 'online', target: 'connected', actions: assign({ chat: 'chatting' as const, agentSeen: true }) },
        'server.close': { guard: 'online', target: 'ended', actions: 'endByAgentOrServer' },
      },
    },
    connected: {
      description: 'An agent is in the chat.',
      on: {
        ...liveEvents(),
        'agent.type': { guard: 'online', actions: 'noted' },
        'agent.say': { guard: 'online', actions: 'noted' },
        'agent.leave': { guard: 'online', target: 'ended', actions: 'endByAgent' },
        'agent.transfer': { guard: 'online', target: 'queued', actions: assign({ chat: 'waiting' as const }) },
        'server.close': { guard: 'online', target: 'ended', actions: 'endByAgent' },
      },
    },
    error: {
      description: 'A failure the engine does not retry by itself; the visitor may retry or end.',
      on: {
        'visitor.retry': [
          // While Complete waits for the network the chat is being ended: a retry changes nothing.
          { guard: 'endPending', actions: 'noted' },
          { guard: 'noChat', target: 'requesting' },
          { guard: 'chatWaiting', target: 'queued', actions: assign(({ context }) => ({ unsent: context.unsent && !context.online })) },
          { target: 'connected', actions: assign(({ context }) => ({ unsent: context.unsent && !context.online })) },
        ],
        'visitor.end': [
          { guard: 'noChat', target: 'ended', actions: 'endByCustomer' },
          { guard: 'online', target: 'ended', actions: 'endByCustomer' },
          // Offline, Complete waits for the network (still `error` until then).
          { guard: 'noEndPending', actions: 'awaitNetworkToEnd' },
        ],
        /** Complete is applied but its answers are lost: the engine retries, then asks GetChat, which says the chat ended. */
        'visitor.endUnanswered': { guard: ({ context }) => context.chat !== 'none' && context.online && !context.endPending, target: 'ended', actions: 'endByCustomer' },
        'visitor.send': { actions: 'queueUnsent' },
        'network.drop': { guard: ({ context }) => context.chat !== 'none' && context.online, actions: 'drop' },
        'network.return': [
          { guard: 'endPendingOffline', target: 'ended', actions: ['endByCustomer', 'goOnline'] },
          { guard: 'offline', actions: assign({ online: true }) },
        ],
        'page.reload': [
          { guard: 'noChat', target: 'idle', actions: 'reset' },
          // The chat resumes as it last was live, its outbox with it (sent at once when online); an end waiting for
          // the network goes with the old page.
          { guard: 'chatWaiting', target: 'queued', actions: assign(({ context }) => ({ unsent: context.unsent && !context.online, endPending: false })) },
          { target: 'connected', actions: assign(({ context }) => ({ unsent: context.unsent && !context.online, endPending: false })) },
        ],
        'page.returnLater': { guard: 'chatExists', target: 'ended', actions: 'endByTimeout' },
      },
    },
    ended: {
      description: 'The chat is over; no request is made for it.',
      on: {
        'visitor.start': { guard: 'online', target: 'requesting', actions: 'reset' },
        'page.reload': { target: 'idle', actions: 'reset' },
        'network.return': { guard: 'offline', actions: assign({ online: true }) },
      },
    },
  },
})

/** What the visitor and the server can do while a chat is queued or connected. */
function liveEvents() {
  return {
    'visitor.send': [{ guard: 'online', actions: 'noted' }, { actions: 'queueUnsent' }],
    /** The server applies the message but its answer is lost: the engine checks the transcript before sending again. */
    'visitor.sendUnanswered': { guard: 'online', actions: 'noted' },
    'visitor.type': { actions: 'noted' },
    'visitor.end': [
      { guard: 'online', target: 'ended', actions: 'endByCustomer' },
      // Offline, Complete waits for the network: the status stays until it is back.
      { guard: 'noEndPending', actions: 'awaitNetworkToEnd' },
    ],
    /** Complete is applied, its answers are lost: the engine asks GetChat whether the chat ended after all. */
    'visitor.endUnanswered': { guard: 'online', target: 'ended', actions: 'endByCustomer' },
    'page.hide': { guard: 'online', actions: 'noted' },
    'network.drop': { guard: 'online', actions: 'drop' },
    'network.return': [
      { guard: 'endPendingOffline', target: 'ended', actions: ['endByCustomer', 'goOnline'] },
      { guard: 'offline', actions: 'restore' },
    ],
    /** The page reloads: the chat resumes from storage (offline too); an end waiting for the network goes with the old page. */
    'page.reload': { actions: 'forgetPendingEnd' },
    /** The page is closed and opened again after the chat's saved state expired. */
    'page.returnLater': { target: 'ended', actions: 'endByTimeout' },
    'server.timeOut': { guard: 'online', target: 'ended', actions: 'endByTimeout' },
    'server.forget': { guard: 'online', target: 'ended', actions: 'endByServer' },
    'server.garble': { guard: 'online', actions: 'noted' },
    'server.deny': { guard: 'online', target: 'error' },
  } as const
}

export type LifecycleModel = typeof lifecycleModel
