import { entryAuthor, isLive, isPlaceholder, webLink, type ChatLike, type ChatSnapshot, type OutboxMessage, type StartParams, type TranscriptEntry } from '@gws-chat/core'
import { defaultLabels, fill, type ChatLabels } from './labels'
import { defaultStyles } from './styles'

export interface MountChatOptions {
  /** Replace any of the texts (for translation). */
  labels?: Partial<ChatLabels>
  /** Prefill of the pre-chat form. */
  nickname?: string
  subject?: string
  /** More RequestChat fields, e.g. `endpoint` or `userData`. */
  startParams?: Omit<StartParams, 'nickname' | 'subject'>
  /** Put the default stylesheet inside the widget (default `true`). */
  styles?: boolean
}

type Child = Node | string

/**
 * Render the default chat widget into `element` (or a shadow root) and keep it in step with the
 * engine. The widget only subscribes and calls commands: it never creates,
 * starts or destroys the engine. Returns the function that removes it.
 */
export function mountChat(element: Element | ShadowRoot, chat: ChatLike, options: MountChatOptions = {}): () => void {
  const doc = element.ownerDocument ?? document
  const labels: ChatLabels = { ...defaultLabels, ...options.labels }
  // Children are appended as nodes or text nodes: nothing is ever parsed as HTML.
  const h = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]) => {
    const node = doc.createElement(tag)
    for (const name in attrs) node.setAttribute(name, attrs[name]!)
    node.append(...children)
    return node
  }
  const button = (part: string, text: string, onClick?: () => void) => {
    const node = h('button', { type: onClick ? 'button' : 'submit', part: `button ${part}` }, text)
    if (onClick) node.addEventListener('click', onClick)
    return node
  }
  const show = (node: HTMLElement, visible: boolean) => node.toggleAttribute('hidden', !visible)
  const setText = (node: Node, text: string) => {
    if (node.textContent !== text) node.textContent = text
  }

  const status = h('p', { part: 'status', role: 'status' })
  const endButton = button('end', labels.end, () => chat.end())
  const header = h('header', { part: 'header' }, h('h2', { part: 'title' }, labels.title), status, endButton)

  const formError = h('p', { part: 'error', role: 'alert' })
  const field = (name: string, value = '', autocomplete = 'off') => h('input', { part: 'input', name, required: '', autocomplete, value })
  const nickname = field('nickname', options.nickname, 'name')
  const subject = field('subject', options.subject)
  const prechat = h(
    'form',
    { part: 'prechat', 'aria-label': labels.title },
    h('label', { part: 'label' }, labels.nickname, nickname),
    h('label', { part: 'label' }, labels.subject, subject),
    formError,
    button('start', labels.start),
  )

  const transcript = h('ol', { part: 'transcript' })
  const outbox = h('ol', { part: 'outbox' })
  const log = h('div', { part: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': labels.conversation, tabindex: '0' }, transcript, outbox)
  const typing = h('p', { part: 'typing', 'aria-live': 'polite' })

  const failure = h('p', { part: 'failure-text' })
  const failureBox = h('div', { part: 'failure', role: 'alert' }, failure, button('try-again', labels.tryAgain, () => chat.retry()))

  const message = h('input', { part: 'input message-input', name: 'message', autocomplete: 'off', 'aria-label': labels.message })
  const composer = h('form', { part: 'composer', 'aria-label': labels.message }, message, button('send', labels.send))

  const endedText = h('p', { part: 'ended-text' })
  const newChat = button('new-chat', labels.newChat, () => {
    showForm = true
    render(chat.getSnapshot())
    nickname.focus()
  })
  const ended = h('div', { part: 'ended' }, endedText, newChat)

  const root = h('div', { class: 'gws-chat', part: 'root' }, header, prechat, log, typing, failureBox, composer, ended)
  if (options.styles !== false) root.prepend(h('style', {}, defaultStyles))

  prechat.addEventListener('submit', (event) => {
    event.preventDefault()
    try {
      chat.start({ ...options.startParams, nickname: nickname.value.trim(), subject: subject.value.trim() })
      showForm = false
      setText(formError, '')
    } catch (error) {
      setText(formError, (error as Error).message)
    }
  })
  composer.addEventListener('submit', (event) => {
    event.preventDefault()
    if (message.value.trim() === '') return
    try {
      chat.send(message.value)
      message.value = ''
    } catch (error) {
      setText(failure, (error as Error).message)
    }
  })
  message.addEventListener('input', () => chat.setTyping(message.value.trim() !== ''))
  message.addEventListener('blur', () => chat.setTyping(false))

  let showForm = false
  let previous: ChatSnapshot | undefined
  let shown = 0
  let lastShown: TranscriptEntry | undefined
  const rows = new Map<string, { row: HTMLElement; state: HTMLElement; retry: HTMLElement }>()

  const entryNode = (entry: TranscriptEntry, visitorId: string | null): HTMLElement | null => {
    const who = entry.from.nickname
    const kind = entryAuthor(entry, visitorId)
    if (entry.type === 'ParticipantJoined' || entry.type === 'ParticipantLeft') {
      if (kind !== 'agent') return null
      return h('li', { part: 'entry event' }, fill(entry.type === 'ParticipantJoined' ? labels.joined : labels.left, who))
    }
    if (isPlaceholder(entry)) return h('li', { part: 'entry event placeholder' }, entry.type === 'Missing' ? labels.missing : labels.unreadable)
    if (entry.type === 'PushUrl' && entry.url) {
      // A link shows the very address it opens (webLink); the entry's own text is only a caption beside it.
      const target = webLink(entry.url)
      const shown = target ?? entry.url
      const body = target ? h('a', { part: 'link', href: target, target: '_blank', rel: 'noopener noreferrer' }, target) : shown
      const caption = entry.text?.trim() ?? ''
      const item = h('li', { part: `entry url ${kind}` }, h('span', { part: 'author' }, who), h('p', { part: 'text' }, body))
      if (caption !== '' && caption !== entry.url && caption !== shown) item.append(h('p', { part: 'caption' }, caption))
      return item
    }
    if (entry.text === undefined || entry.text === '') return null
    const part = entry.type === 'Text' ? `entry message ${kind}` : `entry notice ${kind}`
    return h('li', { part }, h('span', { part: 'author' }, who), h('p', { part: 'text' }, entry.text))
  }

  const outgoing = (m: OutboxMessage) => {
    let item = rows.get(m.id)
    if (!item) {
      const state = h('span', { part: 'delivery' })
      const retry = button('retry', labels.retry, () => chat.retryMessage(m.id))
      const row = h('li', { part: 'entry message own outgoing' }, h('p', { part: 'text' }, m.text), state, retry)
      item = { row, state, retry }
      rows.set(m.id, item)
      outbox.append(row)
    }
    item.row.dataset.delivery = m.status
    setText(item.state, m.status === 'failed' ? labels.failed : m.status === 'sent' ? '' : labels.sending)
    show(item.retry, m.status === 'failed')
  }

  function render(s: ChatSnapshot) {
    const p = previous
    previous = s
    const live = isLive(s.status)
    const form = s.status === 'idle' || (s.status === 'ended' && showForm)
    root.dataset.status = s.status
    show(prechat, form)
    show(endButton, live)
    show(log, !form)
    show(composer, live)
    show(failureBox, s.status === 'error')
    show(ended, s.status === 'ended' && !showForm)

    const agent = s.participants.find((x) => x.type === 'Agent')?.nickname ?? ''
    const state =
      s.status === 'requesting' ? labels.requesting
      : s.status === 'queued' ? labels.queued
      : s.status === 'connected' ? fill(labels.connected, agent)
      : ''
    setText(status, live && s.connection !== 'online' ? labels[s.connection] : state)
    setText(typing, s.agentTyping ? fill(labels.typing, agent || labels.title) : '')
    if (s.error) setText(failure, fill(labels.failure, s.error.message))
    if (s.endReason) setText(endedText, labels.ended[s.endReason])

    if (s.transcript !== p?.transcript) {
      const t = s.transcript
      if (shown > t.length || (shown > 0 && t[shown - 1] !== lastShown)) {
        transcript.replaceChildren()
        shown = 0
      }
      for (; shown < t.length; shown++) {
        const node = entryNode(t[shown]!, s.visitorId)
        if (node) transcript.append(node)
      }
      lastShown = t[shown - 1]
    }
    if (s.outbox !== p?.outbox) {
      const ids = new Set(s.outbox.map((m) => m.id))
      rows.forEach((item, id) => {
        if (!ids.has(id)) {
          item.row.remove()
          rows.delete(id)
        }
      })
      s.outbox.forEach(outgoing)
    }
    if (s.transcript !== p?.transcript || s.outbox !== p?.outbox) log.scrollTop = log.scrollHeight

    // The control the user just used may be hidden now: move focus to the next one.
    if (p && p.status !== s.status) {
      const focused = (element.getRootNode() as Document | ShadowRoot).activeElement
      if (live && !isLive(p.status)) message.focus()
      else if (s.status === 'ended' && (focused === endButton || focused === message)) newChat.focus()
    }
  }

  element.append(root)
  render(chat.getSnapshot())
  const unsubscribe = chat.subscribe(render)
  return () => {
    unsubscribe()
    root.remove()
  }
}
