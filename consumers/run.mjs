#!/usr/bin/env node
// The consumer matrix: build the packages, pack the published ones, install the tarballs with npm into throwaway
// apps outside the workspace (os.tmpdir()), and run each app the way a consumer would. See docs/consumers.md.
//
//   node consumers/run.mjs [--no-build] [--fast] [--only a,b] [--allow-fail a,b] [--jobs N] [--keep] [--npm-cache DIR]
import { spawn } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const root = dirname(here)

// ---------------------------------------------------------------------------------------------------------------
// The apps (one npm install each) and the cells (one check each) that run in them.

const PW = 'playwright-core@^1.50.0'
const APPS = {
  node: { files: ['apps/node'], deps: [] },
  jest: { files: ['apps/jest'], deps: ['jest@^30', 'jest-environment-jsdom@^30', 'react@^19', 'react-dom@^19', 'vue@^3.5'] },
  // TypeScript 5.9 as in the workspace: 6.0 deprecates and 7.0 removes moduleResolution node10, which the matrix checks.
  ts: { files: ['apps/ts'], deps: ['typescript@~5.9.3', '@types/node@^20', '@types/react@^19', 'react@^19', 'vue@^3.5'] },
  'vite-react': {
    files: ['apps/vite-react', 'browser.mjs', ['drive-spa.mjs', 'drive.mjs']],
    deps: ['vite@^8', '@vitejs/plugin-react@latest', 'react@^19', 'react-dom@^19', PW],
    type: 'module',
  },
  'vite-vue': {
    files: ['apps/vite-vue', 'browser.mjs', ['drive-spa.mjs', 'drive.mjs']],
    deps: ['vite@^8', '@vitejs/plugin-vue@latest', 'vue@^3.5', PW],
    type: 'module',
  },
  next: { files: ['apps/next', 'browser.mjs'], deps: ['next@latest', 'react@^19', 'react-dom@^19', PW] },
  'script-tag': { files: ['apps/script-tag', 'browser.mjs'], deps: [PW] },
}

const node = process.execPath
const CELLS = [
  {
    name: 'node-esm',
    app: 'node',
    fast: true,
    checks: 'Node ESM `import`: createChat + startSimulator, a whole chat (agent joins, send, answer in the transcript, end)',
    steps: [[node, 'main.mjs']],
  },
  {
    name: 'node-cjs',
    app: 'node',
    fast: true,
    checks: 'Node CommonJS `require()` with `--no-experimental-require-module`: the same chat',
    steps: [[node, '--no-experimental-require-module', 'main.cjs']],
  },
  {
    name: 'jest',
    app: 'jest',
    fast: true,
    checks: 'Jest 30, CommonJS, jsdom, no transform: require core, core/node, dom, react and vue; a chat against the simulator (globalSetup); transcript and widget text; React and Vue `<ChatWidget>` mount the widget',
    steps: [[node, 'node_modules/jest/bin/jest.js', '--ci']],
  },
  ...['bundler', 'node16', 'node10'].map((config) => ({
    name: `ts-${config}`,
    app: 'ts',
    fast: true,
    checks:
      `\`tsc --noEmit\`, strict, skipLibCheck false, moduleResolution ${config}` +
      { bundler: ' (module esnext)', node16: ' (module node16, package type module, plus a .cts file)', node10: ' (module commonjs)' }[config] +
      ': imports every entry point',
    steps: [[node, 'node_modules/typescript/bin/tsc', '-p', `${config}/tsconfig.json`]],
  })),
  {
    name: 'vite-react',
    app: 'vite-react',
    checks: 'Vite + React 19, the React guide\'s app (`<ChatWidget>`, one import): `vite build`, dist served, a whole chat through the widget in Chromium; one widget, styled (computed styles)',
    steps: [[node, 'drive.mjs']],
  },
  {
    name: 'vite-vue',
    app: 'vite-vue',
    checks: 'Vite + Vue 3, the Vue guide\'s app (`<ChatWidget>`, one import): `vite build`, dist served, a whole chat through the widget in Chromium; one widget, styled (computed styles)',
    steps: [[node, 'drive.mjs']],
  },
  {
    name: 'next',
    app: 'next',
    timeoutMs: 420_000,
    checks: 'Next.js app router: `next build && next start`, SSR page with a client component (useChat, persisted engine); start a chat, reload: no hydration error/warning, live chat shown',
    steps: [[node, 'drive.mjs']],
  },
  {
    name: 'script-tag',
    app: 'script-tag',
    checks: 'Plain HTML: `<script src=dist/gws-chat.iife.js>` from the installed @gws-chat/dom tarball, `<gws-chat base-url contact-center-id>`, a chat in Chromium',
    steps: [[node, 'drive.mjs']],
  },
]

