import { expect, it } from 'vitest'
import { chaosConfigFromEnv, figures, formatReport, RETRY_AFTER_WAIT_LIMIT_MS, runChaos, spacingFloorMs, type ChaosConfig } from './chaos'
import { HOSTILE_ACTS } from './hostile-server'

/**
 * At least 100 chats under mixed faults, offline windows and outages, then 40 more against a hostile server
 * (odd entries, gaps, normalised texts, absurd Retry-After; see hostile-server.ts).
 * GWS_CHAOS_SEED=n (or `random`) picks the seed, GWS_CHAOS_CHATS=n the number of chats (of both runs),
 * GWS_CHAOS_HOSTILE=1 runs only the hostile run and =0 only the plain one, GWS_CHAOS_ONLY=a,b replays single chats,
 * GWS_CHAOS_TYPING=1 adds typing notifications, GWS_CHAOS_CONCURRENCY and GWS_CHAOS_FAULT_RATE tune the load.
 */
const plain = chaosConfigFromEnv({ hostile: false })
const hostile = chaosConfigFromEnv({ chats: 40, hostile: true })

const scope = (config: ChaosConfig) => (config.only ? `chats ${config.only.join(', ')}` : `${config.chats} chats`)

it.skipIf(plain.hostile)(`chaos: ${scope(plain)}, seed ${plain.seed}: nothing lost, nothing doubled, every chat ends as it should`, async () => {
  const report = await runChaos(plain)
  const text = formatReport(report)
  console.log(text)
  const f = figures(report)
  expect(f.chats).toBe(plain.only?.length ?? plain.chats)
  expect(f.faultsTotal).toBeGreaterThan(0)
  expect({ lost: f.lost, duplicated: f.duplicated, wrongEnds: f.wrongEnds }, text).toEqual({ lost: 0, duplicated: 0, wrongEnds: 0 })
}, 180_000)

it.skipIf(!hostile.hostile)(`hostile chaos: ${scope(hostile)}, seed ${hostile.seed}: junk, gaps, normalised texts and absurd Retry-After cost nothing`, async () => {
  const report = await runChaos(hostile)
  const text = formatReport(report)
  console.log(text)
  const f = figures(report)
  expect(f.chats).toBe(hostile.only?.length ?? hostile.chats)
  expect({ lost: f.lost, duplicated: f.duplicated, wrongEnds: f.wrongEnds }, text).toEqual({ lost: 0, duplicated: 0, wrongEnds: 0 })
  const h = f.hostile!
  // No poller floods: the transcript poller's requests keep the floor, and an absurd Retry-After holds nothing up for long.
  expect(h.minMessagesSpacingMs, text).toBeGreaterThanOrEqual(spacingFloorMs())
  expect(h.maxRetryAfterWaitMs, text).toBeLessThan(RETRY_AFTER_WAIT_LIMIT_MS)
  // A replay of a few chats need not see every act; a full run must.
  if (!hostile.only) {
    for (const act of HOSTILE_ACTS) expect(h.acts[act], `${act}\n${text}`).toBeGreaterThan(0)
    expect(f.errors.invalid_entry ?? 0, text).toBeGreaterThan(0)
    expect(f.errors.transcript_gap ?? 0, text).toBeGreaterThan(0)
  }
}, 180_000)
