import { isRecord } from './body.js'
import type { OperationName } from './types.js'

/**
 * A body that is valid JSON but breaks the response schema of `operation`, to prove the client
 * validates what it receives: `messages` not an array, `chat` missing its fields, `id` not a
 * string, or (for the rest) `status` instead of `statusCode`, like a known typo in the GWS docs.
 */
export function wrongBody(operation: OperationName | undefined, body: unknown): unknown {
  const ok = isRecord(body) && body.statusCode === 0
  if (ok && operation === 'GetMessages') {
    const messages = Array.isArray(body.messages) ? body.messages : []
    return { messages: Object.fromEntries(messages.map((m, i) => [String(i), m])), statusCode: 0 }
  }
  if (ok && operation === 'GetChat') return { chat: 'Chatting', statusCode: 0 }
  if (ok && operation === 'RequestChat') return { id: 42, path: null, statusCode: 0 }
  return { status: isRecord(body) ? body.statusCode : 0 }
}
