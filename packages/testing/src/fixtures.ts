import type { ChatLike, ChatSnapshot } from '@gws-chat/core'
import { FIXTURE_NAMES, type FixtureName } from './fixtures.names'
import { FIXTURE_SNAPSHOTS } from './fixtures.snapshots'

/**
 * `@gws-chat/testing/fixtures`: the state fixtures alone, for Storybook and snapshot tests. Nothing here imports
 * xstate or the simulator; the types come from `@gws-chat/core`.
 */
export { FIXTURE_NAMES, ENDED_FIXTURES, type FixtureName } from './fixtures.names'

/** The commands a UI calls on a chat (`ChatLike` less its reads). */
export type FixtureCommand = Exclude<
  { [K in keyof ChatLike]: ChatLike[K] extends (...args: never[]) => unknown ? K : never }[keyof ChatLike],
  'subscribe' | 'getSnapshot' | 'on'
>

/** One command a UI called on a fixture, with its arguments. */
export type FixtureCall = { [K in FixtureCommand]: { command: K; args: Parameters<ChatLike[K]> } }[FixtureCommand]

/**
 * A `ChatLike` frozen in one state: `getSnapshot()` always gives the same (deeply frozen) snapshot, `subscribe` and
 * `on` accept listeners and never call them, and every command is recorded in `calls` and changes nothing.
 */
export interface ChatFixture extends ChatLike {
  readonly name: FixtureName
  /** Every command called on this fixture, in order. */
  readonly calls: FixtureCall[]
  /** The commands called so far, by name: `commands()` → `['send', 'retryMessage']`. */
  commands(): FixtureCommand[]
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/**
 * A fresh fixture in state `name` (its own `calls`), with any snapshot field replaced by `overrides`
 * (e.g. `fixtureChat('connected', { participants: [] })`).
 */
export function fixtureChat(name: FixtureName, overrides: Partial<ChatSnapshot> = {}): ChatFixture {
  const recorded = FIXTURE_SNAPSHOTS[name]
  if (!recorded) throw new TypeError(`fixtureChat: no fixture "${String(name)}" (one of ${FIXTURE_NAMES.join(', ')})`)
  const snapshot: ChatSnapshot = deepFreeze(structuredClone({ ...recorded, ...overrides }))
  const calls: FixtureCall[] = []
  let sent = 0
  const record = (call: FixtureCall) => void calls.push(call)
  const fixture: ChatFixture = {
    name,
    calls,
    commands: () => calls.map((call) => call.command),
    start: (params) => record({ command: 'start', args: [params] }),
    send(text, options) {
      record({ command: 'send', args: options === undefined ? [text] : [text, options] })
      return options?.id ?? `fixture-${++sent}`
    },
    retryMessage: (id) => record({ command: 'retryMessage', args: [id] }),
    setTyping: (typing) => record({ command: 'setTyping', args: [typing] }),
    end: () => record({ command: 'end', args: [] }),
    retry: () => record({ command: 'retry', args: [] }),
    markRead: () => record({ command: 'markRead', args: [] }),
    setViewing: (viewing) => record({ command: 'setViewing', args: [viewing] }),
    subscribe: () => () => {},
    getSnapshot: () => snapshot,
    on: () => () => {},
  }
  return fixture
}

/**
 * One ready fixture per state, shared (for stories and snapshot tests that never look at `calls`; a test that does
 * takes its own from `fixtureChat(name)`).
 */
export const chatFixtures: Readonly<Record<FixtureName, ChatFixture>> = Object.freeze(
  Object.fromEntries(FIXTURE_NAMES.map((name) => [name, fixtureChat(name)])) as Record<FixtureName, ChatFixture>,
)
