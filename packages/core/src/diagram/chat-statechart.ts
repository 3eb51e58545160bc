import type { AnyStateMachine } from 'xstate'
import { chatMachine } from '../machine/chat.machine'
import { chatStatePollerMachine } from '../machine/chat-state-poller.machine'
import { completerMachine } from '../machine/completer.machine'
import { connectivityMachine } from '../machine/connectivity.machine'
import { outboxMachine } from '../machine/outbox.machine'
import { transcriptPollerMachine } from '../machine/transcript-poller.machine'
import { typingMachine } from '../machine/typing.machine'
import { electionMachine } from '../tabs/election.machine'
import { renderStatechart } from './statechart'

export const REGENERATE_STATECHART = 'pnpm --filter @gws-chat/core exec tsx ../../scripts/statechart.ts'

/** Every machine of the engine, the lifecycle first: what `docs/statechart.md` draws and the model suite covers. */
export const ENGINE_MACHINES: readonly { machine: AnyStateMachine; title: string }[] = [
  { machine: chatMachine, title: 'The chat (lifecycle)' },
  { machine: transcriptPollerMachine, title: 'The transcript poller' },
  { machine: chatStatePollerMachine, title: 'The chat-state poller' },
  { machine: outboxMachine, title: 'The outbox' },
  { machine: typingMachine, title: 'Typing' },
  { machine: completerMachine, title: 'The completer (ending a chat)' },
  { machine: connectivityMachine, title: 'Connectivity' },
  { machine: electionMachine, title: 'Tab election (`@gws-chat/core/tabs`)' },
]

/** `docs/statechart.md`: every machine of the engine drawn from its definition, one diagram each. */
export function statechartDocument(): string {
  return ENGINE_MACHINES.map(({ machine, title }, i) => renderStatechart(machine, { title, regenerate: REGENERATE_STATECHART, heading: i === 0 ? 1 : 2 })).join('\n')
}
