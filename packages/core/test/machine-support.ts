import { vi } from 'vitest'
import { createActor, fromTransition, type AnyStateMachine, type InspectionEvent } from 'xstate'
import type { ApiClient } from '../src/api/client'
import { detachedConfig, type EngineConfig } from '../src/machine/config'
import { allStateIds, allTransitionKeys, createCoverage } from './model/coverage'

type Operation = keyof ApiClient

/** One request a machine made, answered by the test when it chooses. */
export interface PendingCall {
  operation: Operation
  args: unknown[]
  signal: AbortSignal
  resolve(value: unknown): void
  reject(error: unknown): void
}

/** A configuration whose API calls wait for the test to answer them, under fake timers. */
export function machineConfig(overrides: Partial<EngineConfig> = {}) {
  vi.useFakeTimers()
  const calls: PendingCall[] = []
  const api = new Proxy({} as ApiClient, {
    get: (_, operation: Operation) =>
      (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          calls.push({ operation, args: args.slice(0, -1), signal: args.at(-1) as AbortSignal, resolve, reject })
        }),
  })
  const config: EngineConfig = { ...detachedConfig(api, () => Date.now()), ...overrides }
  /** The oldest unanswered call (of one operation), taken off the list. */
  const next = (operation?: Operation): PendingCall => {
    const at = calls.findIndex((call) => (operation === undefined || call.operation === operation) && !call.signal.aborted)
    if (at < 0) throw new Error(`no pending ${operation ?? ''} call (pending: ${calls.map((c) => c.operation).join(', ') || 'none'})`)
    return calls.splice(at, 1)[0]!
  }
  const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms)
  return { config, calls, next, tick, pending: (operation: Operation) => calls.filter((c) => c.operation === operation && !c.signal.aborted).length }
}

/**
 * A machine run alone, with its reports to the parent collected, and the states and transitions it took: each child
 * machine's test file drives it through all of them.
 */
/** One coverage per machine for the whole test file: its last test checks that the file took everything. */
const coverages = new Map<string, ReturnType<typeof createCoverage>>()
const coverageOf = (machine: AnyStateMachine) => {
  const found = coverages.get(machine.id) ?? createCoverage()
  coverages.set(machine.id, found)
  return found
}

/** The states and transitions of `machine` that no test of this file took. */
export function missingCoverage(machine: AnyStateMachine) {
  const coverage = coverageOf(machine)
  return {
    states: allStateIds(machine).filter((id) => !coverage.states.has(id)),
    transitions: allTransitionKeys(machine).filter((key) => !coverage.transitions.has(key)),
  }
}

export function driveMachine<TMachine extends AnyStateMachine>(machine: TMachine, input: unknown) {
  const coverage = coverageOf(machine)
  const reports: { type: string; [key: string]: unknown }[] = []
  // A parent stand-in that records what the machine sends it.
  // The system (and so the inspection) is the parent's, which the machine joins.
  const parent = createActor(
    fromTransition((state: null, event: { type: string; [key: string]: unknown }) => (reports.push(event), state), null),
    { inspect: (event: InspectionEvent) => coverage.inspect(event) },
  )
  parent.start()
  const actor = createActor(machine, { input: input as never, parent: parent as never })
  actor.start()
  return {
    actor,
    reports,
    /** Report types since the last call. */
    take: () => reports.splice(0).map((r) => r.type),
  }
}
