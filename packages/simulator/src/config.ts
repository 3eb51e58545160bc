import type { ErrorKind, SimulatorOptions } from './types.js'

/** Options with every default filled in; durations here are already multiplied by `timeScale`. */
export interface ResolvedConfig {
  port: number
  host: string
  contactCenterIds: string[]
  allowedOrigins: string[]
  seed: number
  timeScale: number
  participantIdType: 'string' | 'number'
  errorHttpStatus: Record<ErrorKind, number>
  disconnectTimeoutMs: number
  idleAlertMs: number
  idleCloseMs: number
  capabilitiesAfterEnd: 'none' | 'complete-only'
  postVariants: boolean
  timestamps: boolean
}

export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*']

export function resolveConfig(options: SimulatorOptions): ResolvedConfig {
  const timeScale = options.timeScale ?? 1
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a finite number >= 0, got ${timeScale}`)
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    contactCenterIds: options.contactCenterIds ?? ['demo'],
    allowedOrigins: options.allowedOrigins ?? DEFAULT_ALLOWED_ORIGINS,
    seed: options.seed ?? 1,
    timeScale,
    participantIdType: options.participantIdType ?? 'string',
    errorHttpStatus: {
      notFound: 404,
      missingParameter: 400,
      invalidState: 400,
      notAuthenticated: 401,
      forbidden: 403,
      ...options.errorHttpStatus,
    },
    disconnectTimeoutMs: (options.disconnectTimeoutMs ?? 45_000) * timeScale,
    idleAlertMs: (options.idleAlertMs ?? 255_000) * timeScale,
    idleCloseMs: (options.idleCloseMs ?? 45_000) * timeScale,
    capabilitiesAfterEnd: options.capabilitiesAfterEnd ?? 'none',
    postVariants: options.postVariants ?? false,
    timestamps: options.timestamps ?? false,
  }
}
