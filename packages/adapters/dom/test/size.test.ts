// @vitest-environment node
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

describe('bundle size', () => {
  // The widget with its stylesheet, the launcher and nine language catalogues (about 3.5 kB of it), and the element's
  // opt-in to restore after reload (an import of `@gws-chat/core/persistence`); bench/size.mjs holds the package's budget.
  it('stays under 12.1 kB minified and gzipped, without the engine', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      external: ['@gws-chat/core'],
    })
    const bytes = gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length
    expect(bytes).toBeLessThan(12_100)
  })
})
