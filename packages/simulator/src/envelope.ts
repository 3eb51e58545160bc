import type { ResolvedConfig } from './config.js'
import type { ErrorKind } from './types.js'

/** GWS return values used by the simulator (statusCode table of the Web Services API). */
export const StatusCode = {
  ok: 0,
  missingParameter: 1,
  invalidState: 2,
  forbidden: 3,
  notFound: 6,
  notAuthenticated: 20,
} as const

const CODE_OF: Record<ErrorKind, number> = {
  notFound: StatusCode.notFound,
  missingParameter: StatusCode.missingParameter,
  invalidState: StatusCode.invalidState,
  notAuthenticated: StatusCode.notAuthenticated,
  forbidden: StatusCode.forbidden,
}

/** What a handler answers; the server turns it into bytes (or mangles it when a fault says so). */
export interface ApiResponse {
  status: number
  body: unknown
  headers?: Record<string, string>
}

/** A failed request: `{ statusCode, statusMessage }` and nothing else, as GWS documents. */
export class ApiError extends Error {
  readonly kind: ErrorKind
  readonly httpStatus: number | undefined

  constructor(kind: ErrorKind, message: string, httpStatus?: number) {
    super(message)
    this.kind = kind
    this.httpStatus = httpStatus
  }

  toResponse(config: ResolvedConfig): ApiResponse {
    return {
      status: this.httpStatus ?? config.errorHttpStatus[this.kind],
      body: { statusCode: CODE_OF[this.kind], statusMessage: this.message },
    }
  }
}

export function ok(body: Record<string, unknown> = {}): ApiResponse {
  return { status: 200, body: { ...body, statusCode: StatusCode.ok } }
}
