import { isLive, MAX_MESSAGE_LENGTH, type ChatLike, type ChatSnapshot, type OutboxMessage, type StartParams } from '@gws-chat/core'
import { builder, setText, show } from './dom'
import { entryRenderer } from './entries'
import { directionOf, labelsFor } from './i18n'
import { fill, type ChatLabels } from './labels'
import { adoptShared, scopeOf } from './stylesheet'
import { defaultStyles } from './styles'
import { followVisualViewport } from './viewport'

export interface MountChatOptions {
  /** Replace any of the texts of the catalogue `lang` picks. */
  labels?: Partial<ChatLabels>
  /** Prefill of the pre-chat form. */
  nickname?: string
  subject?: string
  /** More RequestChat fields, e.g. `endpoint` or `userData`. */
  startParams?: Omit<StartParams, 'nickname' | 'subject'>
  /** Adopt the default stylesheet as a constructable stylesheet (default `true`); `false` when the page links `@gws-chat/dom/styles.css` or styles the widget itself. */
  styles?: boolean
  /** `light`, `dark` or `auto` (default: follows `prefers-color-scheme`). */
  theme?: 'light' | 'dark' | 'auto'
  /** `inline` (default): a card where it is mounted; `launcher`: a floating button with an unread badge that opens the chat in a panel. */
  layout?: 'inline' | 'launcher'
  /** The language of the texts and of times (a BCP 47 tag: en, de, fr, es, pt, it, nl, ja, ar; `ar` is right to left). */
  lang?: string
  /** The composer's limit in characters (default and ceiling: the engine's `MAX_MESSAGE_LENGTH`); a counter shows near it. */
  maxLength?: number
}

/** The attention commands of engines that have them (`markRead`, `setViewing`). */
type Attention = { markRead?: () => void; setViewing?: (viewing: boolean) => void }
const unreadOf = (s: ChatSnapshot): number => {
  const count = (s as { unreadCount?: unknown }).unreadCount
  return typeof count === 'number' && count > 0 ? Math.floor(count) : 0
}

const THEMES = ['light', 'dark', 'auto']

/** A well-formed BCP 47 tag in its canonical form, or `undefined` (a malformed `lang` is ignored, never thrown). */
function canonical(lang: string | undefined): string | undefined {
  try {
    return lang?.trim() ? Intl.getCanonicalLocales(lang.trim())[0] : undefined
  } catch {
    return undefined
  }
}
let panels = 0
/** How long an announcement stays in the live region. */
const HUSH_MS = 5_000

/** What `mountChat` returns: call it to remove the widget; `update` changes its options (or its engine) in place. */
export interface MountedChat {
  (): void
  /**
   * New options, and optionally a new engine. A new theme or new `startParams` change nothing else; any other change
   * renders the widget again with what the visitor had: the launcher open or closed, the draft, the form's values, the focus.
   */
  update(options: MountChatOptions, chat?: ChatLike): void
}

/** What a widget hands to the one that replaces it. */
interface Carry {
  open: boolean
  showForm: boolean
  values: Record<string, string>
  /** The `name` or `part` of the control that had focus. */
  focus: string | null
}

interface View {
  destroy(): void
  carry(): Carry
  setTheme(theme: MountChatOptions['theme']): void
}

const themeOf = (theme: MountChatOptions['theme']) => (theme && THEMES.includes(theme) ? theme : 'auto')
const IN_PLACE = new Set(['theme', 'startParams'])
const sameValue = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b)

/**
 * Render the default chat widget into `element` (or a shadow root) and keep it in step with the
 * engine. The widget only subscribes and calls commands: it never creates,
 * starts or destroys the engine. Returns the function that removes it, with an `update` method.
 */
export function mountChat(element: Element | ShadowRoot, chat: ChatLike, options: MountChatOptions = {}): MountedChat {
  let current = { ...options }
  let engine = chat
  let view: View | null = render(element, engine, () => current)
  const unmount = (() => {
    view?.destroy()
    view = null
  }) as MountedChat
  unmount.update = (next, nextChat = engine) => {
    if (!view) return
    const before = current
    current = { ...next }
    const keys = new Set([...Object.keys(before), ...Object.keys(current)]) as Set<keyof MountChatOptions>
    const changed = [...keys].filter((key) => !sameValue(before[key], current[key]))
    if (nextChat === engine && changed.every((key) => IN_PLACE.has(key))) return view.setTheme(current.theme)
    const carry = view.carry()
    view.destroy()
    engine = nextChat
    view = render(element, engine, () => current, carry)
  }
  return unmount
}

