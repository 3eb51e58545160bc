import * as v from 'valibot'
import { compilePathPattern, MAX_PATTERN_LENGTH, PathPatternError } from './path-pattern.js'
import type { FaultKind, FaultRule, OperationName, Scenario, ScenarioName, Visibility } from './types.js'

/**
 * Schemas of every input the simulator takes from outside: fault rules, scenarios and agent actions,
 * whether they come through the control API, the CLI or the programmatic API. Objects are strict:
 * an unknown key (usually a typo, such as `opertion`) is refused rather than silently ignored.
 */

/** A bad input; the control API answers it with 400 `{ error: message }`. */
export class InvalidInputError extends TypeError {}

export const FAULT_KINDS: FaultKind[] = [
  'latency',
  'http-error',
  'rate-limit',
  'malformed-json',
  'wrong-body',
  'drop-after-apply',
  'drop-before-apply',
  'stall',
]

const OPERATIONS: readonly OperationName[] = [
  'RequestChat',
  'GetChat',
  'GetMessages',
  'SendMessage',
  'SendStartTypingNotification',
  'SendStopTypingNotification',
  'Complete',
]

const SCENARIO_NAME_LIST: readonly ScenarioName[] = ['friendly', 'echo', 'silent', 'never', 'transfer', 'leaves', 'push-url']

/** The longest delay a Node timer holds (about 24.8 days); longer ones would fire at once. */
export const MAX_DELAY_MS = 2_147_483_647
/** At most this many fault rules at a time. */
export const MAX_FAULT_RULES = 100
const MAX_NAME = 256
const MAX_TEXT = 65_536
const MAX_LIST = 1_000

const duration = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_DELAY_MS, `must be at most ${MAX_DELAY_MS} ms`))
const count = v.pipe(v.number(), v.safeInteger(), v.minValue(0))
const name = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_NAME))
const text = v.pipe(v.string(), v.maxLength(MAX_TEXT))
const operation = v.picklist(OPERATIONS)

const pathPattern = v.pipe(
  v.string(),
  v.minLength(1),
  v.maxLength(MAX_PATTERN_LENGTH),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    try {
      compilePathPattern(dataset.value)
    } catch (error) {
      if (!(error instanceof PathPatternError)) throw error
      addIssue({ message: `not a supported path pattern: ${error.message}` })
    }
  }),
)

export const FaultRuleSchema = v.strictObject({
  kind: v.picklist(FAULT_KINDS, (issue) => `Unknown fault kind ${issue.received}; known: ${FAULT_KINDS.join(', ')}`),
  operation: v.optional(v.union([operation, v.pipe(v.array(operation), v.minLength(1))])),
  path: v.optional(pathPattern),
  probability: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  times: v.optional(count),
  afterRequests: v.optional(count),
  status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(599))),
  retryAfterSeconds: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
  latencyMs: v.optional(duration),
})

const ruleList = v.pipe(v.array(FaultRuleSchema), v.maxLength(MAX_FAULT_RULES))

const ReplySchema = v.union([
  v.picklist(['echo', 'none']),
  v.strictObject({ template: text }),
  v.strictObject({ canned: v.pipe(v.array(text), v.maxLength(MAX_LIST)) }),
  v.strictObject({ script: v.pipe(v.array(text), v.maxLength(MAX_LIST)) }),
])

const AgentSchema = v.strictObject({
  nickname: name,
  joinAfterMs: duration,
  typingBeforeReplyMs: v.optional(duration),
  greeting: v.optional(text),
  reply: v.optional(ReplySchema),
  leaveAfterMessages: v.optional(count),
  pushUrl: v.optional(v.strictObject({ afterMessages: count, url: text })),
})

const QueueSchema = v.strictObject({
  systemNickname: v.optional(name),
  noticeEveryMs: v.optional(duration),
  noticeText: v.optional(text),
})

export const ScenarioSchema = v.strictObject({
  name: v.optional(v.pipe(v.string(), v.maxLength(MAX_NAME))),
  queue: v.optional(v.union([v.literal(false), QueueSchema])),
  agent: v.optional(v.nullable(AgentSchema)),
  transfer: v.optional(v.strictObject({ afterMessages: count, toNickname: name, joinAfterMs: duration })),
})

const scenarioName = v.picklist(SCENARIO_NAME_LIST, (issue) => `Unknown scenario ${issue.received}; known: ${SCENARIO_NAME_LIST.join(', ')}`)

