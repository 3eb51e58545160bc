import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return /\.(ts|tsx)$/.test(name) && !/\.test(-d)?\.tsx?$/.test(name) ? [path] : []
  })
}

/** Every relative import of a file, type-only ones and `import('…')` types included. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!)
  return specifiers.flatMap((specifier) => {
    const base = resolve(dirname(file), specifier)
    const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), base].find((candidate) => existsSync(candidate) && statSync(candidate).isFile())
    return found ? [found] : []
  })
}

describe('packages/*/src', () => {
  it('has no import cycle (type-only imports count)', () => {
    const packages = ['packages/core', 'packages/simulator', 'packages/testing', 'packages/adapters/react', 'packages/adapters/vue', 'packages/adapters/dom']
    const files = packages.flatMap((pkg) => (existsSync(join(root, pkg, 'src')) ? sources(join(root, pkg, 'src')) : []))
    const graph = new Map(files.map((file) => [file, importsOf(file)]))
    const cycles: string[] = []
    const state = new Map<string, 'visiting' | 'done'>()
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return
      if (state.get(file) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(root, f)).join(' → '))
        return
      }
      state.set(file, 'visiting')
      for (const next of graph.get(file) ?? []) visit(next, [...path, file])
      state.set(file, 'done')
    }
    files.forEach((file) => visit(file, []))
    expect(files.length).toBeGreaterThan(50)
    expect(cycles).toEqual([])
  })
})
