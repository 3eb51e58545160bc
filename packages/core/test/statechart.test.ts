import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { chatMachine } from '../src'
import { ENGINE_MACHINES, REGENERATE_STATECHART, statechartDocument } from '../src/diagram/chat-statechart'
import { eventLabel, renderMermaid, renderStateTable } from '../src/diagram/statechart'
import { allStateIds } from './model/coverage'

const machine = chatMachine

describe('docs/statechart.md', () => {
  it('is the current machine (regenerate it when this fails)', () => {
    const onDisk = readFileSync(new URL('../../../docs/statechart.md', import.meta.url), 'utf8')
    expect(onDisk === statechartDocument(), `docs/statechart.md is stale: run \`${REGENERATE_STATECHART}\``).toBe(true)
  })

  it.each(ENGINE_MACHINES.map(({ machine: m }) => [m.id, m] as const))('draws every state of %s and describes it in the table', (_, m) => {
    const diagram = renderMermaid(m)
    const table = renderStateTable(m)
    for (const id of allStateIds(m).slice(1)) {
      const path = id.split('.').slice(1)
      expect(diagram).toContain(`as ${path.join('__')}`)
      expect(table).toContain(`| \`${path.join('.')}\``)
    }
  })

  it('describes every state of every machine', () => {
    const undescribed = ENGINE_MACHINES.flatMap(({ machine: m }) => allStateIds(m).filter((id) => !m.getStateNodeById(id).description))
    expect(undescribed).toEqual([])
  })

  it('labels transitions with their event and guard', () => {
    const diagram = renderMermaid(machine)
    expect(diagram).toContain('idle --> requesting: chat.start')
    expect(diagram).toContain('requesting --> queued: done(requestChat) [endWasRequested] → ending')
    expect(diagram).toContain('queued --> ended: live / transcript.appended [ownParticipantLeft]')
    expect(diagram).toContain('connected__confirmingEnd --> connected__draining: done(fetchChatState) [confirmedIdle]')
    expect(renderMermaid(ENGINE_MACHINES[1]!.machine)).toContain('cycle__waiting --> cycle__paused: after transcriptPollDelay [isOffline]')
  })

  it('names invoked actors and timers in event labels', () => {
    const requesting = machine.root.states.requesting!
    expect(eventLabel(requesting, 'xstate.done.actor.requestChat')).toBe('done(requestChat)')
    expect(eventLabel(requesting, 'xstate.error.actor.requestChat')).toBe('error(requestChat)')
    expect(eventLabel(requesting, 'xstate.after.sendRetryDelay.chat')).toBe('after sendRetryDelay')
    expect(eventLabel(requesting, '')).toBe('always')
  })
})
