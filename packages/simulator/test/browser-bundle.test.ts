import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const entry = fileURLToPath(new URL('../src/handler-entry.ts', import.meta.url))

describe('@gws-chat/simulator/handler in a browser', () => {
  it('bundles for the browser platform with nothing from Node (no node: import, no Buffer, no process)', async () => {
    const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', write: false, metafile: true, logLevel: 'silent' })
    const code = result.outputFiles[0]?.text ?? ''
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((file) => file.startsWith('node:'))).toBe(false)
    expect(inputs.map((file) => file.replace(/^.*\/src\//, ''))).not.toContain('http-util.ts')
    expect(code).not.toMatch(/\bBuffer\.|\bprocess\.|from ?["']node:/)
    expect(code).toContain('createSimulatorHandler')
  })
})
