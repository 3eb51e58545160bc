import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The package as built for publishing (tsup with the package's own config, into a scratch directory): what a team
 * installs. The state fixtures must reach `@gws-chat/core`'s own types (not copies of them) and nothing else.
 */
const root = fileURLToPath(new URL('..', import.meta.url))
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  peerDependencies: Record<string, string>
  peerDependenciesMeta: Record<string, { optional?: boolean }>
  exports: Record<string, { import: { types: string; default: string }; require: { types: string; default: string } }>
  typesVersions: Record<string, Record<string, string[]>>
}
let out = ''
const read = (file: string) => readFileSync(join(out, file), 'utf8')
/** Every module specifier a built file imports or re-exports, relative ones included. */
const imports = (code: string) =>
  [...code.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\brequire\(['"]([^'"]+)['"]\)/gm)].map((m) => m[1] ?? m[2] ?? m[3] ?? '')

/** A relative specifier of a declaration file names the declarations of that module: `./fixtures.js` → `fixtures.d.ts`. */
const declarationOf = (file: string, spec: string) => (/\.d\.c?ts$/.test(file) ? spec.replace(/\.js$/, '.d.ts').replace(/\.cjs$/, '.d.cts') : spec)

/** The bare packages a built file reaches, following its relative chunks. */
function packagesReached(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return []
  seen.add(file)
  return imports(read(file)).flatMap((spec) => (spec.startsWith('.') ? packagesReached(join(file, '..', declarationOf(file, spec)), seen) : [spec]))
}

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'gws-testing-build-'))
  execFileSync(join(root, '../../node_modules/.bin/tsup'), ['--out-dir', out], { cwd: root, stdio: 'pipe' })
}, 120_000)
afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('the published @gws-chat/testing', () => {
  it('has @gws-chat/core as a required peer, so its types are imported from it, not copied', () => {
    expect(pkg.peerDependencies['@gws-chat/core']).toBe('workspace:^')
    expect(pkg.peerDependenciesMeta['@gws-chat/core']?.optional).not.toBe(true)
    for (const file of ['index.d.ts', 'index.d.cts', 'fixtures.d.ts', 'fixtures.d.cts']) {
      const dts = read(file)
      expect([file, packagesReached(file)]).toEqual([file, expect.arrayContaining(['@gws-chat/core'])])
      expect(dts).not.toMatch(/interface (ChatSnapshot|ChatLike|TranscriptEntry)\b/)
    }
  })

  it('ships the fixtures as @gws-chat/testing/fixtures, which reaches neither xstate nor the simulator', () => {
    const entry = pkg.exports['./fixtures']
    expect(entry).toEqual({
      import: { types: './dist/fixtures.d.ts', default: './dist/fixtures.js' },
      require: { types: './dist/fixtures.d.cts', default: './dist/fixtures.cjs' },
    })
    expect(pkg.typesVersions['*']?.fixtures).toEqual(['./dist/fixtures.d.cts'])
    for (const file of ['fixtures.js', 'fixtures.cjs']) expect([file, packagesReached(file)]).toEqual([file, []])
    for (const file of ['fixtures.d.ts', 'fixtures.d.cts']) expect([file, [...new Set(packagesReached(file))]]).toEqual([file, ['@gws-chat/core']])
    // The main entry still exports them, for code written against it.
    expect(read('index.js')).toMatch(/\bchatFixtures\b/)
    const fixtures = read('fixtures.d.ts')
    for (const name of ['chatFixtures', 'fixtureChat', 'FIXTURE_NAMES', 'ENDED_FIXTURES', 'ChatFixture', 'FixtureName']) expect(fixtures).toContain(name)
  })
})
