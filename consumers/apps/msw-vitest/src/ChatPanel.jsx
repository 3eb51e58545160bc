import React, { useState } from 'react'
import { useChat } from '@gws-chat/react'

/** The team's own chat UI on the React binding: what the test renders. */
export function ChatPanel({ chat }) {
  const { status, transcript, start, send, end } = useChat(chat)
  const [draft, setDraft] = useState('')
  return (
    <section aria-label="Chat">
      <p data-testid="status">{status}</p>
      {status === 'idle' && <button onClick={() => start({ nickname: 'Chris', subject: 'Where is my parcel?' })}>Start chat</button>}
      <ol aria-label="Transcript">
        {transcript
          .filter((e) => e.type === 'Text')
          .map((e) => (
            <li key={e.index}>
              {e.from.nickname}: {e.text}
            </li>
          ))}
      </ol>
      {status === 'connected' && (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            send(draft)
            setDraft('')
          }}
        >
          <input aria-label="Message" value={draft} onChange={(event) => setDraft(event.target.value)} />
          <button type="submit">Send</button>
          <button type="button" onClick={end}>
            End chat
          </button>
        </form>
      )}
    </section>
  )
}
