import http, { type IncomingMessage, type RequestOptions } from 'node:http'
import https from 'node:https'
import type { HttpAdapter } from '../http/types'

export interface NodeHttpAdapterOptions {
  /**
   * Sockets kept open per origin (default 64): a poller reuses its connection instead of opening one per poll, and a
   * burst of polls (thousands of chats on one origin) is not queued behind a handful of sockets.
   */
  maxSockets?: number
  /** Largest answer read, in bytes (default 4 MiB); a longer one is cut off and fails as a network error. */
  maxBodyBytes?: number
}

const DEFAULT_MAX_BODY = 4 * 1024 * 1024
const DEFAULT_MAX_SOCKETS = 64

interface Origin {
  secure: boolean
  options: RequestOptions
}

/**
 * A URL the WHATWG parser leaves as it is: `http(s)://`, a plain host name or IP literal and port, a path without
 * dot segments (also not `%2e`) and a query without a character it would escape, no fragment. Only such a URL skips
 * `new URL` (its origin is parsed once); any other one is parsed in full.
 */
const PLAIN_URL = /^(https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?)((?:\/(?!\.|%2e)[\w\-~!$&'()*+,;=:@%.]*)+(?:\?[\w\-~!$&()*+,;=:@%./?]*)?)$/i

/** The answer headers the engine reads, from the raw list (`response.headers` would build an object of them all). */
function readHeaders(raw: string[]): Record<string, string> {
  const record: Record<string, string> = {}
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i] as string
    // 'retry-after' and 'content-type' both have 11 and 12 letters: compare the rest only for those lengths.
    if (name.length !== 11 && name.length !== 12) continue
    const lower = name.toLowerCase()
    // The first one wins, as in `response.headers` for these single-value headers.
    if ((lower === 'retry-after' || lower === 'content-type') && !(lower in record)) record[lower] = raw[i + 1] as string
  }
  return record
}

/**
 * An adapter on `node:http`/`node:https` with keep-alive agents: the default in Node (one shared adapter per process),
 * also for bots, load tests and agent-side tools that want their own. About half the CPU of `fetch` (undici) for the
 * same requests. Browsers use the fetch adapter.
 */
export function createNodeHttpAdapter(options: NodeHttpAdapterOptions = {}): HttpAdapter {
  const maxSockets = options.maxSockets ?? DEFAULT_MAX_SOCKETS
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const agents = { http: new http.Agent({ keepAlive: true, maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets }) }
  // Per origin (the URL up to its path, as the request names it): protocol, host and port, parsed once.
  const origins = new Map<string, Origin>()

  function originOf(prefix: string): Origin {
    let origin = origins.get(prefix)
    if (origin === undefined) {
      const url = new URL(prefix)
      const secure = url.protocol === 'https:'
      if (!secure && url.protocol !== 'http:') throw new TypeError(`unsupported protocol ${url.protocol}`)
      origin = {
        secure,
        options: {
          protocol: url.protocol,
          // An IPv6 literal without its brackets, as `http.request` takes it.
          hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
          port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
          agent: secure ? agents.https : agents.http,
        },
      }
      if (origins.size < 64) origins.set(prefix, origin)
    }
    return origin
  }

  return (request) =>
    new Promise((resolve, reject) => {
      const { signal } = request
      if (signal.aborted) return reject(signal.reason)
      let origin: Origin
      let path: string
      try {
        const plain = PLAIN_URL.exec(request.url)
        if (plain !== null) {
          origin = originOf(plain[1] as string)
          path = plain[2] as string
        } else {
          const url = new URL(request.url)
          origin = originOf(`${url.protocol}//${url.host}`)
          path = url.pathname + url.search
          if (url.username !== '' || url.password !== '') {
            origin = { ...origin, options: { ...origin.options, auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` } }
          }
        }
      } catch (error) {
        return reject(error)
      }
      let headers: Record<string, string | number> = request.headers
      if (request.body !== undefined) headers = { ...headers, 'Content-Length': Buffer.byteLength(request.body) }
      // The signal is followed here, not through `http.request`'s `signal` option (which adds an end-of-stream watch
      // to every request): an abort destroys the request, and the listener goes when the exchange ends.
      const onAbort = () => outgoing.destroy(signal.reason instanceof Error ? signal.reason : new DOMException('This operation was aborted', 'AbortError'))
      const fail = (error: Error) => {
        signal.removeEventListener('abort', onAbort)
        reject(error)
      }
      // `http.request` looked up at every request, not bound at import: msw/node and nock replace it on the module.
      const outgoing = (origin.secure ? https : http).request({ ...origin.options, path, method: request.method, headers }, (response: IncomingMessage) => {
        let first: Buffer | undefined
        let chunks: Buffer[] | undefined
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBody) {
            response.destroy(new Error(`answer larger than ${maxBody} bytes`))
            return
          }
          if (first === undefined) first = chunk
          else (chunks ??= [first]).push(chunk)
        })
        response.on('error', fail)
        response.on('end', () => {
          signal.removeEventListener('abort', onAbort)
          const body = chunks !== undefined ? Buffer.concat(chunks, size) : first
          resolve({ status: response.statusCode ?? 0, headers: readHeaders(response.rawHeaders), body: body === undefined ? '' : body.toString('utf8') })
        })
      })
      signal.addEventListener('abort', onAbort)
      outgoing.on('error', fail)
      outgoing.end(request.body)
    })
}
