#!/usr/bin/env node
// The `gws-chat-simulator` command. A committed file, so installing the workspace can link it before the
// package is built; the CLI itself is dist/cli.js (published in the package, built by `tsup` in the repository).
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = new URL('../dist/cli.js', import.meta.url)
if (!existsSync(fileURLToPath(cli))) {
  process.stderr.write('gws-chat-simulator is not built yet: run `pnpm --filter @gws-chat/simulator build` first\n')
  process.exit(1)
}
await import(cli.href)
