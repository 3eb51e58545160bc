import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url))

// Runs only after `pnpm build`; the argument parser itself is covered in src/cli-args.test.ts.
it.skipIf(!existsSync(cli))('the built CLI prints its URL and serves the API', async () => {
  const child = spawn(process.execPath, [cli, '--port', '0', '--contact-center-id', 'cc-1', '--scenario', 'never'], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = ''
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString()
        const match = /listening on (http:\/\/\S+)/.exec(out)
        if (match?.[1]) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`CLI exited with ${code}: ${out}`)))
      setTimeout(() => reject(new Error(`CLI printed no URL: ${out}`)), 5_000).unref()
    })
    const res = await fetch(`${url}/api/v2/chats`, {
      method: 'POST',
      headers: { ContactCenterId: 'cc-1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ operationName: 'RequestChat', nickname: 'a', subject: 'b' }),
    })
    expect(((await res.json()) as { statusCode: number }).statusCode).toBe(0)
  } finally {
    child.kill('SIGTERM')
  }
})
