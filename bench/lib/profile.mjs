// A V8 CPU profile (inspector `Profiler.stop`, or a .cpuprofile file of `node --cpu-prof`) summarized by self time:
// per package, as shares of the busy (not idle) time (the npm package a function's file is in; our own packages by name; Node's internals; V8's own
// entries such as the garbage collector) and the top functions.

const SPECIAL = new Set(['(garbage collector)', '(program)', '(idle)', '(root)'])

/** The package a profiled function belongs to, from its script URL. */
export function packageOf(callFrame) {
  const { url, functionName } = callFrame
  if (SPECIAL.has(functionName)) return functionName
  if (!url) return '(V8 builtins and native)'
  if (url.includes('deps/undici')) return 'undici (Node’s fetch)'
  if (url.startsWith('node:')) return 'node (core modules)'
  const modules = url.lastIndexOf('/node_modules/')
  if (modules !== -1) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  const own = /\/packages\/(?:adapters\/)?([^/]+)\//.exec(url)
  if (own) return `@gws-chat/${own[1]}`
  if (url.includes('/bench/')) return 'bench (the harness)'
  return url
}

export function summarizeProfile(profile, top = 12) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const selfUs = new Map()
  const { samples, timeDeltas } = profile
  // Each sample stands for the time until the next one.
  for (let i = 0; i < samples.length; i++) {
    const us = timeDeltas[i + 1] ?? 0
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + us)
  }
  // Shares are of the busy time: the idle samples are reported apart.
  let idleUs = 0
  for (const [id, us] of selfUs) if (byId.get(id).callFrame.functionName === '(idle)') idleUs += us
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) - idleUs || 1
  const packages = new Map()
  const functions = new Map()
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id)
    if (callFrame.functionName === '(idle)') continue
    const pkg = packageOf(callFrame)
    packages.set(pkg, (packages.get(pkg) ?? 0) + us)
    const file = callFrame.url ? callFrame.url.split('/').slice(-1)[0] : ''
    const key = `${callFrame.functionName || '(anonymous)'}\u0000${pkg}\u0000${file}:${callFrame.lineNumber + 1}`
    functions.set(key, (functions.get(key) ?? 0) + us)
  }
  const share = (us) => ({ ms: us / 1000, percent: (100 * us) / total })
  return {
    busyMs: total / 1000,
    idleMs: idleUs / 1000,
    byPackage: [...packages].sort((a, b) => b[1] - a[1]).map(([name, us]) => ({ name, ...share(us) })),
    topFunctions: [...functions]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => {
        const [name, pkg, where] = key.split('\u0000')
        return { name, package: pkg, where, ...share(us) }
      }),
  }
}
