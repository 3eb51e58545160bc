// `pnpm bench`: builds the packages, runs every benchmark in its own process, writes docs/benchmarks.md.
//   node bench/run.mjs [--no-build] [--only size,polling,overhead,transcript,concurrency,hostile]
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { BENCH_DIR, REPO_DIR, RESULTS_DIR, machineLine } from './lib/report.mjs'
import { writeDoc } from './lib/doc.mjs'

const BENCHMARKS = ['size', 'polling', 'overhead', 'transcript', 'concurrency', 'hostile']
const args = process.argv.slice(2)
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : BENCHMARKS
const started = Date.now()

function pnpm() {
  if (process.env.npm_execpath?.includes('pnpm')) return [process.execPath, [process.env.npm_execpath]]
  return spawnSync('pnpm', ['--version']).status === 0 ? ['pnpm', []] : ['npx', ['-y', 'pnpm@10']]
}

/** Builds every package, going on past failures; returns the packages whose dist is missing afterwards. */
function build() {
  const [command, prefix] = pnpm()
  console.log('Building packages…')
  const result = spawnSync(command, [...prefix, '-r', '--no-bail', '--filter', './packages/**', 'build'], { cwd: REPO_DIR, encoding: 'utf8' })
  const packages = ['core', 'simulator', 'adapters/react', 'adapters/vue', 'adapters/dom']
  const failed = packages.filter((p) => fs.existsSync(path.join(REPO_DIR, 'packages', p, 'package.json')) && !fs.existsSync(path.join(REPO_DIR, 'packages', p, 'dist/index.js')))
  if (result.status !== 0) console.log(`Build finished with failures; not built: ${failed.join(', ') || 'none (dist from an earlier build)'}`)
  return { status: result.status, notBuilt: failed }
}

function runBenchmark(name) {
  return new Promise((resolve) => {
    const t0 = Date.now()
    const child = spawn(process.execPath, [path.join(BENCH_DIR, `${name}.mjs`)], { cwd: REPO_DIR, stdio: ['ignore', 'pipe', 'inherit'] })
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      process.stdout.write(chunk)
    })
    child.on('exit', (code) => {
      const seconds = (Date.now() - t0) / 1000
      if (code === 0) fs.writeFileSync(path.join(RESULTS_DIR, `${name}.md`), output)
      resolve({ name, code, output, seconds })
    })
  })
}

fs.mkdirSync(RESULTS_DIR, { recursive: true })
const buildFile = path.join(RESULTS_DIR, 'build.json')
let buildResult
if (args.includes('--no-build')) {
  buildResult = fs.existsSync(buildFile) ? JSON.parse(fs.readFileSync(buildFile, 'utf8')) : { status: 0, notBuilt: [], skipped: true }
} else {
  buildResult = build()
  fs.writeFileSync(buildFile, JSON.stringify(buildResult))
}
const runs = {}
for (const name of BENCHMARKS) {
  if (!only.includes(name)) continue
  runs[name] = await runBenchmark(name)
  if (runs[name].code !== 0) console.error(`${name} exited with ${runs[name].code}`)
}
const totalSeconds = (Date.now() - started) / 1000
const doc = writeDoc({ runs, build: buildResult, totalSeconds, machine: machineLine() })
console.log(`\nWrote ${path.relative(REPO_DIR, doc)} in ${Math.round(totalSeconds)} s total`)
