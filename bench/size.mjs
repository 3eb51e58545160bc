// Bundle size of every public entry, as an application bundler ships it: esbuild, browser, ESM, minified, gzipped;
// and of the built script-tag file, as a page loads it (`file` entries: the file as it is, gzipped).
//   node bench/size.mjs            full report (ours, peers, breakdown, what-if prototypes)
//   node bench/size.mjs --check    budgets only; exits 1 over budget or when an entry cannot be bundled
// The peers (other chat SDKs) are not workspace dependencies: the full report installs the versions named in
// bench/package.json's "peers" with npm into bench/.peers the first time (GWS_BENCH_PEERS=<dir> puts them elsewhere).
import * as esbuild from 'esbuild'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { BENCH_DIR, REPO_DIR, header, kB, fmt, saveResult, table } from './lib/report.mjs'

const FRAMEWORKS = ['react', 'react-dom', 'vue', '@gws-chat/core', 'xstate', '@xstate/store']

/**
 * Our entries. `budget`: the ceiling CI enforces, in bytes gzipped (kB = 1000 B): about 3% over what the entry weighs,
 * plus 0.5 kB where core is inside (room for the unread count and entry times of the attention work). The bindings keep
 * their earlier ceilings (the ready components land in them). `target`: the issue's goal where the budget is above it
 * (core: 25 kB; see docs/benchmarks.md for what stands between).
 */
export const OURS = [
  { id: 'core', label: '@gws-chat/core', usage: '{ createChat }', code: "export { createChat } from '@gws-chat/core'", budget: 30_600, target: 25_000, note: 'with all deps' },
  { id: 'core-all', label: '@gws-chat/core', usage: 'export *', code: "export * from '@gws-chat/core'", budget: 35_500, note: 'with all deps' },
  { id: 'ofetch', label: '@gws-chat/core/ofetch', usage: '{ createOfetchAdapter }', code: "export { createOfetchAdapter } from '@gws-chat/core/ofetch'", budget: 4_400, note: 'ofetch, ufo, destr' },
  { id: 'core-ofetch', label: '@gws-chat/core + /ofetch', usage: '{ createChat } + { createOfetchAdapter }', code: "export { createChat } from '@gws-chat/core'\nexport { createOfetchAdapter } from '@gws-chat/core/ofetch'", budget: 34_500, note: 'core on the ofetch adapter' },
  { id: 'tabs', label: '@gws-chat/core/tabs', usage: '{ createSharedChat }', code: "export { createSharedChat } from '@gws-chat/core/tabs'", budget: 34_600, note: 'with core and all deps' },
  { id: 'core-tabs', label: '@gws-chat/core + /tabs', usage: '{ createChat } + { createSharedChat }', code: "export { createChat } from '@gws-chat/core'\nexport { createSharedChat } from '@gws-chat/core/tabs'", note: 'a page with cross-tab coordination' },
  // Opt-in: never imported by the main entry (the `core` row above would grow if it were).
  { id: 'attention', label: '@gws-chat/core/attention', usage: 'export *', code: "export * from '@gws-chat/core/attention'", budget: 1_200, note: 'with what it takes of core' },
  { id: 'persistence', label: '@gws-chat/core/persistence', usage: 'export *', code: "export * from '@gws-chat/core/persistence'", budget: 4_250, note: 'restore after reload, with what it takes of core (valibot for the record)' },
  { id: 'record', label: '@gws-chat/core/record', usage: 'export *', code: "export * from '@gws-chat/core/record'", budget: 27_000, note: 'with all deps' },
  // The headless hooks alone: the ready component (and the DOM widget it bundles) must stay out of them.
  { id: 'react', label: '@gws-chat/react', usage: '{ useChat, useChatSelector }', code: "export { useChat, useChatSelector } from '@gws-chat/react'", external: FRAMEWORKS, budget: 1_500, note: 'react, core, xstate external' },
  { id: 'vue', label: '@gws-chat/vue', usage: '{ useChat }', code: "export { useChat } from '@gws-chat/vue'", external: FRAMEWORKS, budget: 1_500, note: 'vue, core, xstate external' },
  { id: 'react-widget', label: '@gws-chat/react', usage: '{ ChatWidget }', code: "export { ChatWidget } from '@gws-chat/react'", external: FRAMEWORKS, budget: 12_100, note: 'react, core, xstate external; the DOM widget, its stylesheet and 9 languages inside' },
  { id: 'vue-widget', label: '@gws-chat/vue', usage: '{ ChatWidget }', code: "export { ChatWidget } from '@gws-chat/vue'", external: FRAMEWORKS, budget: 12_300, note: 'vue, core, xstate external; the DOM widget, its stylesheet and 9 languages inside' },
  { id: 'dom', label: '@gws-chat/dom', usage: 'export *', code: "export * from '@gws-chat/dom'", external: FRAMEWORKS, budget: 12_700, note: 'core, xstate external; stylesheet, launcher, 9 languages' },
  { id: 'dom-with-core', label: '@gws-chat/dom', usage: 'export * + core', code: "export * from '@gws-chat/dom'", budget: 47_000, note: 'with core and all deps' },
  { id: 'simulator-handler', label: '@gws-chat/simulator/handler', usage: '{ createSimulatorHandler }', code: "export { createSimulatorHandler } from '@gws-chat/simulator/handler'", budget: 18_000, note: 'the simulator in process, with valibot; no Node built-ins' },
  { id: 'testing-msw', label: '@gws-chat/testing/msw', usage: '{ createSimulatorHandlers }', code: "export { createSimulatorHandlers } from '@gws-chat/testing/msw'", external: ['msw'], budget: 18_500, note: 'with the in-process simulator; msw external' },
  // A built file as shipped, not bundled here (`file`: measured as it is, gzipped); `pnpm build` writes it.
  { id: 'dom-iife', label: '@gws-chat/dom', usage: 'dist/gws-chat.iife.js', file: 'packages/adapters/dom/dist/gws-chat.iife.js', budget: 44_500, note: 'script-tag build: core and all deps, registers <gws-chat>; 9 languages' },
]

