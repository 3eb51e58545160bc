// Requires every CommonJS entry of the package in the current directory (its package.json `main` and each `require`
// target of `exports`, from the built dist) in one child `node --no-experimental-require-module`: a CJS entry that
// reaches an ES-module-only dependency throws ERR_REQUIRE_ESM there, as it does under Jest or a Node without
// require(esm). Exits 1 when any entry throws. Run by each package's `check:package`, after a build.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'))

function requireTargets(value, underRequire = false) {
  if (typeof value === 'string') return underRequire ? [value] : []
  if (!value || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'types' ? [] : requireTargets(inner, underRequire || key === 'require'),
  )
}

const entries = [...new Set([pkg.main, ...requireTargets(pkg.exports)].filter(Boolean))]
  .filter((file) => !file.endsWith('package.json'))
  .map((file) => path.resolve(file))
const missing = entries.filter((file) => !fs.existsSync(file))
if (missing.length > 0) {
  console.error(`check-cjs: ${pkg.name}: not built: ${missing.join(', ')}`)
  process.exit(1)
}

// A peer dependency whose own CommonJS build requires an ES module (msw 2 from 2.12 on, for one) fails there without
// require(esm) whatever we do: reported, not counted, when the require() that failed is in the peer's own files.
const peers = Object.keys(pkg.peerDependencies ?? {})
const probe = `
let failed = 0
const peers = ${JSON.stringify(peers)}
for (const file of ${JSON.stringify(entries)}) {
  try { require(file) } catch (error) {
    const line = String(error.message).split('\\n')[0]
    const peer = error.code === 'ERR_REQUIRE_ESM' && peers.find((name) => line.includes(' from ') && line.split(' from ').pop().includes('/node_modules/' + name + '/'))
    if (peer) console.warn('  ' + file + ': loads only where require(esm) works, as its peer ' + peer + ' does (' + line + ')')
    else { failed++; console.error('  ' + file + ': ' + (error.code ?? '') + ' ' + line) }
  }
}
process.exitCode = failed ? 1 : 0
`
try {
  execFileSync(process.execPath, ['--no-experimental-require-module', '-e', probe], { stdio: 'inherit' })
  console.log(`check-cjs: ${pkg.name}: ${entries.length} CommonJS entr${entries.length === 1 ? 'y loads' : 'ies load'} without require(esm)`)
} catch {
  console.error(`check-cjs: ${pkg.name}: a CommonJS entry fails to load without require(esm) (bundle its ESM-only dependency in the cjs build)`)
  process.exit(1)
}
