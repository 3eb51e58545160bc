import { assign, fromPromise, setup, spawnChild } from 'xstate'
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
 * timeout). Nothing is sent while no chat is live; a chat that ends closes it without a Stop.
 */
export const typingMachine = setup({
  types: {
    context: {} as { config: EngineConfig; location: ChatLocation | null },
    events: {} as TypingEvent,
    input: {} as { config: EngineConfig },
  },
  actors: { sendTypingNotification: sendTypingNotificationActor },
  delays: { typingIdleTimeout: ({ context }) => context.config.typingIdleMs },
  guards: { typingStarted: ({ event }) => event.type === 'chat.typing' && event.typing },
  actions: {
    assignLocation: assign({ location: ({ event }) => (event as Extract<TypingEvent, { type: 'typing.open' }>).location }),
    forgetLocation: assign({ location: null }),
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
  context: ({ input }) => ({ config: input.config, location: null }),
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
          on: { 'chat.typing': { guard: 'typingStarted', target: 'typing' } },
        },
        typing: {
          description: 'Start was sent; Stop follows when the visitor stops, sends, or pauses for the idle timeout.',
          entry: 'notifyStart',
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