/** The same entries measured before the size work (bench/size-baseline.json), for the before/after table. */
export const BASELINE = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'size-baseline.json'), 'utf8'))

export const PEERS = [
  { id: 'livechat', label: '@livechat/customer-sdk', usage: '{ init }', code: "export { init } from '@livechat/customer-sdk'" },
  { id: 'livechat-all', label: '@livechat/customer-sdk', usage: 'export *', code: "export * from '@livechat/customer-sdk'" },
  { id: 'stream-chat', label: 'stream-chat', usage: '{ StreamChat }', code: "export { StreamChat } from 'stream-chat'" },
  { id: 'twilio', label: '@twilio/conversations', usage: '{ Client }', code: "export { Client } from '@twilio/conversations'" },
]

export const PEERS_DIR = path.resolve(process.env.GWS_BENCH_PEERS ?? path.join(BENCH_DIR, '.peers'))

/** The installed version of each wanted peer that is missing or different in PEERS_DIR. */
function missingPeers(wanted) {
  return Object.entries(wanted).filter(([name, version]) => {
    try {
      return JSON.parse(fs.readFileSync(path.join(PEERS_DIR, 'node_modules', name, 'package.json'), 'utf8')).version !== version
    } catch {
      return true
    }
  })
}

/**
 * Installs the comparison packages into PEERS_DIR unless they are there already; returns an error message
 * (the peers are then reported as not bundled) or undefined. Messages go to stderr: `pnpm bench` keeps stdout.
 */
