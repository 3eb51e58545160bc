#!/usr/bin/env node
/**
 * A release rehearsal that publishes nothing and leaves the working tree as it was.
 *
 *   pnpm release:dry            builds, then versions and packs in a temporary copy
 *   pnpm release:dry --no-build uses the dist/ directories as they are
 *   pnpm release:dry --keep     keeps the temporary copy and prints where it is
 *
 * 1. `changeset status --verbose` in the repository (read only): the release plan from the pending changesets.
 * 2. Builds the packages (dist/ is git-ignored, so the tree stays clean).
 * 3. Copies the repository's files (tracked and untracked, minus ignored ones) and every package's dist/ to a temp
 *    directory, with node_modules linked to the repository's, and runs `changeset version` there: new versions,
 *    CHANGELOG entries, changesets consumed — in the copy only.
 * 4. Packs every public package of the copy with pnpm (workspace: ranges become the new versions) and checks the
 *    tarballs with scripts/check-pack.mjs.
 * 5. Prints the new versions, the head of each new CHANGELOG entry and the tarballs, then removes the copy.
 *
 * Nothing is published and no git command that writes is run. The script fails if the working tree's
 * `git status` differs afterwards.
 */
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkTarballs, packAll, pnpmCommand, publicPackages } from './check-pack.mjs'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const args = new Set(process.argv.slice(2))
const pnpm = pnpmCommand()
const changeset = path.join(ROOT, 'node_modules', '.bin', 'changeset')

const run = (command, commandArgs, cwd = ROOT, capture = false) =>
  execFileSync(command, commandArgs, { cwd, encoding: 'utf8', stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit' })
const gitStatus = () => run('git', ['status', '--porcelain=v1', '--untracked-files=all'], ROOT, true)
const heading = (text) => console.log(`\n== ${text}`)

/** Mirrors a package's node_modules with links: third-party entries to the repository's, @gws-chat/* to the copy. */
function linkModules(from, to) {
  if (!existsSync(from)) return
  mkdirSync(to, { recursive: true })
  for (const name of readdirSync(from)) {
    if (name.startsWith('@')) {
      mkdirSync(path.join(to, name))
      for (const inner of readdirSync(path.join(from, name))) {
        const workspace = name === '@gws-chat' ? packageDirOf.get(`${name}/${inner}`) : undefined
        symlinkSync(workspace ? path.join(copy, workspace) : path.join(from, name, inner), path.join(to, name, inner), 'dir')
      }
    } else {
      symlinkSync(path.join(from, name), path.join(to, name), 'dir')
    }
  }
}

const before = gitStatus()
/** Package name → its directory relative to the root, for the public packages. */
const packageDirOf = new Map()
const copy = mkdtempSync(path.join(tmpdir(), 'gws-chat-release-dry-'))
let failed = false
try {
  heading('release plan (changeset status)')
  run(changeset, ['status', '--verbose'])

  if (!args.has('--no-build')) {
    heading('build')
    run(pnpm.command, [...pnpm.args, 'build'])
  }

  heading(`versioning in a copy: ${copy}`)
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT, true).split('\0').filter(Boolean)
  for (const file of files) {
    const from = path.join(ROOT, file)
    if (!existsSync(from) || statSync(from).isDirectory()) continue // deleted but not staged; or a submodule
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true })
    cpSync(from, path.join(copy, file))
  }
  const packages = publicPackages(ROOT).map((dir) => path.relative(ROOT, dir))
  for (const dir of packages) packageDirOf.set(JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')).name, dir)
  for (const dir of packages) {
    if (!existsSync(path.join(ROOT, dir, 'dist'))) throw new Error(`${dir}/dist is missing: build first (or drop --no-build)`)
    cpSync(path.join(ROOT, dir, 'dist'), path.join(copy, dir, 'dist'), { recursive: true })
  }
  // The copy resolves tools and dependencies through the repository's installed node_modules, except that a
  // package's link to another workspace package points into the copy (where pnpm pack reads the new version).
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir')
  for (const dir of packages) linkModules(path.join(ROOT, dir, 'node_modules'), path.join(copy, dir, 'node_modules'))
  const versionsBefore = Object.fromEntries(packages.map((dir) => [dir, JSON.parse(readFileSync(path.join(ROOT, dir, 'package.json'), 'utf8')).version]))
  run(changeset, ['version'], copy)

  heading('new versions and changelog entries')
  for (const dir of packages) {
    const pkg = JSON.parse(readFileSync(path.join(copy, dir, 'package.json'), 'utf8'))
    const changelog = path.join(copy, dir, 'CHANGELOG.md')
    const entry = existsSync(changelog) ? readFileSync(changelog, 'utf8').split(/^## /m)[1] : undefined
    console.log(`${pkg.name}: ${versionsBefore[dir]} -> ${pkg.version}`)
    if (entry !== undefined && pkg.version !== versionsBefore[dir]) {
      const lines = `## ${entry}`.trim().split('\n')
      console.log(`${lines.slice(0, 6).map((line) => `    ${line}`).join('\n')}${lines.length > 6 ? '\n    …' : ''}`)
    }
  }

  heading('pack (nothing is published)')
  const tarballs = packAll(path.join(copy, '.tarballs'), copy)
  if (!checkTarballs(tarballs)) failed = true
  for (const tarball of tarballs) console.log(`  ${path.basename(tarball)}  ${(statSync(tarball).size / 1000).toFixed(1)} kB`)
} catch (error) {
  failed = true
  console.error(`release:dry: ${error.message}`)
} finally {
  if (args.has('--keep')) console.log(`\nkept the copy: ${copy}`)
  else rmSync(copy, { recursive: true, force: true })
}

if (gitStatus() !== before) {
  failed = true
  console.error('release:dry: the working tree changed during the dry run; compare `git status` with before')
}
if (failed) process.exitCode = 1
else console.log('\nrelease:dry: ok — versioned and packed in a temporary copy; nothing was published and the working tree is unchanged')
