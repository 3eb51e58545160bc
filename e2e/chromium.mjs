// The Chromium the browser tests drive; never a downloaded browser. In this order:
//   1. $GWS_CHROMIUM or $CHROMIUM_PATH, when set (a path that is not an executable file is an error, not skipped)
//   2. /usr/bin/chromium (Debian's), then chromium, chromium-browser, google-chrome, google-chrome-stable on PATH
//   3. `node e2e/chromium.mjs` only (the first step of `pnpm test`): Debian's chromium installed with apt-get, when
//      running as root on a machine with apt-get and GWS_CHROMIUM_INSTALL is not 0
// When none is found, `node e2e/chromium.mjs` exits 1 with one line saying what to install.
import { spawnSync } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const VARIABLES = ['GWS_CHROMIUM', 'CHROMIUM_PATH']
const SYSTEM = ['/usr/bin/chromium']
const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']
const HINT = "install Debian's Chromium (apt-get install chromium) or set GWS_CHROMIUM=/path/to/chromium"

function executable(file) {
  try {
    accessSync(file, constants.X_OK)
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, name))) return path.join(dir, name)
  }
  return undefined
}

/** Where the Chromium is, or why there is none: `{ path, from }` or `{ error }` (one line). */
export function findChromium(env = process.env) {
  for (const name of VARIABLES) {
    const value = env[name]
    if (!value) continue
    if (executable(value)) return { path: value, from: `$${name}` }
    return { error: `Browser tests: $${name} is ${value}, which is not an executable file; point it at a Chromium or unset it` }
  }
  for (const file of SYSTEM) if (executable(file)) return { path: file, from: 'system' }
  for (const name of NAMES) {
    const file = onPath(name, env)
    if (file) return { path: file, from: 'PATH' }
  }
  return { error: `Browser tests: no Chromium found (tried ${VARIABLES.map((v) => `$${v}`).join(', ')}, ${SYSTEM.join(', ')}, ${NAMES.join(', ')} on PATH); ${HINT}` }
}

function lastLine(result) {
  const text = `${result.stderr ?? ''}\n${result.stdout ?? ''}`.trim().split('\n').filter(Boolean)
  return result.error?.message ?? text.at(-1) ?? `exit ${result.status}`
}

/**
 * findChromium, and when nothing is found (and no variable names a missing file) Debian's chromium installed
 * with apt-get where that can work: root, apt-get on PATH, GWS_CHROMIUM_INSTALL not 0. apt-get's output is kept
 * quiet; `log` gets one line before the install.
 */
export function ensureChromium({ env = process.env, log = (line) => console.error(line) } = {}) {
  const found = findChromium(env)
  if (found.path || VARIABLES.some((name) => env[name])) return found
  const root = process.platform === 'linux' && process.getuid?.() === 0
  if (!root || !onPath('apt-get', env) || env.GWS_CHROMIUM_INSTALL === '0') return found
  log("Browser tests: no Chromium found; installing Debian's chromium with apt-get (once, quietly)…")
  const options = { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const result = spawnSync('apt-get', args, options)
    if (result.status !== 0) return { error: `Browser tests: no Chromium found, and apt-get ${args[0]} failed (${lastLine(result)}); ${HINT}` }
  }
  const after = findChromium(env)
  return after.path ? { ...after, from: 'apt-get' } : { error: `Browser tests: apt-get installed chromium but no Chromium is found; ${HINT}` }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const found = ensureChromium()
  if (found.error) {
    console.error(found.error)
    process.exit(1)
  }
  if (found.from === 'apt-get') console.error(`Browser tests: installed ${found.path}`)
}