// ---------------------------------------------------------------------------------------------------------------
// Arguments.

const argv = process.argv.slice(2)
const flag = (name) => argv.includes(name)
const list = (name) => {
  const i = argv.indexOf(name)
  return i < 0 ? [] : (argv[i + 1] ?? '').split(',').map((s) => s.trim()).filter(Boolean)
}
const value = (name, fallback) => {
  const i = argv.indexOf(name)
  return i < 0 ? fallback : argv[i + 1]
}
if (flag('--help') || flag('-h')) {
  console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 5).join('\n').replace(/^\/\/ ?/gm, ''))
  console.log('\ncells: ' + CELLS.map((c) => c.name + (c.fast ? ' (fast)' : '')).join(', '))
  process.exit(0)
}
const only = list('--only')
const allowFail = new Set(list('--allow-fail'))
const jobs = Math.max(1, Number(value('--jobs', '2')))
const npmCache = value('--npm-cache', process.env.GWS_CONSUMERS_NPM_CACHE || join(homedir(), '.npm'))
for (const name of [...only, ...allowFail]) {
  if (!CELLS.some((c) => c.name === name)) {
    console.error(`unknown cell "${name}"; cells: ${CELLS.map((c) => c.name).join(', ')}`)
    process.exit(2)
  }
}
const selected = CELLS.filter((c) => (only.length ? only.includes(c.name) : flag('--fast') ? c.fast : true))

// ---------------------------------------------------------------------------------------------------------------
// Processes.

// The children must not inherit pnpm's npm_* variables (pnpm run sets npm_config_* from the workspace .npmrc).
const baseEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)))
Object.assign(baseEnv, { NO_COLOR: '1', FORCE_COLOR: '0', NEXT_TELEMETRY_DISABLED: '1', CI: '1' })

/** Runs a command; resolves { code, output, ms }. Kills the whole process group on timeout. */
function run(cmd, args, { cwd, timeoutMs = 300_000, log } = {}) {
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let output = ''
    const take = (chunk) => {
      output += chunk
      log?.(chunk)
    }
    child.stdout.on('data', take)
    child.stderr.on('data', take)
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        process.kill(-child.pid, 'SIGKILL')
      } catch {}
    }, timeoutMs)
    child.on('error', (error) => take(`\nspawn error: ${error.message}\n`))
    child.on('close', (code) => {
      clearTimeout(timer)
      if (timedOut) output += `\ntimed out after ${Math.round(timeoutMs / 1000)} s\n`
      resolve({ code: timedOut ? 124 : code ?? 1, output, ms: Date.now() - started })
    })
  })
}

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
/** The first error lines of a failed command's output. */
function firstErrorLines(output, max = 6) {
  const lines = stripAnsi(output).split('\n').map((l) => l.trimEnd()).filter((l) => l.trim())
  const i = lines.findIndex((l) => /error|failed|FAIL|✕|●|TS\d{4}|assert|timed out|not in the|Cannot find|exited with/i.test(l))
  return (i < 0 ? lines.slice(-max) : lines.slice(i, i + max)).map((l) => (l.length > 300 ? l.slice(0, 300) + '…' : l))
}