export function ensurePeers() {
  const wanted = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, 'package.json'), 'utf8')).peers
  const missing = missingPeers(wanted)
  if (missing.length === 0) return undefined
  const where = PEERS_DIR.startsWith(REPO_DIR + path.sep) ? path.relative(REPO_DIR, PEERS_DIR) : PEERS_DIR
  console.error(`Installing the size comparison's peers into ${where} with npm (once): ${missing.map(([n, v]) => `${n}@${v}`).join(', ')}`)
  try {
    fs.mkdirSync(PEERS_DIR, { recursive: true })
    fs.writeFileSync(
      path.join(PEERS_DIR, 'package.json'),
      `${JSON.stringify({ name: 'gws-chat-bench-peers', private: true, description: 'Written by bench/size.mjs', dependencies: wanted }, null, 2)}\n`,
    )
  } catch (error) {
    return `cannot write ${where}: ${error.message}`
  }
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const args = ['install', '--prefix', PEERS_DIR, '--no-audit', '--no-fund', '--ignore-scripts', '--no-package-lock', '--loglevel=error']
  const result = spawnSync(npm, args, { cwd: PEERS_DIR, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' })
  const still = missingPeers(wanted)
  if (result.status === 0 && still.length === 0) return undefined
  return `npm install into ${where} failed (${result.error?.message ?? `exit ${result.status}`}); not installed: ${still.map(([n]) => n).join(', ')}`
}

const gzip = (buffer) => zlib.gzipSync(buffer, { level: 9 }).length
const brotli = (buffer) =>
  zlib.brotliCompressSync(buffer, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length

export async function bundle({ code, external = [], plugins = [], resolveDir = BENCH_DIR, loader = 'js', alias }) {
  const result = await esbuild.build({
    stdin: { contents: code, resolveDir, loader },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
    external,
    plugins,
    ...(alias ? { alias } : {}),
  })
  const out = result.outputFiles[0].contents
  const inputs = Object.values(result.metafile.outputs)[0].inputs
  return { min: out.length, gz: gzip(out), br: brotli(out), inputs, warnings: result.warnings.length }
}

function packageOf(file) {
  const match = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/)
  if (match) return match[1]
  const own = file.match(/packages\/(?:adapters\/)?([^/]+)\//)
  return own ? `@gws-chat/${own[1]} (own code)` : file
}

export function byPackage(inputs) {
  const sums = new Map()
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    if (bytesInOutput === 0) continue
    const name = packageOf(file)
    sums.set(name, (sums.get(name) ?? 0) + bytesInOutput)
  }
  return [...sums].sort((a, b) => b[1] - a[1])
}

/** A built file as it is: its size, gzipped and brotli-compressed. */
async function measureFile(file) {
  const absolute = path.join(REPO_DIR, file)
  if (!fs.existsSync(absolute)) throw new Error(`${file} is missing: run pnpm build first`)
  const out = await fs.promises.readFile(absolute)
  return { min: out.length, gz: gzip(out), br: brotli(out) }
}

async function measure(entry) {
  try {
    return { ...entry, ...(await (entry.file ? measureFile(entry.file) : bundle(entry))) }
  } catch (error) {
    const message = (error.errors?.[0]?.text ?? error.message).split('\n')[0]
    return { ...entry, error: message }
  }
}

// ---- What-if prototypes: core built from its source with one change each, core itself untouched. ----

const CORE_SRC = path.join(REPO_DIR, 'packages/core/src')
const coreNodeModules = path.join(REPO_DIR, 'packages/core/node_modules')

function transformPlugin(name, file, transform) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter: new RegExp(file.replace(/[.]/g, '\\.') + '$') }, async (args) => {
        const source = await fs.promises.readFile(args.path, 'utf8')
        const next = transform(source)
        if (next === source) throw new Error(`${name}: the source of ${file} no longer has the expected shape`)
        return { contents: next, loader: 'ts' }
      })
    },
  }
}

/**
 * The production build's plugin (packages/core/build/strip-descriptions.ts), compiled for this script: the what-if
 * baseline is core's source as the shipped build bundles it, state descriptions stripped.
 */
async function stripDescriptionsPlugin() {
  const cache = path.join(BENCH_DIR, 'results')
  fs.mkdirSync(cache, { recursive: true })
  const outfile = path.join(cache, 'strip-descriptions.mjs')
  await esbuild.build({ entryPoints: [path.join(REPO_DIR, 'packages/core/build/strip-descriptions.ts')], outfile, bundle: true, packages: 'external', format: 'esm', platform: 'node', logLevel: 'silent' })
  return (await import(`file://${outfile}`)).stripDescriptionsPlugin
}

