/**
 * Every failure the engine reports is a plain, serialisable `ChatError`
 * (never an `Error` instance), so it can be stored, compared and sent across tabs.
 */
export type ChatErrorCode =
  /** The server answered with something that is not JSON or does not match the API's schema. */
  | 'invalid_response'
  /** The server answered with a GWS envelope whose `statusCode` is not 0. */
  | 'gws_error'
  /** The server answered with an HTTP error status and no GWS envelope. */
  | 'http_error'
  /** The request did not reach the server, or its answer was lost. */
  | 'network_error'
  /** The server did not answer within the request timeout. */
  | 'timeout'
  /** A command was called with input the engine refuses (for example empty text). */
  | 'invalid_input'
  /** A command was called in a state where it cannot run (for example `send` before `start`). */
  | 'invalid_state'
  /** A message could not be delivered because the chat ended first. */
  | 'chat_ended'
  /**
   * One transcript entry could not be read: with `index`, it is an `Unreadable` placeholder at that index; without,
   * it had no usable index (or one too far ahead) and was left out. The rest of the answer was kept.
   */
  | 'invalid_entry'
  /** The server skipped transcript indices for several answers: a `Missing` placeholder stands for them (`index` is the first). */
  | 'transcript_gap'

export interface ChatError {
  code: ChatErrorCode
  message: string
  /** GWS `statusCode` from the error envelope, when there was one. */
  statusCode?: number
  /** HTTP status of the response, when there was one. */
  httpStatus?: number
  /** The API operation that failed. */
  operation?: string
  /** Milliseconds the server asked the client to wait (`Retry-After`), at most `MAX_RETRY_AFTER_MS`. */
  retryAfterMs?: number
  /** The transcript index an `invalid_entry` or `transcript_gap` is about. */
  index?: number
}

export function chatError(
  code: ChatErrorCode,
  message: string,
  details: Omit<ChatError, 'code' | 'message'> = {},
): ChatError {
  return { code, message, ...details }
}

/** Narrow an unknown thrown value to a `ChatError` produced by the engine. */
export function isChatError(value: unknown): value is ChatError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}

/** GWS statusCode 6: the chat (or another resource) does not exist, or no longer does. */
export const GWS_NOT_FOUND = 6

/** The chat is gone on the server: GWS statusCode 6 or HTTP 404. */
export function isChatGone(error: ChatError): boolean {
  return error.statusCode === GWS_NOT_FOUND || (error.statusCode === undefined && error.httpStatus === 404)
}

/**
 * Errors worth retrying without the user's help: every ambiguous one (the network, timeouts, garbled answers, server
 * faults), rate limits and request timeouts, and GWS's own "retry" codes.
 */
export function isTransient(error: ChatError): boolean {
  const { code, httpStatus = 0, statusCode } = error
  return (
    isAmbiguous(error) ||
    (code === 'http_error' && (httpStatus === 408 || httpStatus === 429)) ||
    // 4 = internal error, 9 = processing incomplete; HTTP 5xx/429 carrying an envelope too.
    (code === 'gws_error' && (statusCode === 4 || statusCode === 9 || httpStatus === 429 || httpStatus >= 500))
  )
}

/**
 * Whether a failed request may still have been applied by the server. GWS
 * guarantees that a request answered with an error envelope changed nothing,
 * so only a lost or unreadable answer is ambiguous.
 */
export function isAmbiguous({ code, httpStatus }: ChatError): boolean {
  return (
    code === 'network_error' ||
    code === 'timeout' ||
    code === 'invalid_response' ||
    (code === 'http_error' && (httpStatus === undefined || httpStatus >= 500))
  )
}
