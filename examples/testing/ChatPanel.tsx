import { useState, type FormEvent } from 'react'
import { isLive, type ChatLike } from '@gws-chat/core'
import { useChat } from '@gws-chat/react'

const ENDED = {
  customer: 'You ended the chat.',
  agent: 'The agent ended the chat.',
  server: 'The chat was closed.',
  timeout: 'The chat was closed after a period of inactivity.',
} as const

/**
 * A team's own chat UI, built on `useChat`: the component the testing examples test (the unread count is shown for
 * the Unread story; a real panel would call `setViewing`/`markRead` as it opens and closes). It takes any `ChatLike`, so a
 * real engine, a state fixture or a stand-in all render through it.
 */
export function ChatPanel({ chat }: { chat: ChatLike }) {
  const { status, transcript, outbox, participants, visitorId, agentTyping, unreadCount, error, endReason, connection, start, send, setTyping, end, retry, retryMessage } =
    useChat(chat)
  const [draft, setDraft] = useState('')
  const agent = participants.find((p) => p.type === 'Agent')?.nickname ?? 'The agent'
  const live = isLive(status)

  if (status === 'idle' || status === 'ended') {
    return (
      <section aria-label="Chat" data-status={status}>
        {status === 'ended' && endReason && <p role="status">{ENDED[endReason]}</p>}
        <button type="button" onClick={() => start({ nickname: 'Chris', subject: 'A question about my bill' })}>
          {status === 'ended' ? 'Start a new chat' : 'Start chat'}
        </button>
      </section>
    )
  }

  const line =
    connection === 'offline' ? 'You are offline'
    : connection === 'reconnecting' ? 'Reconnecting…'
    : status === 'requesting' ? 'Connecting…'
    : status === 'queued' ? 'Waiting for an agent…'
    : status === 'connected' ? `Chatting with ${agent}`
    : ''

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (draft.trim() === '') return
    send(draft)
    setDraft('')
  }

  return (
    <section aria-label="Chat" data-status={status}>
      <p role="status">{line}</p>
      {unreadCount > 0 && <p>{unreadCount} new</p>}
      <ol aria-label="Conversation">
        {transcript
          .filter((entry) => entry.type === 'Text' && entry.text)
          .map((entry) => (
            <li key={entry.index}>
              {entry.from.participantId === visitorId ? 'You' : entry.from.nickname}: {entry.text}
            </li>
          ))}
        {outbox.map((message) => (
          <li key={message.id} data-delivery={message.status}>
            You: {message.text}
            {message.status === 'failed' && (
              <>
                {' '}
                (not sent){' '}
                <button type="button" onClick={() => retryMessage(message.id)}>
                  Retry
                </button>
              </>
            )}
          </li>
        ))}
      </ol>
      {agentTyping && <p>{agent} is typing…</p>}
      {status === 'error' && error && (
        <div role="alert">
          {error.message}{' '}
          <button type="button" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      <form onSubmit={onSubmit}>
        <input
          aria-label="Message"
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value)
            setTyping(event.target.value !== '')
          }}
        />
        <button type="submit">Send</button>
      </form>
      {live && (
        <button type="button" onClick={end}>
          End chat
        </button>
      )}
    </section>
  )
}
