#!/usr/bin/env node
import { readFileSync } from 'node:fs'
import { parseArgs, usage } from './cli-args.js'
import { startSimulator } from './simulator.js'
import { SCENARIO_NAMES } from './scenario.js'
import { DEFAULT_ALLOWED_ORIGINS } from './config.js'

async function main(): Promise<void> {
  const { options, help } = parseArgs(process.argv.slice(2), (path) => readFileSync(path, 'utf8'))
  if (help) {
    process.stdout.write(usage())
    return
  }
  const sim = await startSimulator(options)
  const scenario = typeof options.scenario === 'object' ? (options.scenario.name ?? 'custom') : (options.scenario ?? 'friendly')
  const lines = [
    `GWS Customer Chat API simulator listening on ${sim.url}`,
    `  ContactCenterId: ${(options.contactCenterIds ?? ['demo']).join(', ')}`,
    `  Scenario:        ${scenario} (presets: ${SCENARIO_NAMES.join(', ')})`,
    `  Allowed origins: ${(options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS).join(', ')}`,
    `  Control API:     no Origin (tools) or this origin${options.controlOrigins?.length ? `, ${options.controlOrigins.join(', ')}` : ''}`,
    `  Faults:          ${sim.faults().length} rule(s); seed ${options.seed ?? 1}; time scale ${options.timeScale ?? 1}`,
    '  API:     POST /api/v2/chats | GET /api/v2/chats/{id} | GET /api/v2/chats/{id}/messages[?index=N] | POST /api/v2/chats/{id}',
    '           (also /api/v2/me/chat/{id} and /api/v2/me/chat/{id}/messages)',
    `  Control: ${sim.url}/__sim/health | /__sim/chats | /__sim/chats/{id}/agent | /__sim/requests | /__sim/faults | /__sim/scenario`,
  ]
  process.stdout.write(`${lines.join('\n')}\n`)
  const stop = (): void => {
    void sim.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${usage()}`)
  process.exit(1)
})