const AgentActionSchema = v.variant(
  'action',
  [
    v.strictObject({ action: v.literal('join'), nickname: v.optional(name) }),
    v.strictObject({ action: v.literal('say'), text }),
    v.strictObject({ action: v.literal('typing'), on: v.optional(v.boolean()) }),
    v.strictObject({ action: v.literal('pushUrl'), url: text }),
    v.strictObject({ action: v.literal('notice'), text, visibility: v.optional(v.picklist(['All', 'Agents'])) }),
    v.strictObject({ action: v.literal('leave') }),
    // `text` is an older spelling of `finalText`.
    v.strictObject({ action: v.literal('end'), finalText: v.optional(text), text: v.optional(text) }),
    v.strictObject({ action: v.literal('transfer'), toNickname: v.optional(name) }),
  ],
  (issue) => `Expected { action } with action one of join, say, typing, pushUrl, notice, leave, end, transfer; got ${issue.received}`,
)

export type AgentAction =
  | { action: 'join'; nickname?: string }
  | { action: 'say'; text: string }
  | { action: 'typing'; on?: boolean }
  | { action: 'pushUrl'; url: string }
  | { action: 'notice'; text: string; visibility?: Visibility }
  | { action: 'leave' }
  | { action: 'end'; finalText?: string; text?: string }
  | { action: 'transfer'; toNickname?: string }

/** "at path: message" for the first few issues, so a 400 says what to fix. */
function describe(issues: readonly v.BaseIssue<unknown>[]): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const nested = issue.issues && issue.issues.length > 0 && issue.type !== 'union' && issue.type !== 'variant' ? issue.issues : undefined
    const leaf = nested?.[0] ?? issue
    const path = v.getDotPath(leaf)
    // valibot words an unknown key of a strict object as "Expected never".
    const message = leaf.type === 'strict_object' && leaf.expected === 'never' ? 'unknown key' : leaf.message
    return path ? `${path}: ${message}` : message
  })
  if (issues.length > 5) parts.push(`and ${issues.length - 5} more`)
  return parts.join('; ')
}

function parse<T>(schema: v.GenericSchema, value: unknown, what: string): T {
  const result = v.safeParse(schema, value, { abortPipeEarly: true })
  if (!result.success) throw new InvalidInputError(`Invalid ${what}: ${describe(result.issues)}`)
  // The schemas mirror the public types; exactOptionalPropertyTypes keeps valibot's inferred `?: T | undefined` apart from them.
  return result.output as T
}

export function parseFaultRule(value: unknown): FaultRule {
  return parse<FaultRule>(FaultRuleSchema, value, 'fault rule')
}

export function parseFaultRules(value: unknown): FaultRule[] {
  return parse<FaultRule[]>(ruleList, value, 'fault rules')
}

/** A control body for `/__sim/faults`: a rule, an array of rules, or `{ rules: [...] }`. */
export function parseFaultBody(body: unknown): FaultRule[] {
  if (Array.isArray(body)) return parseFaultRules(body)
  if (typeof body === 'object' && body !== null && 'rules' in body) {
    return parse<{ rules: FaultRule[] }>(v.strictObject({ rules: ruleList }), body, 'fault rules').rules
  }
  if (typeof body !== 'object' || body === null) throw new InvalidInputError('Expected a fault rule, an array of rules or { rules }')
  return [parseFaultRule(body)]
}

export function parseScenario(value: unknown): Scenario {
  return parse<Scenario>(ScenarioSchema, value, 'scenario')
}

/** A control body for `PUT /__sim/scenario`: `"echo"`, `{ "scenario": "echo" | {...} }` or a scenario object. */
export function parseScenarioBody(body: unknown): ScenarioName | Scenario {
  const isObject = typeof body === 'object' && body !== null && !Array.isArray(body)
  if (isObject && 'scenario' in body) {
    const { scenario, ...rest } = body as Record<string, unknown>
    if (Object.keys(rest).length > 0) throw new InvalidInputError(`Invalid scenario: unknown key ${Object.keys(rest)[0]} next to "scenario"`)
    return parseScenarioBody(scenario)
  }
  if (typeof body === 'string') return parse<ScenarioName>(scenarioName, body, 'scenario')
  if (isObject) return parseScenario(body)
  throw new InvalidInputError('Invalid scenario: expected a preset name, { scenario } or a scenario object')
}

export function parseAgentAction(body: unknown): AgentAction {
  return parse<AgentAction>(AgentActionSchema, body, 'agent action')
}
