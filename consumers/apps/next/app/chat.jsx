'use client'
import { useEffect, useState } from 'react'
import { createChat } from '@gws-chat/core'
import { persistChat } from '@gws-chat/core/persistence'
import { useChat } from '@gws-chat/react'

// Created once at module scope, as docs/react.md says, with restore after reload (sessionStorage in the browser, no
// record on the server): after a reload the browser's engine resumes the live chat at once.
const chat = createChat({ baseUrl: process.env.NEXT_PUBLIC_GWS_SIM_URL, contactCenterId: 'demo', persistence: persistChat(), polling: { intervalMs: 100 } })
if (typeof window !== 'undefined') window.chat = chat

export function ChatBox() {
  const { status, transcript, start, send, end } = useChat(chat)
  const [draft, setDraft] = useState('')
  useEffect(() => {
    document.body.dataset.hydrated = 'true'
  }, [])
  return (
    <section>
      <p data-testid="status">{status}</p>
      {status === 'idle' && <button onClick={() => start({ nickname: 'Chris', subject: 'Next.js' })}>Start chat</button>}
      <ol data-testid="transcript">
        {transcript.map((e) => (
          <li key={e.index}>{e.from.nickname}: {e.text ?? e.type}</li>
        ))}
      </ol>
      {status === 'connected' && (
        <form onSubmit={(event) => (event.preventDefault(), send(draft), setDraft(''))}>
          <input aria-label="Message" value={draft} onChange={(event) => setDraft(event.target.value)} />
          <button type="submit">Send</button>
          <button type="button" onClick={end}>End chat</button>
        </form>
      )}
    </section>
  )
}
