import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', tabs: 'src/tabs/index.ts', record: 'src/record/index.ts', node: 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
})
