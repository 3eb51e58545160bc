// Jest (CommonJS, jsdom): require the packed packages, run a chat against the simulator, check the transcript and the widget.
const { createChat } = require('@gws-chat/core')
const { createNodeHttpAdapter } = require('@gws-chat/core/node')
const { mountChat } = require('@gws-chat/dom')

const until = (chat, predicate, what, ms = 10000) =>
  new Promise((resolve, reject) => {
    let stop = () => {}
    const timer = setTimeout(() => (stop(), reject(new Error(`timed out waiting for ${what}; status ${chat.getSnapshot().status}`))), ms)
    const check = (s) => predicate(s) && (clearTimeout(timer), stop(), resolve(s), true)
    if (!check(chat.getSnapshot())) stop = chat.subscribe(check)
  })

test('a whole chat in jsdom, with the DOM widget', async () => {
  // jsdom has no fetch; the Node adapter from @gws-chat/core/node talks to the simulator over node:http.
  const chat = createChat({ baseUrl: process.env.GWS_SIM_URL, contactCenterId: 'demo', http: createNodeHttpAdapter(), persistence: false, polling: { intervalMs: 100 } })
  const root = document.createElement('div')
  document.body.append(root)
  const unmount = mountChat(root, chat, { nickname: 'Chris' })
  try {
    chat.start({ nickname: 'Chris', subject: 'Jest consumer' })
    await until(chat, (s) => s.status === 'connected', 'the agent')
    chat.send('Hello from Jest')
    const s = await until(chat, (s) => s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Agent' && (e.text || '').includes('Hello from Jest')), "the agent's answer")
    expect(s.transcript.some((e) => e.type === 'Text' && e.from.type === 'Customer' && e.text === 'Hello from Jest')).toBe(true)
    expect(root.textContent).toContain('You said: Hello from Jest')
    chat.end()
    const done = await until(chat, (s) => s.status === 'ended', 'ended')
    expect(done.endReason).toBe('customer')
    expect(root.querySelector('[part~=root]').getAttribute('data-status')).toBe('ended')
  } finally {
    unmount()
    chat.destroy()
  }
})

test('the ready components from CommonJS: <ChatWidget> of @gws-chat/react and @gws-chat/vue mount the widget', async () => {
  const { createElement, act } = require('react')
  const { createRoot } = require('react-dom/client')
  const { createApp, h } = require('vue')
  const react = require('@gws-chat/react')
  const vue = require('@gws-chat/vue')
  globalThis.IS_REACT_ACT_ENVIRONMENT = true
  const chat = createChat({ baseUrl: process.env.GWS_SIM_URL, contactCenterId: 'demo', http: createNodeHttpAdapter(), persistence: false })
  try {
    const reactHost = document.body.appendChild(document.createElement('div'))
    const root = createRoot(reactHost)
    await act(async () => root.render(createElement(react.ChatWidget, { chat, labels: { title: 'React help' } })))
    const vueHost = document.body.appendChild(document.createElement('div'))
    const app = createApp({ render: () => h(vue.ChatWidget, { chat, labels: { title: 'Vue help' } }) })
    app.mount(vueHost)
    for (const [host, title] of [[reactHost, 'React help'], [vueHost, 'Vue help']]) {
      expect(host.querySelectorAll('[part~=root]')).toHaveLength(1)
      expect(host.querySelector('[part~=title]').textContent).toBe(title)
      expect(host.querySelector('[part~=start]').textContent).toBe('Start chat')
    }
    await act(async () => root.unmount())
    app.unmount()
    expect(document.querySelectorAll('[part~=root]')).toHaveLength(0)
    expect(chat.getSnapshot().status).toBe('idle')
  } finally {
    chat.destroy()
  }
})
