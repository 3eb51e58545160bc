import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { IncomingRequest, Reply } from './dispatch.js'
import { discardBody, lowerCaseHeaders, readBody } from './http-util.js'

/** The node:http shell around the dispatcher: reads requests in, writes replies out, cuts or holds sockets. */
export function createRequestListener(
  dispatch: (req: IncomingRequest) => Promise<Reply>,
  /** Sockets held open by `stall`; destroyed on close. */
  stalled: Set<Socket>,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let refused = false
    const incoming: IncomingRequest = {
      method: req.method ?? 'GET',
      target: req.url ?? '/',
      headers: lowerCaseHeaders(req),
      readBody: async (limit) => {
        const body = await readBody(req, limit)
        if (!body.ok) refused = true
        return body
      },
    }
    dispatch(incoming)
      .then((reply) => write(req, res, reply, stalled, refused))
      .catch(() => {
        if (!res.headersSent && !res.destroyed) res.writeHead(500).end()
      })
  }
}

function write(req: IncomingMessage, res: ServerResponse, reply: Reply, stalled: Set<Socket>, refused: boolean): void {
  switch (reply.kind) {
    case 'drop':
      req.socket.destroy()
      return
    case 'stall': {
      const socket = req.socket
      stalled.add(socket)
      socket.once('close', () => stalled.delete(socket))
      return
    }
    case 'respond':
      if (res.destroyed) return
      res.writeHead(reply.status, reply.headers)
      res.end(reply.body)
      // A body refused (or never read, as on a refused control request) is dropped up to a bound, then the connection is cut.
      if (refused || !req.complete) discardBody(req)
  }
}
