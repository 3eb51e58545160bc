import { createChatMachine, type ChatMachineDeps } from '../machine/chat.machine'
import { renderStatechart } from './statechart'

export const REGENERATE_STATECHART = 'pnpm --filter @gws-chat/core exec tsx ../../scripts/statechart.ts'

/** `docs/statechart.md`: the chat machine drawn from its definition (dependencies are never called while drawing). */
export function statechartDocument(): string {
  const machine = createChatMachine({} as ChatMachineDeps)
  return renderStatechart(machine, { title: 'The chat machine', regenerate: REGENERATE_STATECHART })
}
