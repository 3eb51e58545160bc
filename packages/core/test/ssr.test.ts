import { afterEach, expect, it, vi } from 'vitest'

const browserGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'BroadcastChannel', 'location', 'self']

afterEach(() => {
  for (const name of browserGlobals) Reflect.deleteProperty(globalThis, name)
  vi.resetModules()
})

function trapBrowserGlobals(): string[] {
  const used: string[] = []
  for (const name of browserGlobals) {
    const had = Object.getOwnPropertyDescriptor(globalThis, name)
    if (had && !had.configurable) continue
    // Any property read, call or construction of the global counts as a use.
    const trap = new Proxy(function browserGlobal() {}, {
      get: (_target, key) => {
        used.push(`${name}.${String(key)}`)
        return undefined
      },
      apply: () => void used.push(`${name}()`),
      construct: () => {
        used.push(`new ${name}()`)
        return {}
      },
    })
    Object.defineProperty(globalThis, name, { configurable: true, value: trap })
  }
  return used
}

it('importing the package uses no browser global (a feature check with typeof is all it may do)', async () => {
  // The test runner's own module loading reads a few globals: measure that first, on an empty module.
  const baseline = trapBrowserGlobals()
  vi.resetModules()
  await import('./fixtures/empty')
  const used = trapBrowserGlobals()
  vi.resetModules()
  const core = await import('../src/index')
  expect(typeof core.createChat).toBe('function')
  // ofetch's Node build loads node-fetch-native, which feature-detects `Event`/`EventTarget` on the global it finds;
  // browser bundles use ofetch's browser build, which does not.
  const nodeFetchNativeProbes = ['window.Event', 'window.EventTarget', 'self.Event', 'self.EventTarget']
  expect(used.filter((access) => !baseline.includes(access) && !nodeFetchNativeProbes.includes(access))).toEqual([])
})

it('creating an engine in Node, without a DOM, works and polls nothing until started', async () => {
  const { createChat } = await import('../src/index')
  const calls: string[] = []
  const chat = createChat({
    baseUrl: 'https://gws.example.com',
    contactCenterId: 'cc',
    http: async (request) => {
      calls.push(request.url)
      return { status: 200, headers: {}, body: '{}' }
    },
  })
  expect(chat.getSnapshot().status).toBe('idle')
  chat.destroy()
  expect(calls).toEqual([])
})

it('the attention helpers use no browser global on import, and are inert without a page', async () => {
  const baseline = trapBrowserGlobals()
  vi.resetModules()
  await import('./fixtures/empty')
  const used = trapBrowserGlobals()
  vi.resetModules()
  const attention = await import('../src/attention/index')
  expect(used.filter((access) => !baseline.includes(access))).toEqual([])
  for (const name of browserGlobals) Reflect.deleteProperty(globalThis, name)
  const { idleSnapshot } = await import('../src/index')
  const chat = { subscribe: () => () => {}, getSnapshot: idleSnapshot, on: () => () => {}, markRead: () => {} }
  for (const stop of [attention.titleBadge(chat), attention.attentionSound(chat, { src: '/ding.mp3' }), attention.desktopNotifications(chat)]) {
    expect(stop).toBeTypeOf('function')
    stop()
  }
  await expect(attention.requestNotificationPermission()).resolves.toBe('unsupported')
})
