import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', fixtures: 'src/fixtures.ts', msw: 'src/msw.ts', playwright: 'src/playwright.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
})
