#!/usr/bin/env node
/**
 * Checks what each published package would put on npm.
 *
 *   node scripts/check-pack.mjs                      packs every public package (pnpm pack) into a temp dir and checks it
 *   node scripts/check-pack.mjs --tarballs <dir>     checks the tarballs already in <dir> (used by scripts/release-dry.mjs)
 *
 * Run it after `pnpm build`: the tarballs are made from dist/.
 *
 * A tarball fails when it
 * - lacks package.json, README.md, LICENSE (the same text as the root LICENSE) or a non-empty dist/;
 * - lacks a file that package.json points at (main, module, types, bin, every target in exports and imports);
 * - contains node_modules, tests (test/, tests/, __tests__/, fixtures/, *.test.*, *.test-d.*, *.spec.*),
 *   TypeScript sources (*.ts, *.tsx, *.mts, *.cts that are not declaration files; src/ is not shipped),
 *   build or tool configs (tsconfig*.json, tsup/vitest/vite configs), nested tarballs or .env files;
 * - contains a source map whose sources leave the package (the sources of another workspace package bundled in;
 *   the files in BUNDLES_DEPENDENCIES carry their dependencies on purpose)
 *   or that lacks sourcesContent (src/ is not shipped, so a map must carry its sources to be of use);
 * - still has a `workspace:` range in its package.json.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Built files that carry other packages' code on purpose: core's CommonJS build bundles its ESM-only dependencies
 * (@xstate/store, ofetch), and the dom package's script-tag bundles carry core and every dependency.
 */
const BUNDLES_DEPENDENCIES = {
  '@gws-chat/core': [/^dist\/[\w-]+\.cjs\.map$/],
  '@gws-chat/dom': [/^dist\/gws-chat\.(browser|iife)\.js\.map$/],
}

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** The directories of the workspace packages that are not private (the ones that are published). */
export function publicPackages(root = ROOT) {
  const dirs = []
  const visit = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name)
      if (!statSync(full).isDirectory() || name === 'node_modules') continue
      const manifest = path.join(full, 'package.json')
      let pkg
      try {
        pkg = JSON.parse(readFileSync(manifest, 'utf8'))
      } catch {
        visit(full)
        continue
      }
      if (!pkg.private) dirs.push(full)
    }
  }
  visit(path.join(root, 'packages'))
  return dirs.sort()
}

/** How to call pnpm: the running pnpm when started by a pnpm script, else pnpm 10 through npx. */
export function pnpmCommand() {
  const execpath = process.env.npm_execpath
  if (execpath && /pnpm/.test(path.basename(execpath))) return { command: process.execPath, args: [execpath] }
  return { command: 'npx', args: ['-y', 'pnpm@10'] }
}

/** Packs every public package into `destination` with pnpm (workspace: ranges replaced), returns the tarball paths. */
export function packAll(destination, root = ROOT) {
  const pnpm = pnpmCommand()
  mkdirSync(destination, { recursive: true })
  const filters = publicPackages(root).flatMap((dir) => ['--filter', `./${path.relative(root, dir)}`])
  execFileSync(pnpm.command, [...pnpm.args, '-r', ...filters, 'pack', '--pack-destination', destination], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  return tarballsIn(destination)
}

const tarballsIn = (dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.tgz'))
    .sort()
    .map((name) => path.join(dir, name))

const walk = (dir, base = dir) =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? walk(full, base) : [path.relative(base, full).split(path.sep).join('/')]
  })

