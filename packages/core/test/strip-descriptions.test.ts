import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { MACHINE_SOURCES, stripDescriptions } from '../build/strip-descriptions'

const SRC = path.join(import.meta.dirname, '../src')
const machineFiles = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .map((file) => path.join(SRC, file))
  .filter((file) => MACHINE_SOURCES.test(file))

describe('stripping the state descriptions from the production build', () => {
  it('cuts every description property, single-line, multi-line and concatenated, and nothing else', () => {
    const source = [
      "const HINT = ' (see the docs)'",
      'export const machine = {',
      "  description: 'The root.',",
      "  initial: 'a',",
      '  states: {',
      "    a: { description: 'First.', on: { go: 'b' } },",
      '    b: {',
      '      description:',
      "        'A long one, ' +",
      `        \`over \${2} lines\` + HINT,`,
      "      entry: 'enter',",
      '    },',
      "    c: { meta: { description: 'kept' }, after: { 10: 'a' }, description: 'Last, no comma' }",
      '  },',
      '}',
      "export const notAState = { describe: 'kept', descriptions: 'kept' }",
    ].join('\n')
    const out = stripDescriptions(source).replace(/[ \t]+/g, ' ')
    expect(out).not.toMatch(/description:\s*'(The root|First|Last)/)
    expect(out).not.toContain('A long one')
    expect(out).toContain("initial: 'a',")
    expect(out).toContain("a: { on: { go: 'b' } },")
    expect(out).toContain("entry: 'enter',")
    expect(out).toContain("after: { 10: 'a' }, }")
    expect(out).not.toContain('Last, no comma')
    expect(out).toContain("describe: 'kept', descriptions: 'kept'")
    // A `meta` object's fields are the machine's data, not a state's prose: left alone.
    expect(out).toContain("meta: { description: 'kept' }")
  })

  it('leaves a source without descriptions unchanged', () => {
    const source = "export const x = { initial: 'a', states: { a: {} } }\n"
    expect(stripDescriptions(source)).toBe(source)
  })

  it('applies to every machine source, which keeps no description and stays valid TypeScript', async () => {
    expect(machineFiles.map((file) => path.relative(SRC, file)).sort()).toEqual(
      expect.arrayContaining(['machine/chat.machine.ts', 'machine/shared-states.ts', 'tabs/election.machine.ts']),
    )
    const ts = (await import('typescript')).default
    for (const file of machineFiles) {
      const source = readFileSync(file, 'utf8')
      const out = stripDescriptions(source, file)
      expect(out, file).not.toMatch(/\bdescription:/)
      const diagnostics = ts.transpileModule(out, { reportDiagnostics: true, fileName: file }).diagnostics ?? []
      expect(diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')), file).toEqual([])
    }
    // Loading the TypeScript compiler takes seconds on a busy machine.
  }, 60_000)
})
