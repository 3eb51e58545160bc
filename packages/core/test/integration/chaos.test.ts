import { expect, it } from 'vitest'
import { chaosConfigFromEnv, figures, formatReport, runChaos } from './chaos'

/**
 * At least 100 chats under mixed faults, offline windows and outages.
 * GWS_CHAOS_SEED=n (or `random`) picks the seed, GWS_CHAOS_CHATS=n the number of chats,
 * GWS_CHAOS_ONLY=a,b replays single chats, GWS_CHAOS_TYPING=1 adds typing notifications,
 * GWS_CHAOS_CONCURRENCY and GWS_CHAOS_FAULT_RATE tune the load.
 */
const config = chaosConfigFromEnv()

it(`chaos: ${config.only ? `chats ${config.only.join(', ')}` : `${config.chats} chats`}, seed ${config.seed}: nothing lost, nothing doubled, every chat ends as it should`, async () => {
  const report = await runChaos(config)
  const text = formatReport(report)
  console.log(text)
  const f = figures(report)
  expect(f.chats).toBe(config.only?.length ?? config.chats)
  expect(f.faultsTotal).toBeGreaterThan(0)
  expect({ lost: f.lost, duplicated: f.duplicated, wrongEnds: f.wrongEnds }, text).toEqual({ lost: 0, duplicated: 0, wrongEnds: 0 })
}, 180_000)