function limiter(n) {
  let active = 0
  const queue = []
  const next = () => {
    if (active >= n || !queue.length) return
    active++
    const { fn, resolve, reject } = queue.shift()
    fn().then(resolve, reject).finally(() => (active--, next()))
  }
  return (fn) => new Promise((resolve, reject) => (queue.push({ fn, resolve, reject }), next()))
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
const pnpm = ['npx', ['-y', 'pnpm@10']]

// ---------------------------------------------------------------------------------------------------------------
// Main.

const totalStart = Date.now()
const work = mkdtempSync(join(tmpdir(), 'gws-chat-consumers-'))
const logs = join(work, 'logs')
mkdirSync(logs, { recursive: true })
console.log(`consumer matrix: ${selected.map((c) => c.name).join(', ')}\nwork dir: ${work}\n`)

function fatal(what, result) {
  writeFileSync(join(logs, `${what}.log`), result.output)
  console.error(`${what} failed (exit ${result.code}):\n  ${firstErrorLines(result.output, 20).join('\n  ')}\nfull log: ${join(logs, what + '.log')}`)
  process.exit(1)
}

// 1. Build.
let buildMs = 0
if (!flag('--no-build')) {
  console.log('building the packages (pnpm build)…')
  const r = await run(pnpm[0], [...pnpm[1], 'build'], { cwd: root, timeoutMs: 900_000 })
  buildMs = r.ms
  if (r.code !== 0) fatal('build', r)
  console.log(`  built in ${seconds(r.ms)}`)
}

// 2. Pack every published package; pnpm pack rewrites workspace:* ranges to versions.
const packStart = Date.now()
const tarballs = join(work, 'tarballs')
mkdirSync(tarballs)
const packageDirs = ['packages', 'packages/adapters']
  .flatMap((d) => readdirSync(join(root, d)).map((name) => join(root, d, name)))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .filter((dir) => !JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private)
const packs = await Promise.all(packageDirs.map((dir) => run(pnpm[0], [...pnpm[1], 'pack', '--pack-destination', tarballs], { cwd: dir })))
packs.forEach((r, i) => r.code !== 0 && fatal(`pack-${packageDirs[i].split('/').pop()}`, r))
for (const dir of packageDirs) {
  if (!existsSync(join(dir, 'dist'))) console.warn(`  warning: ${dir} has no dist/ (use the build, or drop --no-build)`)
}
const tgz = readdirSync(tarballs).filter((f) => f.endsWith('.tgz')).map((f) => join(tarballs, f))
const packMs = Date.now() - packStart
console.log(`packed ${tgz.length} tarballs in ${seconds(packMs)}: ${tgz.map((f) => f.split('/').pop()).join(', ')}`)

// 3. Generate and install the apps the selected cells need (in parallel), 4. run the cells as their app is ready.
const installLimit = limiter(3)
const cellLimit = limiter(jobs)
const installs = {}
function install(appName) {
  return (installs[appName] ??= installLimit(async () => {
    const app = APPS[appName]
    const dir = join(work, 'apps', appName)
    mkdirSync(dir, { recursive: true })
    for (const entry of app.files) {
      const [from, to] = Array.isArray(entry) ? entry : [entry, null]
      const src = join(here, from)
      if (to) cpSync(src, join(dir, to))
      else if (from.startsWith('apps/')) cpSync(src, dir, { recursive: true })
      else cpSync(src, join(dir, from.split('/').pop()))
    }
    const pkg = { name: `gws-chat-consumer-${appName}`, version: '0.0.0', private: true, ...(app.type ? { type: app.type } : {}) }
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2) + '\n')
    // All tarballs at once, so npm resolves the packages' dependencies on each other from them.
    const args = ['install', '--no-audit', '--no-fund', '--loglevel=error', '--cache', npmCache, ...tgz, ...app.deps]
    const r = await run('npm', args, { cwd: dir, timeoutMs: 600_000 })
    writeFileSync(join(logs, `install-${appName}.log`), `$ npm ${args.join(' ')}\n\n${r.output}`)
    console.log(`  installed ${appName} in ${seconds(r.ms)}${r.code ? ' — FAILED' : ''}`)
    return { dir, ok: r.code === 0, ms: r.ms, output: r.output }
  }))
}

