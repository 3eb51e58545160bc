import { compilePathPattern, type PathMatcher } from './path-pattern.js'
import { mulberry32 } from './prng.js'
import { FAULT_KINDS, InvalidInputError, MAX_FAULT_RULES, parseFaultRule } from './schemas.js'
import type { FaultKind, FaultRule, OperationName } from './types.js'

export { FAULT_KINDS }

export const DEFAULT_LATENCY_MS = 1000
export const DEFAULT_ERROR_STATUS = 503
export const DEFAULT_RETRY_AFTER_SECONDS = 1

interface RuleState {
  rule: FaultRule
  path: PathMatcher | undefined
  matched: number
  applied: number
}

export interface FaultDecision {
  /** Summed (unscaled) latency of every latency rule that fired. */
  latencyMs: number
  /** The first non-latency rule that fired, if any. */
  rule?: FaultRule
  /** What the request log records: the rule's kind, else 'latency' when only latency fired. */
  kind?: FaultKind
}

/** Checks a rule against the schema (throws InvalidInputError) and returns a copy. */
export function validateFaultRule(value: unknown): FaultRule {
  return structuredClone(parseFaultRule(value))
}

function compile(rule: FaultRule): RuleState {
  return { rule, path: rule.path === undefined ? undefined : compilePathPattern(rule.path), matched: 0, applied: 0 }
}

/**
 * Decides which fault applies to a request. Draws come from one seeded stream and happen only for
 * rules with probability < 1, so the same seed and the same request sequence fault the same requests.
 */
export class FaultEngine {
  readonly #random: () => number
  #rules: RuleState[] = []

  constructor(seed: number) {
    this.#random = mulberry32(seed)
  }

  /** Replaces every rule; nothing changes when one of them is invalid. */
  set(rules: FaultRule[]): void {
    this.#rules = this.#compileAll(rules, 0)
  }

  add(rule: FaultRule): void {
    this.addAll([rule])
  }

  /** Appends rules; nothing changes when one of them is invalid or there would be too many. */
  addAll(rules: FaultRule[]): void {
    this.#rules.push(...this.#compileAll(rules, this.#rules.length))
  }

  #compileAll(rules: FaultRule[], existing: number): RuleState[] {
    if (!Array.isArray(rules)) throw new InvalidInputError('Expected an array of fault rules')
    if (existing + rules.length > MAX_FAULT_RULES) throw new InvalidInputError(`At most ${MAX_FAULT_RULES} fault rules are kept at a time`)
    return rules.map((rule) => compile(validateFaultRule(rule)))
  }

  clear(): void {
    this.#rules = []
  }

  list(): FaultRule[] {
    return this.#rules.map((s) => structuredClone(s.rule))
  }

  decide(request: { operation: OperationName | undefined; path: string }): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 }
    for (const state of this.#rules) {
      if (!this.#matches(state, request)) continue
      state.matched += 1
      const { rule } = state
      if (state.matched <= (rule.afterRequests ?? 0)) continue
      if (rule.times !== undefined && state.applied >= rule.times) continue
      const isLatency = rule.kind === 'latency'
      if (!isLatency && decision.rule) continue
      const probability = rule.probability ?? 1
      if (probability < 1 && this.#random() >= probability) continue
      state.applied += 1
      if (isLatency) decision.latencyMs += rule.latencyMs ?? DEFAULT_LATENCY_MS
      else decision.rule = rule
    }
    if (decision.rule) decision.kind = decision.rule.kind
    else if (decision.latencyMs > 0) decision.kind = 'latency'
    return decision
  }

  #matches(state: RuleState, request: { operation: OperationName | undefined; path: string }): boolean {
    const { operation } = state.rule
    if (operation !== undefined) {
      const wanted = Array.isArray(operation) ? operation : [operation]
      if (request.operation === undefined || !wanted.includes(request.operation)) return false
    }
    if (state.path !== undefined && !state.path.test(request.path)) return false
    return true
  }
}
