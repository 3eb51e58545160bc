import { ChatBox } from './chat'

// Rendered on the server for every request.
export const dynamic = 'force-dynamic'

export default function Page() {
  return (
    <main>
      <h1>Support</h1>
      <p data-testid="rendered-at">rendered on the server</p>
      <ChatBox />
    </main>
  )
}