const results = await Promise.all(
  selected.map(async (cell) => {
    const app = await install(cell.app)
    if (!app.ok) {
      return { cell, ok: false, ms: 0, error: ['npm install failed:', ...firstErrorLines(app.output)] }
    }
    return cellLimit(async () => {
      let output = ''
      let ms = 0
      let ok = true
      for (const [cmd, ...args] of cell.steps) {
        output += `$ ${[cmd === node ? 'node' : cmd, ...args].join(' ')}\n`
        const r = await run(cmd, args, { cwd: app.dir, timeoutMs: cell.timeoutMs ?? 180_000 })
        output += r.output + `\n(exit ${r.code}, ${seconds(r.ms)})\n`
        ms += r.ms
        if (r.code !== 0) {
          ok = false
          break
        }
      }
      writeFileSync(join(logs, `${cell.name}.log`), output)
      const error = ok ? [] : firstErrorLines(output.replace(/^\$ .*\n/gm, ''))
      console.log(`${ok ? 'PASS' : 'FAIL'} ${cell.name} (${seconds(ms)})${ok ? '' : '\n    ' + error.join('\n    ')}`)
      return { cell, ok, ms, error }
    })
  }),
)

// 5. Report.
const totalMs = Date.now() - totalStart
const failed = results.filter((r) => !r.ok)
const blocking = failed.filter((r) => !allowFail.has(r.cell.name))
let sha = ''
try {
  sha = (await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })).output.trim()
} catch {}
const table = [
  '| cell | checks | result | time |',
  '|---|---|---|---|',
  ...results.map(
    (r) => `| ${r.cell.name} | ${r.cell.checks} | ${r.ok ? 'pass' : allowFail.has(r.cell.name) ? 'FAIL (allowed)' : '**FAIL**'} | ${seconds(r.ms)} |`,
  ),
].join('\n')
const installTimes = await Promise.all(Object.entries(installs).map(async ([name, p]) => `| npm install: ${name} app | ${seconds((await p).ms)} |`))
const setupTable = [
  '| step | time |',
  '|---|---|',
  ...(buildMs ? [`| pnpm build | ${seconds(buildMs)} |`] : []),
  `| pnpm pack (${tgz.length} packages) | ${seconds(packMs)} |`,
  ...installTimes,
].join('\n')
const failures = failed.length
  ? '\n## Failures\n\n' + failed.map((r) => `### ${r.cell.name}\n\n\`\`\`\n${r.error.join('\n')}\n\`\`\`\n`).join('\n')
  : ''
const markdown = `# Consumer matrix results

Run of \`node consumers/run.mjs ${argv.join(' ')}\`${sha ? ` at ${sha}` : ''}, ${new Date().toISOString()}, Node ${process.version}.
${results.filter((r) => r.ok).length} of ${results.length} cells pass; total ${seconds(totalMs)} (cells run ${jobs} at a time; the cell times exclude the installs).

${table}

Setup:

${setupTable}
${failures}`
console.log('\n' + table + '\n\n' + setupTable + `\n\ntotal: ${seconds(totalMs)}; logs: ${logs}`)
writeFileSync(join(here, 'results.md'), markdown)
console.log(`written: consumers/results.md`)

if (!flag('--keep')) rmSync(join(work, 'apps'), { recursive: true, force: true })
else console.log(`apps kept in ${join(work, 'apps')}`)

if (blocking.length) {
  console.log(`\n${blocking.length} cell(s) failed: ${blocking.map((r) => r.cell.name).join(', ')}`)
  process.exit(1)
}
if (failed.length) console.log(`\nfailed but allowed: ${failed.map((r) => r.cell.name).join(', ')}`)
