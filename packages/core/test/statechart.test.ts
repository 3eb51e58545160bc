import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { createChatMachine } from '../src'
import { REGENERATE_STATECHART, statechartDocument } from '../src/diagram/chat-statechart'
import { eventLabel, renderMermaid, renderStateTable } from '../src/diagram/statechart'
import { allStateIds } from './model/coverage'

const machine = createChatMachine({} as never)

describe('docs/statechart.md', () => {
  it('is the current machine (regenerate it when this fails)', () => {
    const onDisk = readFileSync(new URL('../../../docs/statechart.md', import.meta.url), 'utf8')
    expect(onDisk === statechartDocument(), `docs/statechart.md is stale: run \`${REGENERATE_STATECHART}\``).toBe(true)
  })

  it('draws every state and describes it in the table', () => {
    const diagram = renderMermaid(machine)
    const table = renderStateTable(machine)
    for (const id of allStateIds(machine).slice(1)) {
      const path = id.split('.').slice(1)
      expect(diagram).toContain(`as ${path.join('__')}`)
      expect(table).toContain(`| \`${path.join('.')}\``)
    }
  })

  it('labels transitions with their event and guard', () => {
    const diagram = renderMermaid(machine)
    expect(diagram).toContain('idle --> requesting: chat.start')
    expect(diagram).toContain('requesting --> queued: done(requestChat) [endWasRequested] → ending')
    expect(diagram).toContain('queued__live__transcript__waiting --> queued__live__transcript__paused: after transcriptPollDelay [isOffline]')
    expect(diagram).toContain('queued --> ended: live.transcript.fetching / done(fetchTranscript) [ownParticipantLeft]')
    expect(diagram).toContain('connected__confirmingEnd --> connected__draining: done(fetchChatState) [chatIsIdle]')
  })

  it('names invoked actors and timers in event labels', () => {
    const requesting = machine.root.states.requesting!
    expect(eventLabel(requesting, 'xstate.done.actor.requestChat')).toBe('done(requestChat)')
    expect(eventLabel(requesting, 'xstate.error.actor.requestChat')).toBe('error(requestChat)')
    expect(eventLabel(requesting, 'xstate.after.sendRetryDelay.chat')).toBe('after sendRetryDelay')
    expect(eventLabel(requesting, '')).toBe('always')
  })
})
