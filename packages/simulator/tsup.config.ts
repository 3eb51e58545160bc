import { defineConfig } from 'tsup'

export default defineConfig({
  // The CLI is a second entry so its shebang (kept by tsup from src/cli.ts) lands in dist/cli.js.
  entry: { index: 'src/index.ts', handler: 'src/handler-entry.ts', cli: 'src/cli.ts' },
  format: ['esm', 'cjs'],
  dts: { entry: { index: 'src/index.ts', handler: 'src/handler-entry.ts' } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
})
