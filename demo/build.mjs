// Build the demo pages into dist/ (or `outDir`); the browser tests call this before they start.
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

export async function buildDemo({ outDir } = {}) {
  await build({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    ...(outDir ? { build: { outDir, emptyOutDir: true } } : {}),
  })
}
