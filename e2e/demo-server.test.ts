import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDemo, type DemoServer } from '../demo/server.mjs'

// The page server on its own, without a browser: a made-up dist folder with a secret file beside it.
let root: string
let demo: DemoServer

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'gws-chat-demo-server-'))
  const dist = join(root, 'dist')
  await mkdir(join(dist, 'dom'), { recursive: true })
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>demo</title>')
  await writeFile(join(dist, 'dom', 'index.html'), '<!doctype html><title>dom</title>')
  await writeFile(join(dist, 'app.js'), 'console.log("app")')
  await writeFile(join(root, 'secret.txt'), 'TOP SECRET')
  await writeFile(join(root, 'secret.js'), 'TOP SECRET')
  demo = await startDemo({ dist, simulator: { timeScale: 0.01 } })
})

afterAll(async () => {
  await demo?.close()
  await rm(root, { recursive: true, force: true })
})

/** A request with the target exactly as written (fetch would normalise `..` away). */
function get(target: string, headers: Record<string, string> = {}, method = 'GET', body?: string) {
  const { port } = new URL(demo.url)
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path: target, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe('the demo page server', () => {
  it('serves the built pages', async () => {
    expect((await get('/app.js')).body).toBe('console.log("app")')
    expect((await get('/')).body).toContain('<title>demo</title>')
    expect((await get('/dom/')).body).toContain('<title>dom</title>')
    expect((await get('/dom')).headers.location).toBe('/dom/')
  })

  it('answers a path that is not valid percent-encoding with 400 and stays up', async () => {
    for (const target of ['/%ff.js', '/%E0%A4%A.js', '/%', '/dom/%c0']) {
      expect((await get(target)).status, target).toBe(400)
    }
    expect((await get('//')).status).toBe(400)
    expect((await get('/app.js')).status).toBe(200)
  })

  it('never serves a file outside its dist folder', async () => {
    const targets = [
      '/../secret.txt',
      '/../../secret.js',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.js',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.js',
      '/dom/..%2f..%2fsecret.txt',
      '/dom/%2e%2e%2f%2e%2e%2fsecret.js',
      '/..%5csecret.txt',
      `/${encodeURIComponent(join(root, 'secret.txt'))}`,
      '/secret.js%00.js',
    ]
    for (const target of targets) {
      const res = await get(target)
      expect(res.body, target).not.toContain('TOP SECRET')
      expect([400, 403, 404], `${target} → ${res.status}`).toContain(res.status)
    }
    expect((await get('/app.js')).status).toBe(200)
  })

  it('redirects to paths on its own site only', async () => {
    // `/./` is dropped by URL parsing, leaving `//evil`: a Location of `//evil/` would leave the site.
    const res = await get('/.//evil')
    expect(res.status).toBe(301)
    expect(res.headers.location).toBe('/evil/')
  })

  it('forwards the control API to its own pages and to tools, not to other sites', async () => {
    const own = demo.url.slice(0, -1)
    expect((await get('/__sim/health')).status).toBe(200)
    expect((await get('/__sim/health', { Origin: own })).status).toBe(200)
    const evil = await get('/__sim/requests', { Origin: 'https://evil.example' })
    expect(evil.status).toBe(403)
    expect(evil.headers['access-control-allow-origin']).toBeUndefined()
    expect(JSON.parse(evil.body).error).toMatch(/origin https:\/\/evil\.example/)
    // DNS rebinding: a hostile name that resolves to the demo; the browser sends that name as Host.
    const { port } = new URL(demo.url)
    expect((await get('/__sim/requests', { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` })).status).toBe(403)
    expect((await get('/__sim/requests', { Host: `evil.example:${port}` })).status).toBe(403)
    // The simulator behind it still asks for JSON bodies.
    expect((await get('/__sim/faults', { 'Content-Type': 'text/plain' }, 'POST', '{"kind":"stall"}')).status).toBe(415)
    expect(demo.sim.faults()).toEqual([])
  })

  it('still proxies the customer API', async () => {
    const res = await get('/api/v2/chats/none', { ContactCenterId: 'demo' })
    expect(res.status).toBe(404)
    expect(JSON.parse(res.body)).toMatchObject({ statusCode: 6 })
  })
})
