/**
 * Storybook stories (CSF3) of `ChatPanel`, one per state fixture of `@gws-chat/testing`. In a project with Storybook,
 * type them as `Meta<typeof ChatPanel>` and `StoryObj<typeof meta>` from `@storybook/react`; the plain objects below
 * are the same CSF3 and need no Storybook installed (stories.test.tsx renders each of them).
 */
import { chatFixtures } from '@gws-chat/testing/fixtures'
import { ChatPanel } from './ChatPanel'

const meta = {
  title: 'Chat/ChatPanel',
  component: ChatPanel,
  args: { chat: chatFixtures.idle },
}
export default meta

type Story = { name?: string; args: Parameters<typeof ChatPanel>[0] }

export const Idle: Story = { args: { chat: chatFixtures.idle } }
export const Requesting: Story = { args: { chat: chatFixtures.requesting } }
export const Queued: Story = { args: { chat: chatFixtures.queued } }
export const Connected: Story = { args: { chat: chatFixtures.connected } }
export const AgentTyping: Story = { args: { chat: chatFixtures.agentTyping } }
export const Unread: Story = { args: { chat: chatFixtures.unread } }
export const FailedSend: Story = { args: { chat: chatFixtures.failedSend } }
export const Reconnecting: Story = { args: { chat: chatFixtures.reconnecting } }
export const Offline: Story = { args: { chat: chatFixtures.offline } }
export const EndedByCustomer: Story = { args: { chat: chatFixtures.endedByCustomer } }
export const EndedByAgent: Story = { args: { chat: chatFixtures.endedByAgent } }
export const EndedByServer: Story = { args: { chat: chatFixtures.endedByServer } }
export const EndedByTimeout: Story = { args: { chat: chatFixtures.endedByTimeout } }
/** Named for the state; `Error` itself would shadow the global. */
export const ErrorState: Story = { name: 'Error', args: { chat: chatFixtures.error } }
