import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

const root = new URL('../', import.meta.url)

/** Each binding guide shows the demo's code (docs/testing.md its examples); `<!-- include: path -->` marks a block that must equal that file. */
describe.each(['docs/react.md', 'docs/vue.md', 'docs/dom.md', 'docs/tabs.md', 'docs/testing.md'])('%s', (doc) => {
  it('shows the demo code as it is', async () => {
    const text = await readFile(new URL(doc, root), 'utf8')
    const includes = [...text.matchAll(/<!-- include: (\S+) -->\n\n```\w+\n([\s\S]*?)```/g)]
    expect(includes.length).toBeGreaterThan(0)
    for (const [, path, code] of includes) {
      expect(code, `${doc} shows ${path}`).toBe(await readFile(new URL(path!, root), 'utf8'))
    }
  })

  it('shows its screenshot', async () => {
    const text = await readFile(new URL(doc, root), 'utf8')
    const [, image] = /!\[[^\]]*\]\((screenshots\/[\w-]+\.png)\)/.exec(text) ?? []
    expect(image).toBeDefined()
    await expect(readFile(new URL(`docs/${image}`, root))).resolves.toBeInstanceOf(Buffer)
  })
})

/** A doc that includes an example script verbatim, then shows what it prints: both must match the script as it runs. */
async function expectRunnableExample(doc: string, example: string) {
  const text = await readFile(new URL(doc, root), 'utf8')
  const at = text.indexOf(`<!-- include: ${example} -->`)
  expect(at, `${doc} includes ${example}`).toBeGreaterThanOrEqual(0)
  const [, path, code] = /<!-- include: (\S+) -->\n\n```\w+\n([\s\S]*?)```/.exec(text.slice(at)) ?? []
  expect(path).toBe(example)
  expect(code).toBe(await readFile(new URL(path!, root), 'utf8'))
  const [, printed] = /It prints:\n\n```text\n([\s\S]*?)```/.exec(text.slice(at)) ?? []
  const { execFile } = await import('node:child_process')
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, [new URL(path!, root).pathname], { cwd: new URL('examples/', root).pathname }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  )
  expect(output).toBe(printed)
}

describe('docs/api.md', () => {
  it('shows examples/attention.mjs as it is, and what it prints when run', () => expectRunnableExample('docs/api.md', 'examples/attention.mjs'), 20_000)
  it('shows examples/persistence.mjs as it is, and what it prints when run', () => expectRunnableExample('docs/api.md', 'examples/persistence.mjs'), 20_000)
  it('shows examples/many-chats.mjs as it is, and what it prints when run', () => expectRunnableExample('docs/api.md', 'examples/many-chats.mjs'), 20_000)
})

describe('docs/security.md', () => {
  it('shows examples/hostile-server.mjs as it is, and what it prints when run', () => expectRunnableExample('docs/security.md', 'examples/hostile-server.mjs'), 20_000)
})
