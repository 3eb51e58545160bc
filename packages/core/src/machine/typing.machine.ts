import { and, assign, fromPromise, not, setup, spawnChild } from 'xstate'
import type { ChatLocation } from '../api/paths'
import type { EngineConfig } from './config'

export type TypingEvent =
  | { type: 'typing.open'; location: ChatLocation }
  | { type: 'typing.close' }
  | { type: 'typing.stop' }
  | { type: 'chat.typing'; typing: boolean }

/** Best effort: a lost typing notice changes nothing the visitor sees, so it never fails. */
export const sendTypingNotificationActor = fromPromise(
  async ({ input, signal }: { input: { config: EngineConfig; location: ChatLocation; typing: boolean }; signal: AbortSignal }) => {
    try {
      await input.config.api.sendTyping(input.location, input.typing, signal)
      return true
    } catch {
      return false
    }
  },
)

/**
 * The visitor's typing notifications: Start once when typing begins, Stop when it ends (`false`, a send, or the idle
 * timeout), and at most one Start per idle period however often typing flips. Nothing is sent while no chat is live;
 * a chat that ends closes it without a Stop.
 */
export const typingMachine = setup({
  types: {
    context: {} as { config: EngineConfig; location: ChatLocation | null; startedAt: number },
    events: {} as TypingEvent,
    input: {} as { config: EngineConfig },
  },
  actors: { sendTypingNotification: sendTypingNotificationActor },
  delays: {
    typingIdleTimeout: ({ context }) => context.config.typingIdleMs,
    typingRest: ({ context }) => Math.max(0, Math.min(context.config.typingIdleMs, context.startedAt + context.config.typingIdleMs - context.config.now())),
  },
  guards: {
    typingStarted: ({ event }) => event.type === 'chat.typing' && event.typing,
    startRested: ({ context }) => context.config.now() - context.startedAt >= context.config.typingIdleMs,
  },
  actions: {
    assignLocation: assign({ location: ({ event }) => (event as Extract<TypingEvent, { type: 'typing.open' }>).location }),
    forgetLocation: assign({ location: null }),
    noteStart: assign({ startedAt: ({ context }) => context.config.now() }),
    notifyStart: spawnChild('sendTypingNotification', {
      id: 'typingNotice',
      input: ({ context }) => ({ config: context.config, location: context.location!, typing: true }),
    }),
    notifyStop: spawnChild('sendTypingNotification', {
      id: 'typingNotice',
      input: ({ context }) => ({ config: context.config, location: context.location!, typing: false }),
    }),
  },
}).createMachine({
  id: 'typing',
  description: 'Typing notifications: Start once, Stop on `false`, on send or after the idle timeout.',
  context: ({ input }) => ({ config: input.config, location: null, startedAt: Number.NEGATIVE_INFINITY }),
  initial: 'closed',
  states: {
    closed: {
      description: 'No live chat: typing is not told to anyone.',
      on: { 'typing.open': { target: 'open', actions: 'assignLocation' } },
    },
    open: {
      description: 'The chat is live.',
      initial: 'idle',
      on: { 'typing.close': { target: 'closed', actions: 'forgetLocation' } },
      states: {
        idle: {
          description: 'The visitor is not typing.',
          on: {
            'chat.typing': [
              { guard: and(['typingStarted', 'startRested']), target: 'typing' },
              { guard: 'typingStarted', target: 'holding' },
            ],
          },
        },
        holding: {
          description: 'Typing again within the idle timeout of the last Start: the next Start waits for its end (at most one Start per idle period).',
          after: { typingRest: 'typing' },
          on: { 'chat.typing': { guard: not('typingStarted'), target: 'idle' }, 'typing.stop': 'idle' },
        },
        typing: {
          description: 'Start was sent; Stop follows when the visitor stops, sends, or pauses for the idle timeout.',
          entry: ['noteStart', 'notifyStart'],
          initial: 'counting',
          states: {
            counting: {
              description: 'The idle timeout runs; each keystroke starts it again.',
              after: { typingIdleTimeout: { target: '#typing.open.idle', actions: 'notifyStop' } },
              on: { 'chat.typing': { guard: 'typingStarted', target: 'counting', reenter: true } },
            },
          },
          on: {
            'chat.typing': { target: 'idle', actions: 'notifyStop' },
            'typing.stop': { target: 'idle', actions: 'notifyStop' },
          },
        },
      },
    },
  },
})
