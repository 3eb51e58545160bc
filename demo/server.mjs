// Serves the built demo pages and the simulator from one origin: `/api/*` and
// `/__sim/*` are passed to the simulator, everything else comes from `dist/`.
// Same origin means the pages need no CORS and use `location.origin` as baseUrl.
//
// It is a local development server: requests for files are decoded once, resolved inside `dist/` and
// refused when they would leave it; a request target that cannot be decoded gets 400. The control
// API is forwarded only to the pages' own origin (or to tools that send no Origin), and only for a
// Host that is an IP address or localhost, so other sites cannot drive the simulator through it.
import { createServer, request } from 'node:http'
import { isIP } from 'node:net'
import { readFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { extname, join, normalize, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { startSimulator } from '@gws-chat/simulator'

const BUILT = fileURLToPath(new URL('./dist/', import.meta.url))
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
}

/**
 * Start the simulator (friendly agent, contact center `demo`) and the page
 * server. `simulator` options are passed to `startSimulator` (tests use a
 * small `timeScale`); `dist` is the folder of built pages.
 */
export async function startDemo({ port = 0, host = '127.0.0.1', simulator = {}, dist = BUILT } = {}) {
  const DIST = dist.endsWith(sep) ? dist : dist + sep
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST} has no pages: build them first (pnpm --filter @gws-chat/demo build)`)
  const sim = await startSimulator({ scenario: 'friendly', contactCenterIds: ['demo'], ...simulator })
  const upstream = new URL(sim.url)

  let ownOrigins = []

  /** Why a request for the control API is refused, or undefined when it may pass. */
  function controlRefusal(req) {
    const origin = req.headers.origin
    if (origin !== undefined && !ownOrigins.includes(origin.toLowerCase())) return `origin ${origin} may not use the control API`
    const host = hostName(req.headers.host ?? '')
    if (host !== undefined && host !== 'localhost' && isIP(host) === 0) return `host ${req.headers.host} may not use the control API`
    return undefined
  }

  function proxy(req, res) {
    const headers = { ...req.headers, host: upstream.host }
    // The browser sees one origin; the simulator needs no CORS decision for it.
    delete headers.origin
    const forward = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    // A connection the simulator drops (a fault) is dropped for the browser too, not turned into a 502.
    forward.on('error', () => res.destroy())
    res.on('close', () => forward.destroy())
    req.pipe(forward)
  }

  async function serveFile(pathname, res) {
    let decoded
    try {
      decoded = decodeURIComponent(pathname)
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request: the path is not valid percent-encoding')
      return
    }
    if (decoded.includes('\0')) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request')
      return
    }
    if (decoded.endsWith('/')) decoded += 'index.html'
    else if (!extname(decoded)) {
      // One leading slash: `//host/` would send the browser to another site.
      res.writeHead(301, { location: `/${pathname.replace(/^\/+/, '')}/` }).end()
      return
    }
    const file = normalize(join(DIST, decoded))
    if (!file.startsWith(DIST)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden')
      return
    }
    try {
      const body = await readFile(file)
      const type = TYPES[extname(file)] ?? 'application/octet-stream'
      res.writeHead(200, { 'content-type': type, 'cache-control': type.startsWith('text/html') ? 'no-store' : 'public, max-age=300' })
      res.end(body)
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
    }
  }

  const server = createServer((req, res) => {
    let pathname
    try {
      ;({ pathname } = new URL(req.url ?? '/', 'http://demo'))
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request target')
      return
    }
    if (pathname.startsWith('/__sim/')) {
      const refusal = controlRefusal(req)
      if (refusal) res.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ error: refusal }))
      else proxy(req, res)
    } else if (pathname.startsWith('/api/')) proxy(req, res)
    else if (req.method === 'GET' || req.method === 'HEAD') {
      serveFile(pathname, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end()
        else res.destroy()
      })
    } else res.writeHead(405).end()
  })
  await new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, resolve)
  })
  const { port: actualPort } = server.address()
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}/`
  const loopback = ['127.0.0.1', '::1', 'localhost', '0.0.0.0', '::'].includes(host)
  ownOrigins = [url.slice(0, -1), ...(loopback ? ['localhost', '127.0.0.1', '[::1]'].map((h) => `http://${h}:${actualPort}`) : [])]
  return {
    url,
    sim,
    async close() {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
      await sim.close()
    },
  }
}

/** The name of a Host header (`name:port`, `[v6]:port`), lower-case; undefined when there is none. */
function hostName(host) {
  const lower = host.trim().toLowerCase()
  if (lower === '') return undefined
  if (lower.startsWith('[')) return lower.slice(1, lower.indexOf(']') === -1 ? undefined : lower.indexOf(']'))
  const colon = lower.indexOf(':')
  return colon === -1 ? lower : lower.slice(0, colon)
}

async function main() {
  const host = process.env.HOST ?? '127.0.0.1'
  const wanted = Number(process.env.PORT ?? 5173)
  const simulator = process.env.TIME_SCALE ? { timeScale: Number(process.env.TIME_SCALE) } : {}
  let demo
  try {
    demo = await startDemo({ port: wanted, host, simulator })
  } catch (error) {
    if (error?.code !== 'EADDRINUSE') throw error
    demo = await startDemo({ port: 0, host, simulator })
  }
  console.log(`\ngws-chat demo running at ${demo.url}\n`)
  console.log(`  DOM widget  ${demo.url}dom/`)
  console.log(`  React       ${demo.url}react/`)
  console.log(`  Vue         ${demo.url}vue/`)
  console.log(`  Tabs        ${demo.url}tabs/ (open it in two tabs)`)
  console.log(`  Element     ${demo.url}element/`)
  console.log(`\n  Simulator   ${demo.sim.url} (also at ${demo.url}api/v2/…, same origin as the pages)`)
  console.log('\nPress Ctrl+C to stop.')
  // Ctrl+C reaches this process more than once: from the terminal (the whole process group) and again from each
  // pnpm above it, which forwards SIGINT and then sends SIGTERM. Every one of them is handled (a second SIGINT with
  // no handler would kill the process by signal, which pnpm reports as a failure); the first one stops the demo.
  // biome-ignore lint/correctness/noUnusedVariables: read by ??= below, so the first signal alone stops the demo
  let stopping
  const stop = () => {
    stopping ??= demo.close().then(
      () => process.exit(0),
      (error) => {
        console.error(error instanceof Error ? error.message : error)
        process.exit(1)
      },
    )
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  })
}
