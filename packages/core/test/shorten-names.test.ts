import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { createActor } from 'xstate'
import { describe, expect, it } from 'vitest'
import { KEEP, shortenNames, shortName } from '../build/shorten-names'
import { MACHINE_SOURCES, readMachineModule, stripDescriptions } from '../build/strip-descriptions'

const SRC = path.join(import.meta.dirname, '../src')
const sources = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && !/\.test(-d)?\.ts$/.test(file))
  .map((file) => path.join(SRC, file))
const machineFiles = sources.filter((file) => MACHINE_SOURCES.test(file))

const lines = (...text: string[]) => `${text.join('\n')}\n`

describe('short implementation names in the production build', () => {
  it('renames every implementation of a setup and every reference to it, and nothing else', () => {
    const source = lines(
      "import { and, assign, fromPromise, not, or, setup, stateIn } from 'xstate'",
      'const SHARED = {',
      "  'x.go': { target: 'b', actions: ['record', 'notify'] },",
      '} as const',
      'export const machine = setup({',
      '  actors: { fetchIt: fromPromise(async () => 1), other },',
      '  delays: { pace: () => 10 },',
      '  guards: {',
      '    ready: () => true,',
      '    online: stateIn({ net: "on" }),',
      "    both: and(['ready', not('online')]),",
      '  },',
      '  actions: {',
      "    record: assign({ count: ({ context }) => context.count + 1 }),",
      '    notify: () => {},',
      '  },',
      '}).createMachine({',
      "  id: 'machine',",
      '  context: { count: 0 },',
      "  entry: 'notify',",
      "  invoke: { src: 'fetchIt', id: 'fetchIt', systemId: 'fetchIt', onDone: { actions: { type: 'record' } } },",
      "  initial: 'a',",
      '  states: {',
      "    a: { on: { ...SHARED, 'x.check': { guard: or(['both', { type: 'ready' }]), target: 'b' } }, exit: ['notify'] },",
      "    b: { after: { pace: 'a', 500: 'a' }, invoke: { src: 'other', id: 'other' } },",
      '  },',
      '})',
    )
    const out = shortenNames(source, 'fixture.machine.ts', { keep: {} })
    expect(out).toBe(
      lines(
        "import { and, assign, fromPromise, not, or, setup, stateIn } from 'xstate'",
        'const SHARED = {',
        "  'x.go': { target: 'b', actions: ['b', 'a'] },",
        '} as const',
        'export const machine = setup({',
        '  actors: { a: fromPromise(async () => 1), b: other },',
        '  delays: { a: () => 10 },',
        '  guards: {',
        '    a: () => true,',
        '    b: stateIn({ net: "on" }),',
        "    c: and(['a', not('b')]),",
        '  },',
        '  actions: {',
        "    b: assign({ count: ({ context }) => context.count + 1 }),",
        '    a: () => {},',
        '  },',
        '}).createMachine({',
        "  id: 'machine',",
        // A context key named `src` is data: its value is no reference (it is no `src` of an invoke's object… but
        // it is a `src` property, so the pass would fail on an unknown name: the fixture's `data` is not one).
        '  context: { count: 0 },',
        "  entry: 'a',",
        "  invoke: { src: 'a', id: 'fetchIt', systemId: 'fetchIt', onDone: { actions: { type: 'b' } } },",
        "  initial: 'a',",
        '  states: {',
        "    a: { on: { ...SHARED, 'x.check': { guard: or(['c', { type: 'a' }]), target: 'b' } }, exit: ['a'] },",
        "    b: { after: { a: 'a', 500: 'a' }, invoke: { src: 'b', id: 'other' } },",
        '  },',
        '})',
      ),
    )
  })

  it('numbers short names a … Z, then aa, ab, …', () => {
    expect([0, 1, 25, 26, 51, 52, 53, 52 + 52 * 52 - 1, 52 + 52 * 52].map(shortName)).toEqual(['a', 'b', 'z', 'A', 'Z', 'aa', 'ab', 'ZZ', 'aaa'])
  })

  const machine = (...config: string[]) =>
    lines(
      "import { and, setup } from 'xstate'",
      'export const m = setup({',
      "  actors: { watchEnvironment: fromCallback(() => {}), fetcher: fromPromise(async () => 1) },",
      '  delays: { pace: () => 10 },',
      '  guards: { ready: () => true },',
      '  actions: { a: () => {}, record: () => {} },',
      '}).createMachine({',
      ...config,
      '})',
    )

  it('fails the build on a reference to an implementation the machine lacks, with where it is', () => {
    const dangling = (...config: string[]) => () => shortenNames(machine(...config), 'src/machine/x.machine.ts')
    expect(dangling("  entry: 'recrod',")).toThrow(/x\.machine\.ts:8:10: action 'recrod' is not among this machine's actions/)
    expect(dangling("  on: { go: { guard: and(['ready', 'raedy']) } },")).toThrow(/guard 'raedy' is not among this machine's guards/)
    expect(dangling("  invoke: { src: 'fetch', id: 'fetch' },")).toThrow(/actor 'fetch' is not among this machine's actors/)
    expect(dangling("  after: { pase: 'a' },")).toThrow(/delay 'pase' is not among this machine's delays/)
    expect(dangling("  on: { go: { actions: [{ type: 'recorded' }] } },")).toThrow(/action 'recorded'/)
    // A name it cannot read is refused too: it could name anything.
    expect(dangling('  entry: NAME,')).toThrow(/cannot tell which implementation this names/)
    expect(dangling("  entry: ['a', ...MORE],")).toThrow(/a spread in `entry`/)
    expect(dangling("  on: { go: { guard: cond ? 'ready' : 'a' } },")).toThrow(/cannot tell which implementation/)
    expect(() => shortenNames(lines('export const m = setup({ actions: { ...base } }).createMachine({})'))).toThrow(/a spread in setup\(\)/)
  })

  it('keeps the names read at runtime by name: every delay, the watcher spawned by name', () => {
    const out = shortenNames(machine("  invoke: [{ src: 'watchEnvironment', id: 'environment' }, { src: 'fetcher', id: 'fetcher' }],", "  after: { pace: 'a' },", "  entry: ['record', 'a', 'record'],"))
    expect(KEEP.delays).toBe('all')
    expect(out).toContain("actors: { watchEnvironment: fromCallback(() => {}), a: fromPromise(async () => 1) },")
    expect(out).toContain("invoke: [{ src: 'watchEnvironment', id: 'environment' }, { src: 'a', id: 'fetcher' }],")
    expect(out).toContain('delays: { pace: () => 10 },')
    expect(out).toContain("after: { pace: 'a' },")
    // `record` is referenced more often: it gets the first short name; `a` must then move out of its way.
    expect(out).toContain('actions: { b: () => {}, a: () => {} },')
    expect(out).toContain("entry: ['a', 'b', 'a'],")
    // A kept name is never handed out again: here `a` stays, so the other action is `b`.
    expect(shortenNames(machine("  entry: ['record', 'a'],"), 'x.ts', { keep: { actions: ['a'] } })).toContain('actions: { a: () => {}, b: () => {} },')
  })

  it('renames a shared config module and its importers alike, and checks the importer implements its names', () => {
    const shared = lines("export const ON_FAIL = [{ guard: 'isGone', actions: 'report' }, { actions: 'retry' }] as const", "export const REGION = { initial: 'on', states: { on: {} } } as const")
    const readModule = (specifier: string) => (specifier === './shared' ? { fileName: 'shared.ts', source: shared } : null)
    const poller = (guards: string) =>
      lines(
        "import { setup } from 'xstate'",
        "import { ON_FAIL, REGION } from './shared'",
        'export const m = setup({',
        `  guards: { ${guards} },`,
        '  actions: { report: () => {}, retry: () => {}, own: () => {} },',
        "}).createMachine({ entry: 'own', type: 'parallel', states: { net: REGION, poll: { on: { 'x.failed': ON_FAIL } } } })",
      )
    expect(shortenNames(shared, 'shared.ts')).toBe(
      lines("export const ON_FAIL = [{ guard: 'a', actions: 'a' }, { actions: 'b' }] as const", "export const REGION = { initial: 'on', states: { on: {} } } as const"),
    )
    const out = shortenNames(poller('isGone: () => true, other: () => false'), 'poller.ts', { readModule })
    expect(out).toContain('guards: { a: () => true, b: () => false },')
    // The shared names keep the shared module's short names; the machine's own take the next free ones.
    expect(out).toContain('actions: { a: () => {}, b: () => {}, c: () => {} },')
    expect(out).toContain("entry: 'c'")
    expect(() => shortenNames(poller('isLost: () => true'), 'poller.ts', { readModule })).toThrow(/guard 'isGone' \(from \.\/shared\) is not among this machine's guards/)
    // A machine importing only reference-free shared config is left to itself.
    const region = lines("import { setup } from 'xstate'", "import { REGION } from './shared'", "export const m = setup({ actions: { x: () => {} } }).createMachine({ entry: 'x', states: { r: REGION } })")
    expect(shortenNames(region, 'r.ts', { readModule })).toContain("actions: { a: () => {} } }).createMachine({ entry: 'a'")
  })

  it('is deterministic, and leaves a source without setup() or references unchanged', () => {
    const source = readFileSync(path.join(SRC, 'machine/chat.machine.ts'), 'utf8')
    expect(shortenNames(source, 'chat.machine.ts', { readModule: readMachineModule })).toBe(shortenNames(source, 'chat.machine.ts', { readModule: readMachineModule }))
    const plain = "export const x = { initial: 'a', states: { a: {} } }\n"
    expect(shortenNames(plain)).toBe(plain)
  })

  it('covers every source that defines a machine', () => {
    const definers = sources.filter((file) => /\bsetup\(\{/.test(readFileSync(file, 'utf8')))
    expect(definers.length).toBeGreaterThan(0)
    expect(definers.filter((file) => !MACHINE_SOURCES.test(file)).map((file) => path.relative(SRC, file))).toEqual([])
  })

  it('renames the real machines into valid TypeScript whose only implementation names are short or kept', async () => {
    const ts = (await import('typescript')).default
    const long = new Set<string>()
    for (const file of machineFiles) {
      const source = readFileSync(file, 'utf8')
      const out = stripDescriptions(shortenNames(source, file, { readModule: readMachineModule }), file)
      // The one kept actor name: the chat machine spawns the environment watcher by it.
      if (file.endsWith('chat.machine.ts')) {
        expect(out).toMatch(/spawnChild\('watchEnvironment', \{ id: 'environment'/)
        expect(out).toMatch(/actors: \{\s*watchEnvironment,/)
      }
      const diagnostics = ts.transpileModule(out, { reportDiagnostics: true, fileName: file }).diagnostics ?? []
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), file).toEqual([])
      for (const [, name] of out.matchAll(/\b(?:actions|entry|exit|guard|src): '(\w+)'/g)) if (name!.length > 2) long.add(name!)
      for (const [, body] of out.matchAll(/\b(?:actions|entry|exit): \[([^\]]*)\]/g)) for (const [, name] of body!.matchAll(/'(\w+)'/g)) if (name!.length > 2) long.add(name!)
    }
    expect([...long]).toEqual([])
  }, 60_000)

  it('keeps a renamed machine working: the same transitions, guards, actions, delays and actors', async () => {
    const ts = (await import('typescript')).default
    const source = lines(
      'export const make = ({ setup, assign, and, not, fromPromise }) => setup({',
      '  actors: { double: fromPromise(async ({ input }) => input * 2) },',
      '  delays: { soon: () => 5 },',
      '  guards: { small: ({ context }) => context.n < 10, even: ({ context }) => context.n % 2 === 0 },',
      '  actions: { bump: assign({ n: ({ context }) => context.n + 1 }), take: assign({ n: ({ event }) => event.output }) },',
      '}).createMachine({',
      "  context: { n: 1 }, initial: 'idle',",
      '  states: {',
      "    idle: { on: { go: [{ guard: and(['small', not('even')]), target: 'busy' }, { actions: 'bump' }] } },",
      "    busy: { invoke: { src: 'double', input: ({ context }) => context.n, onDone: { target: 'rest', actions: ['take', { type: 'bump' }] } } },",
      "    rest: { after: { soon: 'idle' } },",
      '  },',
      '})',
    )
    const out = shortenNames(source, 'run.machine.ts', { keep: {} })
    expect(out).not.toMatch(/'(small|even|bump|take|double|soon)'/)
    const run = async (text: string) => {
      const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText
      const exports: { make?: (x: unknown) => Parameters<typeof createActor>[0] } = {}
      new Function('exports', js)(exports)
      const xstate = await import('xstate')
      const actor = createActor(exports.make!(xstate))
      const seen: string[] = []
      actor.subscribe((s) => seen.push(`${String(s.value)}:${s.context.n}`))
      actor.start()
      for (const event of ['go', 'go', 'go']) actor.send({ type: event })
      await new Promise((resolve) => setTimeout(resolve, 30))
      actor.send({ type: 'go' })
      actor.stop()
      return seen
    }
    const before = await run(source)
    expect(before).toContain('rest:3')
    expect(await run(out)).toEqual(before)
  })
})
