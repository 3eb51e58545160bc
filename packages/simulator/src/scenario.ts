import { parseScenario } from './schemas.js'
import type { Scenario, ScenarioName } from './types.js'

const QUEUE = { systemNickname: 'system', noticeEveryMs: 18_000, noticeText: 'An agent will be with you shortly.' }
const GREETING = "Hi, I'm {nickname}. How can I help?"

/** The named presets. Scenarios are plain data; ScenarioRunner gives them behaviour. */
export const SCENARIOS: Record<ScenarioName, Scenario> = {
  friendly: {
    name: 'friendly',
    queue: QUEUE,
    agent: {
      nickname: 'Ava',
      joinAfterMs: 2_000,
      typingBeforeReplyMs: 800,
      greeting: GREETING,
      reply: { template: 'You said: {text}' },
    },
  },
  echo: {
    name: 'echo',
    queue: false,
    agent: { nickname: 'Echo', joinAfterMs: 100, reply: 'echo' },
  },
  silent: {
    name: 'silent',
    queue: QUEUE,
    agent: { nickname: 'Sam', joinAfterMs: 1_000, reply: 'none' },
  },
  never: {
    name: 'never',
    queue: QUEUE,
    agent: null,
  },
  transfer: {
    name: 'transfer',
    queue: QUEUE,
    agent: {
      nickname: 'Ava',
      joinAfterMs: 2_000,
      typingBeforeReplyMs: 800,
      greeting: GREETING,
      reply: { template: 'You said: {text}' },
    },
    transfer: { afterMessages: 2, toNickname: 'Ben', joinAfterMs: 3_000 },
  },
  leaves: {
    name: 'leaves',
    queue: QUEUE,
    agent: {
      nickname: 'Leo',
      joinAfterMs: 2_000,
      typingBeforeReplyMs: 800,
      greeting: GREETING,
      reply: { canned: ['Sorry, I have to go now.'] },
      leaveAfterMessages: 1,
    },
  },
  'push-url': {
    name: 'push-url',
    queue: QUEUE,
    agent: {
      nickname: 'Ava',
      joinAfterMs: 2_000,
      typingBeforeReplyMs: 800,
      greeting: GREETING,
      reply: { canned: ['Have a look at this page.'] },
      pushUrl: { afterMessages: 1, url: 'https://example.com/help' },
    },
  },
}

export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[]

export function isScenarioName(value: unknown): value is ScenarioName {
  return typeof value === 'string' && Object.hasOwn(SCENARIOS, value)
}

/** A named preset or a scenario object, deep-copied so later edits by the caller do not leak in. */
export function resolveScenario(scenario: ScenarioName | Scenario): Scenario {
  if (typeof scenario === 'string') {
    if (!isScenarioName(scenario)) throw new Error(`Unknown scenario "${String(scenario)}"; known: ${SCENARIO_NAMES.join(', ')}`)
    return structuredClone(SCENARIOS[scenario])
  }
  // Throws InvalidInputError naming the bad field (wrong type, negative or huge delay, unknown key).
  return structuredClone(parseScenario(scenario))
}
