import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http'
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https'
import type { HttpAdapter } from '../http/types'

export interface NodeHttpAdapterOptions {
  /** Sockets kept open per origin (default 8): a poller reuses its connection instead of opening one per poll. */
  maxSockets?: number
  /** Largest answer read, in bytes (default 4 MiB); a longer one is cut off and fails as a network error. */
  maxBodyBytes?: number
}

const DEFAULT_MAX_BODY = 4 * 1024 * 1024

/**
 * An adapter on `node:http`/`node:https` with keep-alive agents, for bots, load tests and agent-side tools in Node:
 * about half the CPU of `fetch` (undici) for the same requests. Browsers use the default or the fetch adapter.
 */
export function createNodeHttpAdapter(options: NodeHttpAdapterOptions = {}): HttpAdapter {
  const maxSockets = options.maxSockets ?? 8
  const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  const agents = { http: new HttpAgent({ keepAlive: true, maxSockets }), https: new HttpsAgent({ keepAlive: true, maxSockets }) }
  return (request) =>
    new Promise((resolve, reject) => {
      const url = new URL(request.url)
      const secure = url.protocol === 'https:'
      if (!secure && url.protocol !== 'http:') return reject(new TypeError(`unsupported protocol ${url.protocol}`))
      const send = secure ? httpsRequest : httpRequest
      const headers: Record<string, string | number> = { ...request.headers }
      if (request.body !== undefined) headers['Content-Length'] = Buffer.byteLength(request.body)
      const outgoing = send(url, { method: request.method, headers, agent: secure ? agents.https : agents.http, signal: request.signal }, (response: IncomingMessage) => {
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > maxBody) {
            response.destroy(new Error(`answer larger than ${maxBody} bytes`))
            return
          }
          chunks.push(chunk)
        })
        response.on('error', reject)
        response.on('end', () => {
          const record: Record<string, string> = {}
          for (const name of ['retry-after', 'content-type']) {
            const value = response.headers[name]
            if (typeof value === 'string') record[name] = value
          }
          resolve({ status: response.statusCode ?? 0, headers: record, body: Buffer.concat(chunks).toString('utf8') })
        })
      })
      outgoing.on('error', reject)
      outgoing.end(request.body)
    })
}