const ofetchDefault = transformPlugin('ofetch-default', 'src/options.ts', (s) =>
  s
    .replace(/import \{ createFetchAdapter \} from '\.\/http\/fetch'\n/, "import { createOfetchAdapter } from './http/ofetch'\n")
    .replace(/createFetchAdapter\(\)/g, 'createOfetchAdapter()'),
)

const SHIMS = { store: path.join(BENCH_DIR, 'shims/tiny-store.mjs'), valibot: path.join(BENCH_DIR, 'shims/tiny-valibot.mjs') }
const WHAT_IF = [
  { id: 'baseline', label: 'core from source, as shipped', strip: true },
  { id: 'ofetch', label: 'ofetch as the default adapter (as before)', strip: true, plugins: [ofetchDefault] },
  { id: 'descriptions', label: 'state descriptions and full implementation names kept (the `development` build)', strip: false },
  { id: 'store', label: 'hand-written atom instead of @xstate/store', strip: true, alias: { '@xstate/store': SHIMS.store } },
  { id: 'valibot', label: 'hand-written validators instead of valibot', strip: true, alias: { valibot: SHIMS.valibot } },
  {
    id: 'all',
    label: 'hand-written store and validators',
    strip: true,
    alias: { '@xstate/store': SHIMS.store, valibot: SHIMS.valibot },
  },
]

async function whatIf() {
  const rows = []
  let ownModules = []
  const strip = await stripDescriptionsPlugin()
  for (const variant of WHAT_IF) {
    try {
      const result = await bundle({
        code: `export { createChat } from ${JSON.stringify(path.join(CORE_SRC, 'index.ts'))}`,
        loader: 'ts',
        resolveDir: coreNodeModules,
        plugins: [...(variant.strip ? [strip] : []), ...(variant.plugins ?? [])],
        alias: variant.alias,
      })
      rows.push({ id: variant.id, label: variant.label, min: result.min, gz: result.gz })
      if (variant.id === 'baseline') {
        ownModules = Object.entries(result.inputs)
          .filter(([file, input]) => file.includes('packages/core/src/') && input.bytesInOutput > 0)
          .map(([file, input]) => [file.slice(file.indexOf('src/')), input.bytesInOutput])
          .sort((a, b) => b[1] - a[1])
      }
    } catch (error) {
      rows.push({ id: variant.id, label: variant.label, error: (error.errors?.[0]?.text ?? error.message).split('\n')[0] })
    }
  }
  const base = rows.find((r) => r.id === 'baseline')
  for (const row of rows) if (base?.gz && row.gz) row.saved = base.gz - row.gz
  // The floor: xstate alone, with just what the machine imports.
  const floor = await bundle({
    code: "export { createActor, setup, assign, emit, enqueueActions, raise, cancel, stopChild, fromPromise, fromCallback } from 'xstate'",
    resolveDir: coreNodeModules,
  })
  return { rows, ownModules, xstateFloor: { min: floor.min, gz: floor.gz } }
}

// ---- Report ----

function status(row) {
  if (row.error) return 'not bundled'
  if (!row.budget) return ''
  if (row.gz > row.budget) return `over by ${kB(row.gz - row.budget)} kB`
  if (row.target && row.gz > row.target) return `within budget; target ${kB(row.target)} kB missed by ${kB(row.gz - row.target)} kB`
  return 'ok'
}

