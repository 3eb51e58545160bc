import { act, cleanup, screen, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createRoot, hydrateRoot, type Root } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { isAgent, type Chat, type ChatLike, type ChatSnapshot, type ChatStorage, type HttpAdapter } from '@gws-chat/core'
import { useChat, useChatSelector } from '../src'
import { createFakeHttp } from '../../test-support/fakes'
import { memoryStorage, persistedChat, RECORD_KEY as KEY, restoringEngine } from '../../test-support/hydration'
import { modes } from './modes'

/**
 * A reload with a live chat: the server has no sessionStorage, so its engine is idle and it renders the idle form;
 * the browser's engine restores the chat from storage and is `connected` before React hydrates. Hydration must see
 * what the server rendered, then the live chat.
 */

const engines: Chat[] = []
const roots: Root[] = []

const engine = (storage: ChatStorage, http?: HttpAdapter): Chat => restoringEngine(engines, storage, http)

afterEach(() => {
  for (const root of roots.splice(0)) act(() => root.unmount())
  for (const chat of engines.splice(0)) chat.destroy()
  cleanup()
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

const agentOf = (snapshot: ChatSnapshot) => snapshot.participants.find(isAgent)?.nickname ?? null
/** A selector that returns a new object on every call: the server selection must still be cached. */
const summaryOf = (snapshot: ChatSnapshot) => ({ agent: agentOf(snapshot), lines: snapshot.transcript.length })
const sameSummary = (a: ReturnType<typeof summaryOf>, b: ReturnType<typeof summaryOf>) => a.agent === b.agent && a.lines === b.lines

function ChatView({ chat }: { chat: ChatLike }) {
  const { status, transcript, start } = useChat(chat)
  const agent = useChatSelector(chat, agentOf)
  const summary = useChatSelector(chat, summaryOf, sameSummary)
  return (
    <section>
      <p data-testid="status">{status}</p>
      <p data-testid="agent">{agent === null ? 'no agent' : `with ${agent}`}</p>
      <p data-testid="summary">{`${summary.agent ?? '-'}/${summary.lines}`}</p>
      {status === 'idle' ? (
        <button type="button" onClick={() => start({ nickname: 'Chris', subject: 'Help' })}>
          Start a chat
        </button>
      ) : (
        <ul>
          {transcript
            .filter((entry) => entry.type === 'Text')
            .map((entry) => (
              <li key={entry.index}>{`${entry.from.nickname}: ${entry.text}`}</li>
            ))}
        </ul>
      )}
    </section>
  )
}

describe.each(modes)('hydration after a reload with a live chat ($name)', ({ wrapper: Wrapper }) => {
  const app = (chat: ChatLike): ReactNode => (
    <Wrapper>
      <ChatView chat={chat} />
    </Wrapper>
  )

  it('hydrates the idle form the server rendered, then shows the restored chat, with no hydration error', async () => {
    // The server: no stored chat, an idle engine.
    const html = renderToString(app(engine(memoryStorage())))
    expect(html).toContain('Start a chat')
    expect(html).toContain('idle')

    // The browser: the stored chat resumes before React runs.
    const storage = memoryStorage()
    storage.setItem(KEY, persistedChat())
    const gws = createFakeHttp()
    gws.agentJoins()
    gws.agentSays('Hello from Ava')
    const client = engine(storage, gws.http)
    expect(client.getSnapshot().status).toBe('connected')

    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const onRecoverableError = vi.fn()
    await act(async () => {
      roots.push(hydrateRoot(container, app(client), { onRecoverableError }))
    })

    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    expect(warnings).not.toHaveBeenCalled()
    // Right after hydration: the live chat, not the idle form.
    expect(screen.getByTestId('status').textContent).toBe('connected')
    expect(screen.getByTestId('agent').textContent).toBe('with Ava')
    expect(screen.queryByText('Start a chat')).toBeNull()
    // And it goes on following the engine: the transcript the restored chat polls.
    await waitFor(() => expect(screen.getByText('Ava: Hello from Ava')).toBeTruthy())
    expect(screen.getByTestId('summary').textContent).toMatch(/^Ava\/[1-9]/)
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
  })

  it('hydrates with no error when the browser has no stored chat either', async () => {
    const html = renderToString(app(engine(memoryStorage())))
    const container = document.createElement('div')
    container.innerHTML = html
    document.body.append(container)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const onRecoverableError = vi.fn()
    await act(async () => {
      roots.push(hydrateRoot(container, app(engine(memoryStorage())), { onRecoverableError }))
    })
    expect(onRecoverableError).not.toHaveBeenCalled()
    expect(errors).not.toHaveBeenCalled()
    expect(container.innerHTML).toBe(html)
  })
})

describe('a client-only render (no server markup)', () => {
  it('shows the restored chat in its first render: no idle frame', async () => {
    const storage = memoryStorage()
    storage.setItem(KEY, persistedChat())
    const gws = createFakeHttp()
    gws.agentJoins()
    const client = engine(storage, gws.http)
    const seen: string[] = []
    function Status() {
      const { status } = useChat(client)
      const agent = useChatSelector(client, agentOf)
      seen.push(`${status}/${agent}`)
      return <p>{status}</p>
    }
    const container = document.createElement('div')
    document.body.append(container)
    const root = createRoot(container)
    roots.push(root)
    await act(async () => root.render(<Status />))
    expect(seen[0]).toBe('connected/Ava')
    expect(seen.every((frame) => frame === 'connected/Ava')).toBe(true)
  })
})
