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
  controlOrigins: string[]
  maxBodyBytes: number
  maxLogEntries: number
  maxLogBodyBytes: number
  maxChats: number
  maxEntriesPerChat: number
}

export const DEFAULT_ALLOWED_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*']

export const LIMIT_DEFAULTS = {
  maxBodyBytes: 65_536,
  maxLogEntries: 1_000,
  maxLogBodyBytes: 4_096,
  maxChats: 10_000,
  maxEntriesPerChat: 10_000,
} as const

type LimitName = keyof typeof LIMIT_DEFAULTS

const LIMIT_MINIMUM: Record<LimitName, number> = { maxBodyBytes: 0, maxLogEntries: 0, maxLogBodyBytes: 0, maxChats: 1, maxEntriesPerChat: 1 }

function limit(options: SimulatorOptions, name: LimitName): number {
  const value = options[name] ?? LIMIT_DEFAULTS[name]
  if (!Number.isSafeInteger(value) || value < LIMIT_MINIMUM[name]) {
    throw new RangeError(`${name} must be an integer >= ${LIMIT_MINIMUM[name]}, got ${String(value)}`)
  }
  return value
}

function origins(name: string, value: unknown, fallback: string[]): string[] {
  if (value === undefined) return fallback
  if (!Array.isArray(value) || !value.every((o) => typeof o === 'string' && o !== '')) throw new TypeError(`${name} must be an array of origins`)
  return [...(value as string[])]
}

export function resolveConfig(options: SimulatorOptions): ResolvedConfig {
  const timeScale = options.timeScale ?? 1
  if (!(timeScale >= 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a finite number >= 0, got ${timeScale}`)
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    contactCenterIds: options.contactCenterIds ?? ['demo'],
    allowedOrigins: origins('allowedOrigins', options.allowedOrigins, DEFAULT_ALLOWED_ORIGINS),
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
    controlOrigins: origins('controlOrigins', options.controlOrigins, []),
    maxBodyBytes: limit(options, 'maxBodyBytes'),
    maxLogEntries: limit(options, 'maxLogEntries'),
    maxLogBodyBytes: limit(options, 'maxLogBodyBytes'),
    maxChats: limit(options, 'maxChats'),
    maxEntriesPerChat: limit(options, 'maxEntriesPerChat'),
  }
}