export async function run({ check = false } = {}) {
  const ours = []
  for (const entry of OURS) ours.push(await measure(entry))
  if (check) {
    console.log(table(
      ['Entry', 'Import', 'min+gz kB', 'Budget kB', 'Status'],
      ours.filter((r) => r.budget).map((r) => [r.label, r.usage, r.error ? r.error : kB(r.gz), kB(r.budget), status(r)]),
    ))
    const failed = ours.filter((r) => r.budget && (r.error || r.gz > r.budget))
    if (failed.length > 0) {
      console.error(`\nsize check failed: ${failed.map((r) => `${r.label} (${status(r)})`).join(', ')}`)
      process.exitCode = 1
    } else console.log('\nsize check passed')
    return
  }

  header('Bundle size (esbuild, browser, ESM, minified; gzip -9; kB = 1000 B)')
  const peers = []
  const peersError = ensurePeers()
  if (peersError) console.error(peersError)
  for (const entry of PEERS) {
    peers.push(peersError ? { ...entry, error: 'peer not installed' } : await measure({ ...entry, resolveDir: PEERS_DIR }))
  }
  const all = [...ours, ...peers]
  const livechat = peers.find((p) => p.id === 'livechat')
  const core = ours.find((o) => o.id === 'core')
  console.log(table(
    ['Package', 'Import', 'Notes', 'min kB', 'min+gz kB', `before (${BASELINE.commit}) gz kB`, 'min+br kB', 'vs LiveChat', 'Budget kB', 'Status'],
    all.map((r) => [
      r.label,
      r.usage,
      r.error ? `failed: ${r.error}` : (r.note ?? ''),
      r.error ? null : kB(r.min),
      r.error ? null : kB(r.gz),
      BASELINE.ours[r.id] ? kB(BASELINE.ours[r.id].gz) : PEERS.some((p) => p.id === r.id) ? null : 'new',
      r.error ? null : kB(r.br),
      r.error || !livechat?.gz ? null : `${fmt(r.gz / livechat.gz, 2)}×`,
      r.budget ? kB(r.budget) : null,
      status(r),
    ]),
  ))

  const breakdown = core?.inputs ? byPackage(core.inputs) : []
  if (breakdown.length > 0) {
    console.log(`\n### What \`import { createChat }\` pulls in, before and after (minified bytes by package; gz share is proportional)\n`)
    const before = BASELINE.breakdown
    const beforeCore = BASELINE.ours.core
    const names = [...new Set([...breakdown.map(([name]) => name), ...Object.keys(before)])]
    const after = new Map(breakdown)
    console.log(table(
      ['Package', `before (${BASELINE.commit}) min kB`, 'before ≈ gz kB', 'min kB', 'share', '≈ gz kB', 'change ≈ gz kB'],
      [
        ...names.map((name) => {
          const was = before[name] ?? 0
          const now = after.get(name) ?? 0
          const wasGz = (was / beforeCore.min) * beforeCore.gz
          const nowGz = (now / core.min) * core.gz
          return [name, kB(was), kB(wasGz), kB(now), `${fmt((100 * now) / core.min, 1)}%`, kB(nowGz), kB(nowGz - wasGz)]
        }),
        ['total', kB(beforeCore.min), kB(beforeCore.gz), kB(core.min), '100%', kB(core.gz), kB(core.gz - beforeCore.gz)],
      ],
    ))
  }

  const proposals = await whatIf()
  console.log(`\n### Core's own code in that bundle, by source module (minified bytes)\n`)
  console.log(table(['Module', 'min kB'], proposals.ownModules.map(([file, bytes]) => [file, kB(bytes)])))
  console.log(`\n### What-if prototypes (core bundled from source with one change; core itself is unchanged)\n`)
  console.log(table(
    ['Change', 'min kB', 'min+gz kB', 'saved gz kB'],
    proposals.rows.map((r) => [r.label, r.error ? `failed: ${r.error}` : kB(r.min), kB(r.gz), r.saved !== undefined ? kB(r.saved) : null]),
  ))
  console.log(`\nxstate alone (the imports the machine uses): ${kB(proposals.xstateFloor.min)} kB min, ${kB(proposals.xstateFloor.gz)} kB gz`)
  if (core?.gz && livechat?.gz) {
    console.log(`Distance to @livechat/customer-sdk: ${kB(core.gz - livechat.gz)} kB gz (${fmt(core.gz / livechat.gz, 2)}×)`)
  }

  const strip = (r) => ({ ...r, inputs: undefined, plugins: undefined })
  saveResult('size', { ours: ours.map(strip), peers: peers.map(strip), breakdown, baseline: BASELINE, proposals })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await run({ check: process.argv.includes('--check') })
}
