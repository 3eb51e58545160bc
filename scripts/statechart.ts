/**
 * Writes docs/statechart.md from the definitions of the engine's machines.
 *
 *   pnpm --filter @gws-chat/core exec tsx ../../scripts/statechart.ts
 *
 * `packages/core/test/statechart.test.ts` fails while the file is stale.
 */
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { statechartDocument } from '../packages/core/src/diagram/chat-statechart'

const target = fileURLToPath(new URL('../docs/statechart.md', import.meta.url))
writeFileSync(target, statechartDocument())
console.log(`wrote ${target}`)
