import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApp, createSSRApp, defineComponent, h, nextTick, onMounted, type App, type Component } from 'vue'
import { renderToString } from 'vue/server-renderer'
import { isAgent, type Chat, type ChatStorage, type HttpAdapter } from '@gws-chat/core'
import { useChat } from '../src'
import { createFakeHttp } from '../../test-support/fakes'
import { memoryStorage, persistedChat, RECORD_KEY as KEY, restoringEngine } from '../../test-support/hydration'

/**
 * A reload with a live chat: the server has no sessionStorage, so its engine is idle and it renders the idle form;
 * the browser's engine restores the chat from storage and is `connected` before the app hydrates. Hydration must see
 * what the server rendered, then the live chat.
 */

const engines: Chat[] = []
const apps: App[] = []

const engine = (storage: ChatStorage, http?: HttpAdapter): Chat => restoringEngine(engines, storage, http)

/** A browser engine that restored the stored chat (an agent joined, one message waiting on the server). */
function restoredEngine(): Chat {
  const storage = memoryStorage()
  storage.setItem(KEY, persistedChat())
  const gws = createFakeHttp()
  gws.agentJoins()
  gws.agentSays('Hello from Ava')
  const chat = engine(storage, gws.http)
  expect(chat.getSnapshot().status).toBe('connected')
  return chat
}

afterEach(() => {
  for (const app of apps.splice(0)) app.unmount()
  for (const chat of engines.splice(0)) chat.destroy()
  document.body.innerHTML = ''
  vi.restoreAllMocks()
})

const ChatView = defineComponent({
  props: { chat: { type: Object as () => Chat, required: true } },
  setup(props) {
    const { status, participants, transcript, start } = useChat(() => props.chat)
    return () =>
      h('section', [
        h('p', { 'data-testid': 'status' }, status.value),
        h('p', { 'data-testid': 'agent' }, participants.value.find(isAgent)?.nickname ?? 'no agent'),
        status.value === 'idle'
          ? h('button', { type: 'button', onClick: () => start({ nickname: 'Chris', subject: 'Help' }) }, 'Start a chat')
          : h(
              'ul',
              transcript.value
                .filter((entry) => entry.type === 'Text')
                .map((entry) => h('li', { key: entry.index }, `${entry.from.nickname}: ${entry.text}`)),
            ),
      ])
  },
})

/** The page: the chat inside a layout, so the composable runs in a child component as well as at the root. */
const Page = defineComponent({
  props: { chat: { type: Object as () => Chat, required: true } },
  setup(props) {
    return () => h('main', [h('h1', 'Support'), h(ChatView, { chat: props.chat })])
  },
})

function hydrate(root: Component, props: Record<string, unknown>, html: string) {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const app = createSSRApp(root, props)
  const warnings: string[] = []
  app.config.warnHandler = (message) => void warnings.push(message)
  const consoleWarn = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {})
  app.mount(container)
  apps.push(app)
  return { container, warnings, consoleWarn, consoleError }
}

const text = (container: Element, testId: string) => container.querySelector(`[data-testid="${testId}"]`)?.textContent

describe('hydration after a reload with a live chat', () => {
  it('hydrates the idle form the server rendered, then shows the restored chat, with no mismatch', async () => {
    // The server: no stored chat, an idle engine.
    const html = await renderToString(createSSRApp(Page, { chat: engine(memoryStorage()) }))
    expect(html).toContain('Start a chat')

    const { container, warnings, consoleWarn, consoleError } = hydrate(Page, { chat: restoredEngine() }, html)
    expect(warnings.filter((message) => /hydration/i.test(message))).toEqual([])
    expect(warnings).toEqual([])
    expect(consoleWarn).not.toHaveBeenCalled()
    expect(consoleError, 'no "Hydration completed but contains mismatches"').not.toHaveBeenCalled()

    // Right after hydration (the next render): the live chat, not the idle form.
    await nextTick()
    expect(text(container, 'status')).toBe('connected')
    expect(text(container, 'agent')).toBe('Ava')
    expect(container.querySelector('button')).toBeNull()
    // And it goes on following the engine: the transcript the restored chat polls.
    await vi.waitFor(() => expect(container.querySelector('li')?.textContent).toBe('Ava: Hello from Ava'))
    expect(warnings).toEqual([])
    expect(consoleError).not.toHaveBeenCalled()
  })

  it('hydrates with no mismatch when the browser has no stored chat either', async () => {
    const html = await renderToString(createSSRApp(Page, { chat: engine(memoryStorage()) }))
    const { container, warnings, consoleError } = hydrate(Page, { chat: engine(memoryStorage()) }, html)
    await nextTick()
    expect(warnings).toEqual([])
    expect(consoleError).not.toHaveBeenCalled()
    expect(container.innerHTML).toBe(html)
  })

  it('a component mounted after hydration (a chat panel opened later) shows the live chat in its first render', async () => {
    const chat = restoredEngine()
    const seen: string[] = []
    const Late = defineComponent({
      setup() {
        const { status } = useChat(chat)
        return () => {
          seen.push(status.value)
          return h('p', { 'data-testid': 'late' }, status.value)
        }
      },
    })
    let open = (): void => {}
    const Shell = defineComponent({
      data: () => ({ shown: false }),
      mounted() {
        open = () => void (this.shown = true)
      },
      render() {
        return h('div', [h('h1', 'Support'), this.shown ? h(Late) : null])
      },
    })
    const html = await renderToString(createSSRApp(Shell))
    const { container, warnings } = hydrate(Shell, {}, html)
    open()
    await nextTick()
    expect(text(container, 'late')).toBe('connected')
    expect(seen).toEqual(['connected'])
    expect(warnings).toEqual([])
  })
})

describe('a client-only app (no server markup)', () => {
  it('shows the restored chat in its first render: no idle frame', async () => {
    const chat = restoredEngine()
    const seen: string[] = []
    let mountedWith = ''
    const Status = defineComponent({
      setup() {
        const { status, participants } = useChat(chat)
        onMounted(() => void (mountedWith = status.value))
        return () => {
          seen.push(`${status.value}/${participants.value.find(isAgent)?.nickname}`)
          return h('p', status.value)
        }
      },
    })
    const container = document.createElement('div')
    document.body.append(container)
    const app = createApp(Status)
    app.mount(container)
    apps.push(app)
    await nextTick()
    expect(seen[0]).toBe('connected/Ava')
    expect(seen.every((frame) => frame === 'connected/Ava')).toBe(true)
    expect(mountedWith).toBe('connected')
    expect(container.textContent).toBe('connected')
  })
})