function render(element: Element | ShadowRoot, chat: ChatLike, current: () => MountChatOptions, carry?: Carry): View {
  const options = current()
  const doc = element.ownerDocument ?? document
  const attention = chat as ChatLike & Attention
  const lang = canonical(options.lang)
  const labels: ChatLabels = { ...labelsFor(lang), ...options.labels }
  const launcher = options.layout === 'launcher'
  // Never above what the engine accepts: a longer message would only fail on send.
  const maxLength = options.maxLength !== undefined && options.maxLength > 0 ? Math.min(Math.floor(options.maxLength), MAX_MESSAGE_LENGTH) : MAX_MESSAGE_LENGTH
  // Without `lang` the texts are the English catalogue's, and so are times and numbers (not the browser's locale).
  const locale = lang ?? 'en'
  const numbers = new Intl.NumberFormat(locale)
  const h = builder(doc)
  const button = (part: string, text: string, onClick?: () => void) => {
    const node = h('button', { type: onClick ? 'button' : 'submit', part: `button ${part}` }, text)
    if (onClick) node.addEventListener('click', onClick)
    return node
  }
  const id = `gws-chat-${++panels}`

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

  // The transcript is a log whose live announcements are off (restored and re-rendered entries would be read out
  // again): new agent messages are read out once by `announcer`, which sits outside the panel so that a closed
  // launcher still speaks.
  const transcript = h('ol', { part: 'transcript' })
  const outbox = h('ol', { part: 'outbox' })
  const log = h('div', { part: 'log', role: 'log', 'aria-live': 'off', 'aria-label': labels.conversation, tabindex: '0' }, transcript, outbox)
  const announcer = h('div', { class: 'gws-chat-vh', 'aria-live': 'polite' })
  const typing = h('p', { part: 'typing', 'aria-live': 'polite' })

  const failure = h('p', { part: 'failure-text' })
  const failureBox = h('div', { part: 'failure', role: 'alert' }, failure, button('try-again', labels.tryAgain, () => chat.retry()))

  const message = h('textarea', {
    part: 'input message-input',
    name: 'message',
    rows: '1',
    autocomplete: 'off',
    maxlength: String(maxLength),
    'aria-label': labels.message,
    'aria-describedby': `${id}-counter`,
  })
  const counter = h('p', { part: 'counter', id: `${id}-counter` })
  // A send the engine refuses is said next to the composer (the failure box shows only in the error status).
  const sendError = h('p', { part: 'error send-error', role: 'alert' })
  const composer = h('form', { part: 'composer', 'aria-label': labels.message }, message, button('send', labels.send), counter, sendError)

  const endedText = h('p', { part: 'ended-text' })
  const newChat = button('new-chat', labels.newChat, () => {
    showForm = true
    update(chat.getSnapshot())
    nickname.focus()
  })
  const ended = h('div', { part: 'ended' }, endedText, newChat)

  const panel = h('div', { part: 'panel', id }, header, prechat, log, typing, failureBox, composer, ended)
  const root = h('div', { class: 'gws-chat', part: 'root', 'data-theme': themeOf(options.theme), 'data-layout': launcher ? 'launcher' : 'inline' }, panel, announcer)
  if (lang) {
    root.setAttribute('lang', lang)
    root.setAttribute('dir', directionOf(lang))
  }

  // The launcher: a button that opens and closes the panel, with the unread count on it.
  let open = !launcher
  const badge = h('span', { part: 'badge', 'aria-hidden': 'true' })
  const unreadText = h('span', { class: 'gws-chat-vh' })
  const launcherButton = h(
    'button',
    { type: 'button', part: 'button launcher', 'aria-expanded': 'false', 'aria-controls': id },
    icon(doc),
    h('span', { class: 'gws-chat-vh' }, labels.open),
    unreadText,
    badge,
  )
  let stopViewport = () => {}
  // Below 480 px the launcher's panel covers the page: a modal dialog then.
  const fullScreen = launcher ? doc.defaultView?.matchMedia?.('(max-width: 479.98px)') : undefined
  const modal = () => (open && fullScreen?.matches ? panel.setAttribute('aria-modal', 'true') : panel.removeAttribute('aria-modal'))
  const setOpen = (next: boolean, moveFocus: boolean) => {
    open = next
    root.toggleAttribute('data-open', open)
    show(panel, open)
    launcherButton.setAttribute('aria-expanded', String(open))
    modal()
    attention.setViewing?.(open)
    stopViewport()
    stopViewport = () => {}
    if (open) {
      attention.markRead?.()
      stopViewport = followVisualViewport(scopeOf(root))
      if (moveFocus) firstControl().focus()
    } else if (moveFocus) launcherButton.focus()
  }
  const firstControl = (): HTMLElement => [nickname, message, newChat].find((c) => !c.closest('[hidden]')) ?? log
  if (launcher) {
    const close = button('close', labels.close, () => setOpen(false, true))
    header.append(close)
    panel.setAttribute('role', 'dialog')
    panel.setAttribute('aria-label', labels.title)
    root.prepend(launcherButton)
    launcherButton.addEventListener('click', () => setOpen(!open, true))
    panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && open) {
        event.stopPropagation()
        setOpen(false, true)
      }
      // Full screen, the panel is modal: Tab and Shift+Tab go round its own controls, never to the page behind it.
      if (event.key !== 'Tab' || !fullScreen?.matches) return
      const stops = [...panel.querySelectorAll<HTMLElement>('a[href],button,input,textarea,[tabindex]')].filter((node) => !node.closest('[hidden]') && !(node as HTMLButtonElement).disabled)
      const edge = event.shiftKey ? stops[0] : stops.at(-1)
      if (edge && (doc.activeElement === edge || !panel.contains(doc.activeElement))) {
        event.preventDefault()
        ;(event.shiftKey ? stops.at(-1) : stops[0])!.focus()
      }
    })
    fullScreen?.addEventListener?.('change', modal)
  }

  prechat.addEventListener('submit', (event) => {
    event.preventDefault()
    try {
      startedHere = true
      chat.start({ ...current().startParams, nickname: nickname.value.trim(), subject: subject.value.trim() })
      showForm = false
      setText(formError, '')
    } catch (error) {
      startedHere = false
      setText(formError, (error as Error).message)
    }
  })
  composer.addEventListener('submit', (event) => {
    event.preventDefault()
    if (message.value.trim() === '') return
    try {
      chat.send(message.value)
      message.value = ''
      setText(sendError, '')
      count()
    } catch (error) {
      setText(sendError, (error as Error).message)
    }
  })
  // Enter sends, Shift+Enter is a new line; Enter that confirms an IME composition sends nothing.
  message.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return
    if (event.isComposing || event.keyCode === 229) return
    event.preventDefault()
    composer.requestSubmit()
  })
  const count = () => {
    // The textarea grows with its text up to five rows (where `field-sizing: content` is missing): the `rows`
    // attribute, not a style, so a strict CSP allows it.
    let rows = Math.min(5, message.value.split('\n').length)
    message.rows = rows
    while (rows < 5 && message.scrollHeight > message.clientHeight) message.rows = ++rows
    const length = message.value.length
    const near = length >= maxLength * 0.8
    show(counter, near)
    setText(counter, near ? fill(labels.remaining, '', { count: numbers.format(Math.max(0, maxLength - length)), max: numbers.format(maxLength) }) : '')
  }
  message.addEventListener('input', () => {
    setText(sendError, '')
    count()
    chat.setTyping(message.value.trim() !== '')
  })
  message.addEventListener('blur', () => chat.setTyping(false))
  count()

  // A visitor back on the page with the chat in view has read what came meanwhile.
  const onVisible = () => {
    if (doc.visibilityState === 'visible' && open) attention.markRead?.()
  }
  doc.addEventListener('visibilitychange', onVisible)

  const entries = entryRenderer(h, labels, locale)
  let showForm = false
  let hush: ReturnType<typeof setTimeout> | undefined
  /** The visitor asked for the chat with this widget's form, and it has not started yet. */
  let startedHere = false
  let previous: ChatSnapshot | undefined
  let shown = 0
  let lastShown: ChatSnapshot['transcript'][number] | undefined
  const rows = new Map<string, { row: HTMLElement; state: HTMLElement; retry: HTMLElement }>()

  const outgoing = (m: OutboxMessage) => {
    let item = rows.get(m.id)
    if (!item) {
      const state = h('span', { part: 'delivery' })
      const retry = button('retry', labels.retry, () => chat.retryMessage(m.id))
      const row = h('li', { part: 'entry message own outgoing' }, h('p', { part: 'text', dir: 'auto' }, m.text), state, retry)
      item = { row, state, retry }
      rows.set(m.id, item)
      outbox.append(row)
    }
    item.row.dataset.delivery = m.status
    setText(item.state, m.status === 'failed' ? labels.failed : m.status === 'sent' ? '' : labels.sending)
    show(item.retry, m.status === 'failed')
  }

  function update(s: ChatSnapshot) {
    const p = previous
    previous = s
    // Read before anything is hidden: a hidden control loses focus at the next layout.
    const active = (root.getRootNode() as Document | ShadowRoot).activeElement
    const focusInside = active !== null && panel.contains(active)
    const live = isLive(s.status)
    const form = s.status === 'idle' || (s.status === 'ended' && showForm)
    root.dataset.status = s.status
    // Focus moves to "Start a new chat" before the control that had it (End, the composer) is hidden.
    if (p && p.status !== 'ended' && s.status === 'ended' && !showForm && focusInside) {
      show(ended, true)
      newChat.focus()
    }
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
      let rebuilt = p === undefined
      if (shown > t.length || (shown > 0 && t[shown - 1] !== lastShown)) {
        transcript.replaceChildren()
        entries.reset()
        // A transcript replaced by a longer one (a restore) is not news; one that starts again empty is a new chat.
        rebuilt = t.length > 0
        shown = 0
      }
      const said: string[] = []
      for (; shown < t.length; shown++) {
        const view = entries.node(t[shown]!, s.visitorId)
        if (!view) continue
        transcript.append(view.node)
        if (view.announce !== undefined && !rebuilt) said.push(view.announce)
      }
      lastShown = t[shown - 1]
      if (said.length > 0) {
        announcer.replaceChildren(...said.map((text) => h('p', {}, text)))
        // Emptied once read, so a screen reader's review of the page does not find stale news there.
        clearTimeout(hush)
        hush = setTimeout(() => announcer.replaceChildren(), HUSH_MS)
      }
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

    const unread = unreadOf(s)
    setText(badge, unread > 0 ? (unread > 99 ? '99+' : numbers.format(unread)) : '')
    show(badge, unread > 0)
    setText(unreadText, unread > 0 ? fill(labels.unread, '', { count: numbers.format(unread) }) : '')

    // The control the user just used may be hidden now: move focus to the next one.
    if (p && p.status !== s.status && open) {
      // To the composer only for a start this widget's form asked for (or with focus inside it): never for a chat
      // started elsewhere (another tab, the page's own code) while the visitor is busy on the page.
      if (live && !isLive(p.status) && (focusInside || startedHere)) message.focus()
      else if (focusInside && active instanceof doc.defaultView!.HTMLElement && active.closest('[hidden]')) firstControl().focus()
    }
    if (live || s.status === 'error') startedHere = false
    if (s.transcript !== p?.transcript || s.outbox !== p?.outbox) log.scrollTop = log.scrollHeight
  }

  element.append(root)
  const unadopt = options.styles === false ? () => {} : adoptShared(scopeOf(root), defaultStyles)
  const controls = [nickname, subject, message]
  if (carry) {
    showForm = carry.showForm
    for (const control of controls) control.value = carry.values[control.name] ?? control.value
    count()
  }
  if (launcher) setOpen(carry?.open ?? false, false)
  update(chat.getSnapshot())
  const unsubscribe = chat.subscribe(update)
  const key = (node: Element) => node.getAttribute('name') ?? node.getAttribute('part')
  if (carry?.focus) [...root.querySelectorAll<HTMLElement>('[name],[part]')].find((node) => key(node) === carry.focus && !node.closest('[hidden]'))?.focus()
  return {
    destroy() {
      unsubscribe()
      clearTimeout(hush)
      doc.removeEventListener('visibilitychange', onVisible)
      stopViewport()
      fullScreen?.removeEventListener?.('change', modal)
      if (launcher) attention.setViewing?.(true)
      unadopt()
      root.remove()
    },
    carry() {
      const active = (root.getRootNode() as Document | ShadowRoot).activeElement
      return {
        open,
        showForm,
        values: Object.fromEntries(controls.map((control) => [control.name, control.value])),
        focus: active && root.contains(active) ? key(active) : null,
      }
    },
    setTheme: (theme) => root.setAttribute('data-theme', themeOf(theme)),
  }
}

/** The launcher's speech bubble (SVG presentation attributes, no style). */
function icon(doc: Document): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg'
  const svg = doc.createElementNS(ns, 'svg')
  for (const [name, value] of [['viewBox', '0 0 24 24'], ['width', '1em'], ['height', '1em'], ['fill', 'currentColor'], ['aria-hidden', 'true'], ['focusable', 'false']]) svg.setAttribute(name!, value!)
  const path = doc.createElementNS(ns, 'path')
  path.setAttribute('d', 'M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2z')
  svg.append(path)
  return svg
}
