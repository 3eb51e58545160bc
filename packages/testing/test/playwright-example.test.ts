import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { findChromium } from '../../../e2e/chromium.mjs'

/**
 * Runs the Playwright example of docs/simulator.md (examples/playwright) with `@playwright/test`'s
 * own runner, in Debian's Chromium: each test gets its own simulator from `@gws-chat/testing/playwright`.
 */

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const CLI = here('../node_modules/@playwright/test/cli.js')
const CONFIG = here('../examples/playwright/playwright.config.ts')
const WIDGET = here('../../adapters/dom/dist/gws-chat.iife.js')

function runPlaywright(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const output = mkdtempSync(join(tmpdir(), 'gws-chat-playwright-'))
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'test', '-c', CONFIG, '--output', output], { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let text = ''
    child.stdout.on('data', (chunk) => (text += chunk))
    child.stderr.on('data', (chunk) => (text += chunk))
    child.on('close', (code) => {
      rmSync(output, { recursive: true, force: true })
      resolve({ code, output: text })
    })
  })
}

describe('the Playwright fixture example', () => {
  it('passes under the @playwright/test runner, three tests, each with its own simulator', async () => {
    if (!existsSync(WIDGET)) throw new Error('packages/adapters/dom/dist/gws-chat.iife.js is missing: run pnpm build first')
    const chromium = findChromium()
    if (chromium.error !== undefined) throw new Error(chromium.error)
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_OPTIONS'))
    const { code, output } = await runPlaywright({ ...env, CHROMIUM_PATH: chromium.path, CI: '1', FORCE_COLOR: '0' })
    expect(output).toMatch(/3 passed/)
    expect(code, output).toBe(0)
  }, 120_000)
})

describe('docs/simulator.md', () => {
  it('shows the example files as they are', async () => {
    const text = await readFile(here('../../../docs/simulator.md'), 'utf8')
    const includes = [...text.matchAll(/<!-- include: (\S+) -->\n\n```\w+\n([\s\S]*?)```/g)]
    expect(includes.map(([, path]) => path)).toEqual(['packages/testing/examples/playwright/chat-widget.spec.ts', 'packages/testing/examples/playwright/playwright.config.ts'])
    for (const [, path, code] of includes) expect(code, path).toBe(await readFile(here(`../../../${path}`), 'utf8'))
  })
})
