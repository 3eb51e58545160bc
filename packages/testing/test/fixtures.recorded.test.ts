import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { FIXTURE_NAMES } from '../src/fixtures.names'
import { recordFixtures } from '../src/fixtures.record'
import { FIXTURE_SNAPSHOTS } from '../src/fixtures.snapshots'

const FILE = fileURLToPath(new URL('../src/fixtures.snapshots.ts', import.meta.url))

/** The checked-in file, as the recorder writes it. */
export function snapshotsModule(snapshots: object): string {
  return [
    '// Recorded by fixtures.record.ts from a real engine; do not edit (GWS_UPDATE_FIXTURES=1 re-records it).',
    "import type { ChatSnapshot } from '@gws-chat/core'",
    "import type { FixtureName } from './fixtures.names'",
    '',
    `export const FIXTURE_SNAPSHOTS: Record<FixtureName, ChatSnapshot> = ${JSON.stringify(snapshots, null, 2)}`,
    '',
  ].join('\n')
}

it('every fixture is exactly what a real engine shows in its state (GWS_UPDATE_FIXTURES=1 re-records them)', async () => {
  const recorded = await recordFixtures(FIXTURE_NAMES)
  // Twice the same: the recording does not depend on timing.
  expect(await recordFixtures(FIXTURE_NAMES)).toEqual(recorded)
  if (process.env.GWS_UPDATE_FIXTURES === '1') return writeFile(FILE, snapshotsModule(recorded))
  expect(FIXTURE_SNAPSHOTS).toEqual(recorded)
  expect(await readFile(FILE, 'utf8')).toBe(snapshotsModule(recorded))
})