/** Every file path package.json points at. */
function pointedAt(pkg) {
  const targets = new Set()
  const add = (value) => {
    if (typeof value === 'string') {
      if (!value.includes('*')) targets.add(value.replace(/^\.\//, ''))
    } else if (value && typeof value === 'object') Object.values(value).forEach(add)
  }
  for (const field of ['main', 'module', 'types', 'typings', 'bin', 'exports', 'imports']) add(pkg[field])
  return [...targets]
}

const FORBIDDEN = [
  [/(^|\/)node_modules\//, 'node_modules'],
  [/(^|\/)(test|tests|__tests__|fixtures|test-support)\//, 'a test directory'],
  [/\.(test|spec)(-d)?\.[cm]?[jt]sx?$/, 'a test file'],
  [/(^|\/)src\//, 'src/ (sources are not shipped; the source maps carry them)'],
  [/(?<!\.d)\.[cm]?tsx?$/, 'TypeScript source'],
  [/(^|\/)tsconfig[^/]*\.json$/, 'a tsconfig'],
  [/(^|\/)(tsup|vitest|vite|biome|knip)\.config\.[cm]?[jt]s$|(^|\/)vitest\.workspace\.[cm]?[jt]s$/, 'a tool config'],
  [/\.tgz$/, 'a tarball'],
  [/(^|\/)\.env/, 'an env file'],
]

/** The problems of one extracted tarball (the directory holding `package/`). */
export function problemsOf(extracted) {
  const base = path.join(extracted, 'package')
  const files = walk(base)
  const has = new Set(files)
  const problems = []
  const pkg = JSON.parse(readFileSync(path.join(base, 'package.json'), 'utf8'))

  for (const required of ['package.json', 'README.md', 'LICENSE']) if (!has.has(required)) problems.push(`lacks ${required}`)
  if (has.has('LICENSE') && readFileSync(path.join(base, 'LICENSE'), 'utf8') !== readFileSync(path.join(ROOT, 'LICENSE'), 'utf8')) {
    problems.push('LICENSE differs from the LICENSE at the root of the repository')
  }
  if (!files.some((file) => file.startsWith('dist/'))) problems.push('lacks dist/ (was it built?)')
  for (const target of pointedAt(pkg)) if (!has.has(target)) problems.push(`lacks ${target}, which package.json points at`)

  for (const file of files) {
    for (const [pattern, what] of FORBIDDEN) {
      if (pattern.test(file)) {
        problems.push(`contains ${what}: ${file}`)
        break
      }
    }
  }

  for (const file of files.filter((name) => name.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(path.join(base, file), 'utf8'))
    const sources = map.sources ?? []
    const mapDir = path.posix.dirname(file)
    const bundled = BUNDLES_DEPENDENCIES[pkg.name]?.some((pattern) => pattern.test(file)) ?? false
    for (const source of sources) {
      const resolved = path.posix.normalize(path.posix.join(mapDir, source))
      // Files built to carry their dependencies (a CJS build with its ESM-only deps, the script-tag bundle) may map them.
      if (bundled && /node_modules\/|(^|\/)core\/src\//.test(resolved)) continue
      // ../src/x.ts from dist/ is this package's src; anything above the package root is someone else's.
      if (resolved.startsWith('../') || /node_modules\//.test(resolved) || /(^|\/)packages\//.test(resolved)) {
        problems.push(`${file} maps code from outside the package: ${source}`)
      }
    }
    const contents = map.sourcesContent ?? []
    if (sources.length > 0 && (contents.length !== sources.length || contents.some((content) => typeof content !== 'string'))) {
      problems.push(`${file} lacks sourcesContent`)
    }
  }

  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(pkg[field] ?? {})) {
      if (String(range).startsWith('workspace:')) problems.push(`${field}.${name} is still ${range}`)
    }
  }
  const notes = has.has('CHANGELOG.md') ? [] : ['no CHANGELOG.md (npm includes it only when `files` names it)']
  return { name: pkg.name, version: pkg.version, files: files.length, problems, notes }
}

/** Extracts and checks every tarball; prints one line per package and every problem. Returns true when all pass. */
export function checkTarballs(tarballs) {
  const scratch = mkdtempSync(path.join(tmpdir(), 'gws-chat-check-pack-'))
  let ok = true
  try {
    for (const [index, tarball] of tarballs.entries()) {
      const into = path.join(scratch, String(index))
      mkdirSync(into)
      execFileSync('tar', ['-xzf', tarball, '-C', into])
      const result = problemsOf(into)
      const size = statSync(tarball).size
      if (result.problems.length === 0) {
        const notes = result.notes.length > 0 ? ` (note: ${result.notes.join('; ')})` : ''
        console.log(`ok   ${result.name}@${result.version}: ${result.files} files, ${(size / 1000).toFixed(1)} kB packed${notes}`)
      } else {
        ok = false
        console.log(`FAIL ${result.name}@${result.version} (${path.basename(tarball)}):`)
        for (const problem of result.problems) console.log(`       ${problem}`)
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  return ok
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const at = process.argv.indexOf('--tarballs')
  let tarballs
  let packed
  if (at >= 0) {
    tarballs = tarballsIn(path.resolve(process.argv[at + 1]))
  } else {
    packed = mkdtempSync(path.join(tmpdir(), 'gws-chat-pack-'))
    tarballs = packAll(packed)
  }
  try {
    const expected = publicPackages().length
    if (tarballs.length < (at >= 0 ? 1 : expected)) {
      console.error(`check-pack: found ${tarballs.length} tarballs, expected ${expected}`)
      process.exitCode = 1
    } else if (!checkTarballs(tarballs)) {
      console.error('check-pack: some package tarballs are wrong (see above)')
      process.exitCode = 1
    }
  } finally {
    if (packed) rmSync(packed, { recursive: true, force: true })
  }
}
