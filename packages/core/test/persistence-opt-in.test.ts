import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createChat, type ChatOptions } from '../src'
import { persistChat } from '../src/persistence'
import { createMemoryStorage } from '../src/persistence/storage'
import { createSharedChat } from '../src/tabs'
import type { WebLocks } from '../src/types'
import { createFakeGws } from './fake-gws'

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

const start = { nickname: 'Chris', subject: 'Order 1' }

/** A page's sessionStorage that counts what the engine writes to it. */
function pageStorage() {
  const storage = createMemoryStorage()
  const writes: string[] = []
  const counted = { ...storage, setItem: (key: string, value: string) => (writes.push(key), storage.setItem(key, value)) }
  vi.stubGlobal('sessionStorage', counted)
  return { storage: counted, writes }
}

/** A live chat with an agent, then the page reloaded: the second engine on the same page, made the same way. */
async function reload(persistence: () => Partial<ChatOptions>) {
  vi.useFakeTimers()
  const gws = createFakeGws()
  const load = () => createChat({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, ...persistence() })
  const first = load()
  first.start(start)
  await vi.advanceTimersByTimeAsync(0)
  gws.agentJoins()
  first.send('Hi!')
  await vi.advanceTimersByTimeAsync(3000)
  expect(first.getSnapshot().status).toBe('connected')
  first.destroy()
  const second = load()
  const snapshot = second.getSnapshot()
  second.destroy()
  return { gws, snapshot }
}

describe('restore after reload is opt-in', () => {
  it('a chat created without persistence writes nothing to the page storage and a reload starts afresh', async () => {
    const { writes } = pageStorage()
    const { snapshot } = await reload(() => ({}))
    expect(writes).toEqual([])
    expect(snapshot).toMatchObject({ status: 'idle', chatId: null, transcript: [] })
  })

  it('`persistence: false` is the same: nothing written, nothing restored, even with a record in the storage', async () => {
    const { storage, writes } = pageStorage()
    await reload(() => ({ persistence: persistChat() }))
    const record = storage.getItem('gws-chat:cc')
    expect(record).toContain('"chat-1"')
    writes.length = 0
    const { snapshot } = await reload(() => ({ persistence: false }))
    expect(writes).toEqual([])
    expect(snapshot.status).toBe('idle')
    expect(storage.getItem('gws-chat:cc'), 'the record of the other engine is left alone').toBe(record)
  })

  it('persistChat() keeps the record in the page storage by default and the reload resumes the chat', async () => {
    const { storage, writes } = pageStorage()
    const { gws, snapshot } = await reload(() => ({ persistence: persistChat() }))
    expect(writes.length).toBeGreaterThan(0)
    expect(JSON.parse(storage.getItem('gws-chat:cc')!)).toMatchObject({ status: 'connected', location: { id: 'chat-1' } })
    expect(snapshot).toMatchObject({ status: 'connected', chatId: 'chat-1' })
    expect(gws.ops('RequestChat')).toHaveLength(1)
  })

  it('persistChat() with a storage and key of its own keeps the record there, not in the page storage', async () => {
    const { writes } = pageStorage()
    const mine = createMemoryStorage()
    const { snapshot } = await reload(() => ({ persistence: persistChat({ storage: mine, key: 'mine' }) }))
    expect(writes).toEqual([])
    expect(mine.getItem('mine')).toContain('"chat-1"')
    expect(snapshot.status).toBe('connected')
  })

  it('without a page storage (Node) persistChat() keeps no record and the chat runs as without it', async () => {
    vi.stubGlobal('sessionStorage', undefined)
    const { snapshot } = await reload(() => ({ persistence: persistChat() }))
    expect(snapshot.status).toBe('idle')
  })
})

/** A chat (or shared chat) made by `make` against a fake GWS, started, run until its first requests are answered, destroyed. */
async function startedOnce<O extends ChatOptions>(make: (options: O) => { start(params: typeof start): void; destroy(): void }, options: Partial<O>) {
  vi.useFakeTimers()
  const gws = createFakeGws()
  const chat = make({ baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: gws.http, ...options } as O)
  chat.start(start)
  await vi.advanceTimersByTimeAsync(0)
  chat.destroy()
}

