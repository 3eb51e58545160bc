import { mulberry32 } from './prng.js'
import type { FaultKind, FaultRule, OperationName } from './types.js'

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

export const DEFAULT_LATENCY_MS = 1000
export const DEFAULT_ERROR_STATUS = 503
export const DEFAULT_RETRY_AFTER_SECONDS = 1

interface RuleState {
  rule: FaultRule
  pathRegExp: RegExp | undefined
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

export function validateFaultRule(value: unknown): FaultRule {
  if (typeof value !== 'object' || value === null) throw new TypeError('A fault rule must be an object')
  const rule = value as FaultRule
  if (!FAULT_KINDS.includes(rule.kind)) throw new TypeError(`Unknown fault kind "${String(rule.kind)}"; known: ${FAULT_KINDS.join(', ')}`)
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) {
    throw new RangeError(`Fault probability must be within 0..1, got ${rule.probability}`)
  }
  return structuredClone(rule)
}

function compilePath(path: string | undefined): RegExp | undefined {
  if (path === undefined) return undefined
  try {
    return new RegExp(path)
  } catch {
    return undefined
  }
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

  set(rules: FaultRule[]): void {
    this.#rules = []
    for (const rule of rules) this.add(rule)
  }

  add(rule: FaultRule): void {
    const valid = validateFaultRule(rule)
    this.#rules.push({ rule: valid, pathRegExp: compilePath(valid.path), matched: 0, applied: 0 })
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
    const { operation, path } = state.rule
    if (operation !== undefined) {
      const wanted = Array.isArray(operation) ? operation : [operation]
      if (request.operation === undefined || !wanted.includes(request.operation)) return false
    }
    if (path !== undefined) {
      const hit = request.path.includes(path) || (state.pathRegExp?.test(request.path) ?? false)
      if (!hit) return false
    }
    return true
  }
}
