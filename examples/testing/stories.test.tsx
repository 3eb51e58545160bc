// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { FIXTURE_NAMES, fixtureChat, type ChatFixture } from '@gws-chat/testing/fixtures'
import * as stories from './ChatPanel.stories'

/** Every story of ChatPanel.stories.tsx rendered the way Storybook would (meta args, then the story's), with RTL. */
const { default: meta, ...named } = stories
const renderStory = (name: keyof typeof named) => {
  const Component = meta.component
  return render(<Component {...meta.args} {...named[name].args} />)
}

afterEach(cleanup)

/** What each story must show. */
const SHOWS: Record<keyof typeof named, string[]> = {
  Idle: ['Start chat'],
  Requesting: ['Connecting…'],
  Queued: ['Waiting for an agent…'],
  Connected: ['Chatting with Ava', "Ava: Hi, I'm Ava. How can I help?", 'You: Hello, my last bill looks too high.'],
  AgentTyping: ['Ava is typing…'],
  Unread: ['2 new', 'Ava: It is refunded within five days.'],
  FailedSend: ['You: Can you send me a copy? (not sent) Retry'],
  Reconnecting: ['Reconnecting…'],
  Offline: ['You are offline'],
  EndedByCustomer: ['You ended the chat.', 'Start a new chat'],
  EndedByAgent: ['The agent ended the chat.'],
  EndedByServer: ['The chat was closed.'],
  EndedByTimeout: ['The chat was closed after a period of inactivity.'],
  ErrorState: ['RequestChat: GWS statusCode 4 (The service is unavailable) Try again'],
}

describe('ChatPanel stories', () => {
  it('has one story per state fixture', () => {
    const covered = Object.values(named).map((story) => (story.args.chat as ChatFixture).name)
    expect([...covered].sort()).toEqual([...FIXTURE_NAMES].sort())
  })

  it.each(Object.keys(named) as (keyof typeof named)[])('%s renders what its state shows', (name) => {
    const { container } = renderStory(name)
    const text = (container.textContent ?? '').replace(/\s+/g, ' ')
    for (const words of SHOWS[name]) expect(text).toContain(words)
  })

  it('a story’s buttons call the fixture’s commands, and the story stays in its state', () => {
    const chat = fixtureChat('failedSend')
    render(<meta.component chat={chat} />)
    screen.getByRole('button', { name: 'Retry' }).click()
    screen.getByRole('button', { name: 'End chat' }).click()
    expect(chat.commands()).toEqual(['retryMessage', 'end'])
    expect(screen.getByText(/\(not sent\)/)).toBeTruthy()
  })
})
