import { assign, fromPromise, sendParent, setup, stateIn } from 'xstate'
import type { ChatLocation } from '../api/paths'
import type { ChatResource } from '../api/schemas'
import { isChatGone, isTransient, type ChatError } from '../errors'
import type { EngineConfig } from './config'
import { MAX_COMPLETE_ATTEMPTS, MAX_VERIFY_ATTEMPTS } from './limits'
import { retryDelay } from './polling-policy'
import { NETWORK_REGION } from './shared-states'

export type CompleterEvent =
  | { type: 'complete.start'; location: ChatLocation }
  | { type: 'complete.cancel' }
  | { type: 'network.offline' }
  | { type: 'network.online' }

/**
 * What the completer tells the chat. `complete.done` always comes (the chat ends whatever the server answers);
 * `error` is what went wrong when the end could not be confirmed with the server.
 */
export type CompleterReport = { type: 'complete.done'; error: ChatError | null } | { type: 'complete.attemptFailed'; error: ChatError }

export interface CompleterContext {
  config: EngineConfig
  location: ChatLocation | null
  attempts: number
  retryAfterMs: number | null
  error: ChatError | null
}

export const completeChatActor = fromPromise(({ input, signal }: { input: { config: EngineConfig; location: ChatLocation }; signal: AbortSignal }) =>
  input.config.api.complete(input.location, signal),
)
export const fetchChatStateActor = fromPromise(
  ({ input, signal }: { input: { config: EngineConfig; location: ChatLocation }; signal: AbortSignal }): Promise<ChatResource> =>
    input.config.api.getChat(input.location, signal),
)

const failureOf = (event: unknown) => (event as { error: ChatError }).error
const chatOf = (event: unknown) => (event as { output: ChatResource }).output

/**
 * Ends a chat: Complete (retried on transient failures), then, if it never got an answer, GetChat asks whether one of
 * the attempts ended it after all. Offline, it waits for the network. Whatever the server answers, the chat ends:
 * a failure that could not be settled is handed over with `complete.done` so the chat keeps it.
 */
export const completerMachine = setup({
  types: {
    context: {} as CompleterContext,
    events: {} as CompleterEvent,
    input: {} as { config: EngineConfig },
  },
  actors: { completeChat: completeChatActor, fetchChatState: fetchChatStateActor },
  delays: {
    completeRetryDelay: ({ context }) => retryDelay(context.attempts, context.retryAfterMs, context.config.polling, context.config.random),
  },
  guards: {
    isOffline: stateIn({ network: 'offline' }),
    alreadyOver: ({ event }) => isChatGone(failureOf(event)) || failureOf(event).statusCode === 2,
    completeMayRetry: ({ context, event }) => isTransient(failureOf(event)) && context.attempts < MAX_COMPLETE_ATTEMPTS,
    verifyMayRetry: ({ context, event }) => isTransient(failureOf(event)) && context.attempts < MAX_VERIFY_ATTEMPTS,
    chatIsIdle: ({ event }) => chatOf(event).state === 'Idle',
    chatIsGone: ({ event }) => isChatGone(failureOf(event)),
  },
  actions: {
    begin: assign({
      location: ({ event }) => (event as Extract<CompleterEvent, { type: 'complete.start' }>).location,
      attempts: 0,
      retryAfterMs: null,
      error: null,
    }),
    countAttempt: assign({ attempts: ({ context }) => context.attempts + 1 }),
    resetAttempts: assign({ attempts: 0 }),
    recordFailure: assign({ error: ({ event }) => failureOf(event), retryAfterMs: ({ event }) => failureOf(event).retryAfterMs ?? null }),
    reportAttemptFailed: sendParent(({ event }) => ({ type: 'complete.attemptFailed', error: failureOf(event) }) satisfies CompleterReport),
    reportEnded: sendParent({ type: 'complete.done', error: null } satisfies CompleterReport),
    reportUnsettled: sendParent(({ context }) => ({ type: 'complete.done', error: context.error }) satisfies CompleterReport),
  },
}).createMachine({
  id: 'completer',
  description: 'Complete, retried; a lost answer verified with GetChat; the chat ends whatever the server answers.',
  type: 'parallel',
  context: ({ input }) => ({ config: input.config, location: null, attempts: 0, retryAfterMs: null, error: null }),
  states: {
    run: {
      description: 'Ending the chat.',
      initial: 'idle',
      on: { 'complete.cancel': '.idle' },
      states: {
        idle: { description: 'No end asked for.', on: { 'complete.start': { target: 'checkingNetwork', actions: 'begin' } } },
        checkingNetwork: {
          description: 'Complete goes out only while the browser is online.',
          always: [{ guard: 'isOffline', target: 'awaitingNetwork' }, { target: 'completing' }],
        },
        awaitingNetwork: { description: 'Offline: Complete waits for the network instead of failing.', on: { 'network.online': 'completing' } },
        completing: {
          description: 'Complete in flight.',
          entry: 'countAttempt',
          invoke: {
            src: 'completeChat',
            id: 'complete',
            input: ({ context }) => ({ config: context.config, location: context.location! }),
            onDone: { target: 'idle', actions: 'reportEnded' },
            onError: [
              { guard: 'alreadyOver', target: 'idle', actions: 'reportEnded' },
              { guard: 'completeMayRetry', target: 'backingOff', actions: ['recordFailure', 'reportAttemptFailed'] },
              // Whatever went wrong, an earlier attempt may have ended the chat: GetChat decides.
              { target: 'verifying', actions: ['recordFailure', 'reportAttemptFailed', 'resetAttempts'] },
            ],
          },
        },
        backingOff: { description: 'Waiting to send Complete again after a transient failure.', after: { completeRetryDelay: 'completing' } },
        verifying: {
          description: 'Complete failed: GetChat tells whether one of the attempts ended the chat after all.',
          entry: 'countAttempt',
          invoke: {
            src: 'fetchChatState',
            id: 'verifyEnd',
            input: ({ context }) => ({ config: context.config, location: context.location! }),
            onDone: [
              { guard: 'chatIsIdle', target: 'idle', actions: 'reportEnded' },
              { target: 'idle', actions: 'reportUnsettled' },
            ],
            onError: [
              { guard: 'chatIsGone', target: 'idle', actions: 'reportEnded' },
              { guard: 'verifyMayRetry', target: 'verifyBackingOff' },
              { target: 'idle', actions: 'reportUnsettled' },
            ],
          },
        },
        verifyBackingOff: { description: 'GetChat failed too: asking again after a pause.', after: { completeRetryDelay: 'verifying' } },
      },
    },
    network: NETWORK_REGION,
  },
})
