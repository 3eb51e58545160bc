import { isScenarioName } from './scenario.js'
import type { FaultRule, Scenario, ScenarioName, SimulatorOptions } from './types.js'

export interface CliOptions {
  options: SimulatorOptions
  help: boolean
}

/** Reads a file given its path; injected so the parser stays a pure function in tests. */
export type ReadFile = (path: string) => string

const USAGE = `Usage: gws-chat-simulator [options]

  --port <n>                 port to listen on (default 8080; 0 = random)
  --host <host>              interface to bind (default 127.0.0.1)
  --contact-center-id <id>   accepted ContactCenterId header value (repeatable; default demo)
  --scenario <name|file>     preset (friendly, echo, silent, never, transfer, leaves, push-url) or a JSON file
  --faults <file|json>       fault rules: a JSON file or inline JSON (a rule or an array of rules)
  --seed <n>                 seed for fault probabilities and ids (default 1)
  --time-scale <x>           multiply every duration by x (default 1)
  --allowed-origin <origin>  CORS origin, wildcards allowed (repeatable; default http://localhost:* and http://127.0.0.1:*)
  --control-origin <origin>  a browser origin allowed to use the control API /__sim (repeatable;
                             default none: only tools without Origin and the simulator's own origin)
  --max-body-bytes <n>       largest request body read; larger ones get 413 (default 65536)
  --max-log-entries <n>      request log capacity, oldest dropped first (default 1000)
  --max-log-body-bytes <n>   bodies are kept in the log up to this many bytes (default 4096)
  --max-chats <n>            most chats held at once; RequestChat beyond gets 503 (default 10000)
  --max-entries-per-chat <n> most transcript entries from customer operations per chat (default 10000)
  --participant-id-type <t>  string (default) or number
  --post-variants            also accept POST for GetChat and GetMessages
  --timestamps               add utcTime to transcript entries
  -h, --help                 show this help
`

export function usage(): string {
  return USAGE
}

function number(flag: string, value: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n)) throw new Error(`${flag} expects a number, got "${value}"`)
  return n
}

function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new Error(`${flag}: not valid JSON`)
  }
}

/** Parses CLI arguments (without `node` and the script path) into simulator options. */
export function parseArgs(argv: readonly string[], readFile: ReadFile = () => {
  throw new Error('Reading files is not available here')
}): CliOptions {
  const options: SimulatorOptions = { port: 8080 }
  const contactCenterIds: string[] = []
  const allowedOrigins: string[] = []
  const controlOrigins: string[] = []
  let help = false
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined]
    const value = (): string => {
      if (inline !== undefined) return inline
      const next = argv[++i]
      if (next === undefined) throw new Error(`${flag} expects a value`)
      return next
    }
    switch (flag) {
      case '-h':
      case '--help':
        help = true
        break
      case '--port':
        options.port = number(flag, value())
        break
      case '--host':
        options.host = value()
        break
      case '--contact-center-id':
        contactCenterIds.push(value())
        break
      case '--allowed-origin':
        allowedOrigins.push(value())
        break
      case '--control-origin':
        controlOrigins.push(value())
        break
      case '--max-body-bytes':
        options.maxBodyBytes = number(flag, value())
        break
      case '--max-log-entries':
        options.maxLogEntries = number(flag, value())
        break
      case '--max-log-body-bytes':
        options.maxLogBodyBytes = number(flag, value())
        break
      case '--max-chats':
        options.maxChats = number(flag, value())
        break
      case '--max-entries-per-chat':
        options.maxEntriesPerChat = number(flag, value())
        break
      case '--scenario': {
        const v = value()
        options.scenario = isScenarioName(v) ? (v as ScenarioName) : (parseJson(flag, readFile(v)) as Scenario)
        break
      }
      case '--faults': {
        const v = value()
        const parsed = parseJson(flag, /^\s*[[{]/.test(v) ? v : readFile(v))
        options.faults = (Array.isArray(parsed) ? parsed : [parsed]) as FaultRule[]
        break
      }
      case '--seed':
        options.seed = number(flag, value())
        break
      case '--time-scale':
        options.timeScale = number(flag, value())
        break
      case '--participant-id-type': {
        const v = value()
        if (v !== 'string' && v !== 'number') throw new Error(`${flag} expects string or number`)
        options.participantIdType = v
        break
      }
      case '--post-variants':
        options.postVariants = true
        break
      case '--timestamps':
        options.timestamps = true
        break
      default:
        throw new Error(`Unknown argument "${arg}"`)
    }
  }
  if (contactCenterIds.length > 0) options.contactCenterIds = contactCenterIds
  if (allowedOrigins.length > 0) options.allowedOrigins = allowedOrigins
  if (controlOrigins.length > 0) options.controlOrigins = controlOrigins
  return { options, help }
}
