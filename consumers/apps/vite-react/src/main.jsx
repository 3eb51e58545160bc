import { StrictMode, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { createChat } from '@gws-chat/core'
import { useChat } from '@gws-chat/react'

// The simulator's URL comes from the query string (?sim=…); the engine is created once, outside React.
const baseUrl = new URLSearchParams(location.search).get('sim')
const chat = createChat({ baseUrl, contactCenterId: 'demo', persistence: false, polling: { intervalMs: 100 } })
window.chat = chat

function App() {
  const { status, transcript, start, send, end } = useChat(chat)
  const [draft, setDraft] = useState('')
  return (
    <main>
      <p data-testid="status">{status}</p>
      {status === 'idle' && <button onClick={() => start({ nickname: 'Chris', subject: 'Vite + React' })}>Start chat</button>}
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
    </main>
  )
}

createRoot(document.querySelector('#root')).render(<StrictMode><App /></StrictMode>)
