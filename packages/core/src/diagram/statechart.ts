import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate'

/**
 * Draws a machine from its own definition: a Mermaid `stateDiagram-v2` with
 * every state, nesting and parallel regions, transitions labelled with their
 * event and guard, and a table of every state's description and of the events
 * it handles without changing state. `docs/statechart.md` is this function's
 * output for the chat machine; a test keeps it current.
 */

/** Mermaid ids must be unique in the whole diagram: the state's path, joined. */
const mermaidId = (node: AnyStateNode) => (node.path.length === 0 ? 'root' : node.path.join('__'))

function guardName(guard: AnyTransitionDefinition['guard']): string | undefined {
  if (guard === undefined) return undefined
  if (typeof guard === 'string') return guard
  if (typeof guard === 'function') return guard.name && guard.name !== 'guard' ? guard.name : 'inline'
  const type = (guard as { type?: unknown }).type
  return typeof type === 'string' ? type : 'inline'
}

/** `xstate.done.actor.0.chat.queued.draining` → `done(fetchTranscript)`, `xstate.after.x.…` → `after x`. */
export function eventLabel(node: AnyStateNode, eventType: string): string {
  if (eventType === '') return 'always'
  const after = /^xstate\.after\.([^.]+)\./.exec(eventType)
  if (after) return `after ${after[1]}`
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(eventType)
  if (actor) {
    const invoked = node.invoke.find((invoke) => invoke.id === actor[2])
    const name = invoked && typeof invoked.src === 'string' ? invoked.src : actor[2]!
    return `${actor[1]}(${name})`
  }
  return eventType
}

function transitionLabel(node: AnyStateNode, transition: AnyTransitionDefinition): string {
  const guard = guardName(transition.guard)
  return `${eventLabel(node, transition.eventType)}${guard ? ` [${guard}]` : ''}`
}

function transitionsOf(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...[...node.transitions.values()].flat(), ...(node.always ?? [])]
}

function walk(node: AnyStateNode, visit: (node: AnyStateNode) => void) {
  visit(node)
  Object.values(node.states).forEach((child) => walk(child, visit))
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

/** The deepest state containing both (a state contains itself). */
function commonAncestor(a: AnyStateNode, b: AnyStateNode): AnyStateNode {
  const chain = new Set<AnyStateNode>()
  for (let node: AnyStateNode | undefined = a; node; node = node.parent) chain.add(node)
  for (let node: AnyStateNode | undefined = b; node; node = node.parent) if (chain.has(node)) return node
  return a.machine.root
}

/** `node` itself or its ancestor that is a direct child of `container`. */
function childOf(container: AnyStateNode, node: AnyStateNode): AnyStateNode {
  let current = node
  while (current.parent && current.parent !== container) current = current.parent
  return current
}

/**
 * Mermaid cannot draw a transition between states nested in different
 * composite states, so each one is drawn inside the deepest state that holds
 * both ends, between the children of that state that contain them; the label
 * names the exact source (`live.transcript.fetching / …`) and target (`… → ending`)
 * when they were lifted.
 */
export function renderMermaid(machine: AnyStateMachine): string {
  const edges = new Map<AnyStateNode, string[]>()
  walk(machine.root, (node) => {
    for (const transition of transitionsOf(node)) {
      for (const target of transition.target ?? []) {
        let container = commonAncestor(node, target)
        // A transition to an ancestor (or itself) is drawn as a loop on the ancestor's child, inside the ancestor's parent.
        if (container === target || container === node) container = container.parent ?? container
        const from = childOf(container, node)
        const to = childOf(container, target)
        const origin = from === node ? '' : `${node.path.slice(from.path.length).join('.')} / `
        const into = to === target ? '' : ` → ${target.path.slice(to.path.length).join('.')}`
        const list = edges.get(container) ?? []
        list.push(`${mermaidId(from)} --> ${mermaidId(to)}: ${origin}${transitionLabel(node, transition)}${into}`)
        edges.set(container, list)
      }
    }
  })

  const lines: string[] = ['stateDiagram-v2']
  const declare = (node: AnyStateNode, indent: string) => {
    const children = Object.values(node.states)
    if (node.parent) {
      if (children.length === 0) {
        lines.push(`${indent}state "${node.key}" as ${mermaidId(node)}`)
        return
      }
      lines.push(`${indent}state "${node.key}${node.type === 'parallel' ? ' (parallel)' : ''}" as ${mermaidId(node)} {`)
    }
    const inner = node.parent ? `${indent}  ` : indent
    children.forEach((child, i) => {
      if (node.type === 'parallel' && i > 0) lines.push(`${inner}--`)
      if (node.type !== 'parallel' && node.initial?.target.includes(child)) lines.push(`${inner}[*] --> ${mermaidId(child)}`)
      declare(child, inner)
    })
    for (const edge of edges.get(node) ?? []) lines.push(`${inner}${edge}`)
    if (node.parent) lines.push(`${indent}}`)
  }
  declare(machine.root, '  ')
  return lines.join('\n')
}

export function renderStateTable(machine: AnyStateMachine): string {
  const rows = ['| State | Description | Handled without leaving it |', '| --- | --- | --- |']
  walk(machine.root, (node) => {
    const kept = transitionsOf(node)
      .filter((transition) => !transition.target || transition.target.length === 0)
      .map((transition) => `\`${transitionLabel(node, transition)}\``)
    const name = node.path.length === 0 ? `\`${node.id}\` (root)` : `\`${node.path.join('.')}\`${node.type === 'parallel' ? ' (parallel)' : ''}`
    rows.push(`| ${name} | ${escapeCell(node.description ?? '')} | ${[...new Set(kept)].join(', ')} |`)
  })
  return rows.join('\n')
}

/** One machine's section of `docs/statechart.md` (`heading` 1 for the first, with the note on how to regenerate it). */
export function renderStatechart(machine: AnyStateMachine, options: { title: string; regenerate: string; heading?: 1 | 2 }): string {
  const top = (options.heading ?? 1) === 1
  const h = top ? '#' : '##'
  return [
    `${h} ${options.title}${top ? '' : ` (\`${machine.id}\`)`}`,
    '',
    ...(top
      ? [
          `<!-- Generated from the machines' definitions; do not edit. Regenerate with \`${options.regenerate}\`. -->`,
          '',
          'Transitions are labelled `event [guard]`; `done(actor)` / `error(actor)` are the outcome of an invoked actor,',
          '`after delay` a timer, `always` an eventless transition. Parallel regions are separated by dashed lines.',
          'The chat machine invokes every other machine below once, for the engine’s whole life.',
          '',
          `## The chat machine (\`${machine.id}\`)`,
          '',
        ]
      : []),
    machine.root.description ?? '',
    '',
    '```mermaid',
    renderMermaid(machine),
    '```',
    '',
    `${h}# States of \`${machine.id}\``,
    '',
    renderStateTable(machine),
    '',
  ].join('\n')
}