describe('a shared chat (tabs)', () => {
  /** A solo tab (no Web Locks in Node): its engine is the leader's, with the persistence the shared chat gives it. */
  const shared = (options: Partial<Parameters<typeof createSharedChat>[0]>) => startedOnce(createSharedChat, options)

  it('persists without a persistence option, to the storage the tabs share', async () => {
    const { writes } = pageStorage()
    const tabs = createMemoryStorage()
    await shared({ tabs: { storage: tabs } })
    expect(tabs.getItem('gws-chat:cc')).toContain('"chat-1"')
    expect(writes, 'not to the page’s sessionStorage').toEqual([])
  })

  it('keeps the key and age of a persistChat() given to it, in the shared storage unless it names its own', async () => {
    const tabs = createMemoryStorage()
    await shared({ persistence: persistChat({ key: 'mine', maxAgeMs: 60_000 }), tabs: { storage: tabs } })
    expect(tabs.getItem('mine')).toContain('"chat-1"')
    const own = createMemoryStorage()
    await shared({ persistence: persistChat({ storage: own }), tabs: { storage: tabs } })
    expect(own.getItem('gws-chat:cc')).toContain('"chat-1"')
    expect(tabs.getItem('gws-chat:cc')).toBeNull()
  })
})

describe('the object form of earlier versions', () => {
  const base = { baseUrl: 'https://gws.example.com', contactCenterId: 'cc', http: createFakeGws().http }
  const message = /persistChat\(\) from '@gws-chat\/core\/persistence'/

  it.each([
    ['{ storage }', { storage: createMemoryStorage() }],
    ['{ key, maxAgeMs }', { key: 'k', maxAgeMs: 1000 }],
    ['{}', {}],
    ['true', true],
    ['null', null],
  ])('persistence: %s throws a TypeError that names the entry to import', (_, persistence) => {
    const options = { ...base, persistence } as unknown as ChatOptions
    expect(() => createChat(options)).toThrow(TypeError)
    expect(() => createChat(options)).toThrow(message)
    expect(() => createSharedChat(options), 'a shared chat too, before any tab is elected').toThrow(message)
  })

  it('writes nothing before it throws', () => {
    const { writes } = pageStorage()
    expect(() => createChat({ ...base, persistence: { storage: createMemoryStorage() } } as unknown as ChatOptions)).toThrow(TypeError)
    expect(writes).toEqual([])
  })
})

describe('the sender lock', () => {
  /** Web Locks that record what is asked of them. */
  function pageLocks() {
    const names: string[] = []
    const locks: WebLocks = { request: (name, _options, callback) => (names.push(name), callback()) }
    vi.stubGlobal('navigator', { locks })
    return names
  }

  const opened = (options: Partial<ChatOptions>) => startedOnce(createChat, options)

  it('persistChat() holds the chat with the page’s Web Locks; without persistence no lock is taken', async () => {
    const names = pageLocks()
    await opened({ persistence: persistChat({ storage: createMemoryStorage() }) })
    expect(names).toEqual(['gws-chat:sender:/api/v2/chats/chat-1'])
    names.length = 0
    await opened({})
    expect(names).toEqual([])
  })

  it('an explicit `locks` wins over the one persistence brings', async () => {
    const names = pageLocks()
    await opened({ persistence: persistChat({ storage: createMemoryStorage() }), locks: null })
    expect(names).toEqual([])
    const mine: string[] = []
    await opened({ locks: { request: (name, _options, callback) => (mine.push(name), callback()) } })
    expect([names, mine]).toEqual([[], ['gws-chat:sender:/api/v2/chats/chat-1']])
  })
})

describe('the main entry', () => {
  const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src')

  /** The modules a bundler reaches from a file: its value imports and re-exports (type-only ones are erased). */
  function reachable(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen
    seen.add(file)
    const text = readFileSync(file, 'utf8')
    for (const [, specifier] of text.matchAll(/^(?:import|export)\s+(?!type\s)[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const base = resolve(dirname(file), specifier!)
      const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
      if (found) reachable(found, seen)
    }
    return seen
  }

  it('reaches no persistence code: `{ createChat }` ships without the record, its reader and writer, or the Web Locks default', () => {
    const modules = [...reachable(join(src, 'index.ts'))].map((file) => relative(src, file))
    expect(modules).toContain('chat.ts')
    expect(modules.filter((file) => file.startsWith('persistence/'))).toEqual([])
    const code = modules.map((file) => readFileSync(join(src, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')).join('\n')
    expect(code).not.toMatch(/navigator[^\n]*\.locks/)
    expect(code).not.toContain('sessionStorage.setItem')
  })

  it('the persistence entry reaches them', () => {
    const modules = [...reachable(join(src, 'persistence/index.ts'))].map((file) => relative(src, file))
    expect(modules).toEqual(expect.arrayContaining(['persistence/persister.ts', 'persistence/record.ts', 'persistence/storage.ts']))
  })
})
