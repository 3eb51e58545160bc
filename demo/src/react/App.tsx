import { memo, useLayoutEffect, useRef, useState, type FormEvent } from 'react'
import { entryAuthor, isLive, isPlaceholder, webLink, type Chat, type TranscriptEntry } from '@gws-chat/core'
import { useChat, useChatSelector } from '@gws-chat/react'

const ENDED = {
  customer: 'You ended the chat.',
  agent: 'The agent ended the chat.',
  server: 'The chat was closed.',
  timeout: 'The chat was closed after a period of inactivity.',
}

export function App({ chat }: { chat: Chat }) {
  const { status, transcript, outbox, participants, visitorId, error, endReason, connection, start, send, setTyping, end, retry, retryMessage } =
    useChat(chat)
  const [draft, setDraft] = useState('')
  const [newChat, setNewChat] = useState(false)
  const log = useRef<HTMLDivElement>(null)
  useLayoutEffect(() => {
    if (log.current) log.current.scrollTop = log.current.scrollHeight
  }, [transcript, outbox])
  const agent = participants.find((p) => p.type === 'Agent')?.nickname
  const live = isLive(status)

  if (status === 'idle' || (status === 'ended' && newChat)) {
    return <PreChat onStart={(nickname, subject) => (start({ nickname, subject }), setNewChat(false))} />
  }

  function onSend(event: FormEvent) {
    event.preventDefault()
    if (draft.trim() === '') return
    send(draft)
    setDraft('')
  }

  const statusText =
    live && connection !== 'online' ? (connection === 'offline' ? 'You are offline' : 'Connection lost, reconnecting…')
    : status === 'requesting' ? 'Connecting…'
    : status === 'queued' ? 'Waiting for an agent…'
    : status === 'connected' ? `Chatting with ${agent ?? 'an agent'}`
    : ''

  return (
    <section className="chat" aria-label="Chat">
      <header className="chat-header">
        <h2>Chat with us</h2>
        {live && (
          <button type="button" className="btn btn--secondary" onClick={end}>
            End chat
          </button>
        )}
        <p role="status" className="chat-status">
          {statusText}
        </p>
      </header>
      <div ref={log} className="chat-log" role="log" aria-live="polite" aria-label="Conversation" tabIndex={0}>
        <ol className="entries">
          {transcript.map((entry) => (
            <Entry key={entry.index} entry={entry} visitorId={visitorId} />
          ))}
          {outbox.map((message) => (
            <li key={message.id} className={`entry entry--own outgoing outgoing--${message.status}`}>
              <p className="text">{message.text}</p>
              {message.status === 'failed' ? (
                <span className="delivery">
                  Not sent{' '}
                  <button type="button" className="btn btn--small" onClick={() => retryMessage(message.id)}>
                    Retry
                  </button>
                </span>
              ) : (
                message.status !== 'sent' && <span className="delivery">Sending…</span>
              )}
            </li>
          ))}
        </ol>
      </div>
      <AgentTyping chat={chat} agent={agent} />
      {status === 'error' && error && (
        <div role="alert" className="failure">
          <p>Something went wrong: {error.message}</p>
          <button type="button" className="btn btn--secondary" onClick={retry}>
            Try again
          </button>
        </div>
      )}
      {live && (
        <form className="composer" aria-label="Message" onSubmit={onSend}>
          <input
            aria-label="Message"
            autoComplete="off"
            autoFocus
            value={draft}
            onChange={(event) => {
              setDraft(event.target.value)
              setTyping(event.target.value.trim() !== '')
            }}
            onBlur={() => setTyping(false)}
          />
          <button type="submit" className="btn">
            Send
          </button>
        </form>
      )}
      {status === 'ended' && (
        <div className="ended">
          <p>{endReason ? ENDED[endReason] : 'The chat is over.'}</p>
          <button type="button" className="btn" onClick={() => setNewChat(true)}>
            Start a new chat
          </button>
        </div>
      )}
    </section>
  )
}

/** Re-renders only when the typing flag (or the agent) changes, not on every snapshot. */
const AgentTyping = memo(function AgentTyping({ chat, agent }: { chat: Chat; agent: string | undefined }) {
  const typing = useChatSelector(chat, (snapshot) => snapshot.agentTyping)
  return (
    <p className="typing" aria-live="polite">
      {typing ? `${agent ?? 'The agent'} is typing…` : ''}
    </p>
  )
})

/** Entries never change once received: each renders once. */
const Entry = memo(function Entry({ entry, visitorId }: { entry: TranscriptEntry; visitorId: string | null }) {
  const who = entry.from.nickname
  if (entry.type === 'ParticipantJoined' || entry.type === 'ParticipantLeft') {
    if (entry.from.type !== 'Agent') return null
    return <li className="entry entry--event">{`${who} ${entry.type === 'ParticipantJoined' ? 'joined' : 'left'} the chat`}</li>
  }
  const kind = entryAuthor(entry, visitorId)
  if (isPlaceholder(entry)) {
    return <li className="entry entry--event">{entry.type === 'Missing' ? 'Some messages did not arrive' : 'A message could not be shown'}</li>
  }
  if (entry.type === 'PushUrl' && entry.url) {
    // A link only where webLink allows, showing the very address it opens; the entry's own text is a caption beside it.
    const link = webLink(entry.url)
    const caption = entry.text?.trim()
    return (
      <li className={`entry entry--${kind} notice`}>
        <span className="author">{who}</span>
        <p className="text">{link ? <a href={link} target="_blank" rel="noopener noreferrer">{link}</a> : entry.url}</p>
        {caption && caption !== entry.url && caption !== link && <p className="caption">{caption}</p>}
      </li>
    )
  }
  if (!entry.text) return null
  return (
    <li className={`entry entry--${kind} ${entry.type === 'Text' ? 'message' : 'notice'}`}>
      <span className="author">{who}</span>
      <p className="text">{entry.text}</p>
    </li>
  )
})

function PreChat({ onStart }: { onStart: (nickname: string, subject: string) => void }) {
  const [nickname, setNickname] = useState('Chris')
  const [subject, setSubject] = useState('')
  return (
    <form
      className="chat prechat"
      aria-label="Chat with us"
      onSubmit={(event) => {
        event.preventDefault()
        onStart(nickname.trim(), subject.trim())
      }}
    >
      <h2>Chat with us</h2>
      <label className="field">
        Your name
        <input required autoComplete="name" value={nickname} onChange={(event) => setNickname(event.target.value)} />
      </label>
      <label className="field">
        How can we help?
        <input required value={subject} onChange={(event) => setSubject(event.target.value)} />
      </label>
      <button type="submit" className="btn">
        Start chat
      </button>
    </form>
  )
}
