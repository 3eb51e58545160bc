import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition, InspectionEvent, StateValue } from 'xstate'

/**
 * Which states and transitions of the real machine a run went through,
 * collected from the actor's inspection events.
 */

/** Every state node id, from the root down. */
export function allStateIds(machine: AnyStateMachine): string[] {
  const ids: string[] = []
  const walk = (node: AnyStateNode) => {
    ids.push(node.id)
    Object.values(node.states).forEach(walk)
  }
  walk(machine.root)
  return ids
}

/** A transition's key: its source, its event (`always` for eventless ones) and its place among the candidates. */
export function transitionKey(transition: AnyTransitionDefinition): string {
  const source = transition.source
  const eventType = transition.eventType
  const candidates = eventType ? (source.transitions.get(eventType) ?? []) : (source.always ?? [])
  return `${source.id} ${eventType || 'always'} #${candidates.indexOf(transition) + 1}`
}

export function allTransitionKeys(machine: AnyStateMachine): string[] {
  const keys: string[] = []
  const walk = (node: AnyStateNode) => {
    for (const candidates of node.transitions.values()) candidates.forEach((t) => keys.push(transitionKey(t)))
    ;(node.always ?? []).forEach((t) => keys.push(transitionKey(t)))
    Object.values(node.states).forEach(walk)
  }
  walk(machine.root)
  return keys
}

/** The ids of the active state nodes of a snapshot value (`chat.queued.live.transcript.waiting`, its ancestors…). */
export function activeIds(rootId: string, value: StateValue): string[] {
  const ids = [rootId]
  const walk = (prefix: string, v: StateValue) => {
    if (typeof v === 'string') {
      ids.push(`${prefix}.${v}`)
      return
    }
    for (const [key, child] of Object.entries(v)) {
      ids.push(`${prefix}.${key}`)
      if (child !== undefined) walk(`${prefix}.${key}`, child as StateValue)
    }
  }
  walk(rootId, value)
  return ids
}

/** Which states and transitions of every machine of the engine the run went through (the chat and its children). */
export function createCoverage() {
  const states = new Set<string>()
  const transitions = new Set<string>()
  const inspect = (event: InspectionEvent) => {
    const logic = (event.actorRef as { logic?: unknown }).logic
    // Machines only, not their HTTP and timer actors.
    if (typeof logic !== 'object' || logic === null || !('root' in logic)) return
    const rootId = (logic as AnyStateMachine).id
    if (event.type === '@xstate.snapshot' || event.type === '@xstate.microstep') {
      const value = (event.snapshot as { value?: StateValue }).value
      if (value !== undefined) activeIds(rootId, value).forEach((id) => states.add(id))
    }
    if (event.type === '@xstate.microstep') event._transitions.forEach((t) => transitions.add(transitionKey(t)))
  }
  return { states, transitions, inspect }
}
