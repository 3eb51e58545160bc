import type { ApiResponse } from './envelope.js'
import { isRecord } from './http-util.js'
import type { AgentControl, FaultRule, Scenario, ScenarioName, Simulator, Visibility } from './types.js'

/**
 * The control API under `/__sim/`: plain JSON for tests and tools in other processes.
 * Errors are `{ error }` with 400 (bad input), 404 (unknown chat or path) or 409 (not possible now).
 */
export function handleControl(method: string, path: string, body: unknown, sim: Simulator): ApiResponse {
  try {
    return route(method, path.replace(/\/+$/, ''), body, sim)
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, body: { error: error.message } }
    return { status: 400, body: { error: error instanceof Error ? error.message : String(error) } }
  }
}

class ControlError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

function route(method: string, path: string, body: unknown, sim: Simulator): ApiResponse {
  const agentMatch = /^\/__sim\/chats\/([^/]+)\/agent$/.exec(path)
  const chatMatch = /^\/__sim\/chats\/([^/]+)$/.exec(path)
  if (path === '/__sim/health' && method === 'GET') return json({ ok: true, url: sim.url, chats: sim.chats().length })
  if (path === '/__sim/chats' && method === 'GET') return json(sim.chats())
  if (chatMatch?.[1] !== undefined && method === 'GET') {
    const chat = sim.chat(decodeURIComponent(chatMatch[1]))
    if (!chat) throw new ControlError(404, `Unknown chat ${chatMatch[1]}`)
    return json(chat)
  }
  if (agentMatch?.[1] !== undefined && method === 'POST') return agentAction(decodeURIComponent(agentMatch[1]), body, sim)
  if (path === '/__sim/requests') {
    if (method === 'GET') return json(sim.requests)
    if (method === 'DELETE') {
      sim.clearRequests()
      return json({ ok: true })
    }
  }
  if (path === '/__sim/faults') return faults(method, body, sim)
  if (path === '/__sim/scenario' && method === 'PUT') {
    sim.setScenario(scenarioFrom(body))
    return json({ ok: true })
  }
  throw new ControlError(404, `No control route ${method} ${path}`)
}

function json(body: unknown, status = 200): ApiResponse {
  return { status, body }
}

function faults(method: string, body: unknown, sim: Simulator): ApiResponse {
  switch (method) {
    case 'GET':
      return json(sim.faults())
    case 'PUT':
      sim.setFaults(ruleList(body))
      return json(sim.faults())
    case 'POST':
      for (const rule of ruleList(body)) sim.addFault(rule)
      return json(sim.faults())
    case 'DELETE':
      sim.clearFaults()
      return json([])
    default:
      throw new ControlError(404, `No control route ${method} /__sim/faults`)
  }
}

/** Accepts a rule, an array of rules, or `{ rules: [...] }`. */
function ruleList(body: unknown): FaultRule[] {
  if (Array.isArray(body)) return body as FaultRule[]
  if (isRecord(body) && Array.isArray(body.rules)) return body.rules as FaultRule[]
  if (isRecord(body)) return [body as unknown as FaultRule]
  throw new ControlError(400, 'Expected a fault rule, an array of rules or { rules }')
}

/** Accepts `"friendly"`, `{ "scenario": "friendly" | {...} }` or a scenario object. */
function scenarioFrom(body: unknown): ScenarioName | Scenario {
  if (typeof body === 'string') return body as ScenarioName
  if (isRecord(body) && body.scenario !== undefined) return body.scenario as ScenarioName | Scenario
  if (isRecord(body)) return body as Scenario
  throw new ControlError(400, 'Expected a scenario name or object')
}

function agentAction(chatId: string, body: unknown, sim: Simulator): ApiResponse {
  if (!sim.chat(chatId)) throw new ControlError(404, `Unknown chat ${chatId}`)
  if (!isRecord(body) || typeof body.action !== 'string') throw new ControlError(400, 'Expected { action, ... }')
  const agent = sim.agent(chatId)
  try {
    run(agent, body.action, body)
  } catch (error) {
    if (error instanceof ControlError) throw error
    throw new ControlError(409, error instanceof Error ? error.message : String(error))
  }
  return json({ ok: true, chat: sim.chat(chatId) })
}

function str(body: Record<string, unknown>, name: string): string {
  const value = body[name]
  if (typeof value !== 'string') throw new ControlError(400, `"${name}" must be a string`)
  return value
}

function optStr(body: Record<string, unknown>, name: string): string | undefined {
  return body[name] === undefined ? undefined : str(body, name)
}

function run(agent: AgentControl, action: string, body: Record<string, unknown>): void {
  switch (action) {
    case 'join':
      return agent.join(optStr(body, 'nickname'))
    case 'say':
      return agent.say(str(body, 'text'))
    case 'typing':
      return agent.typing(body.on !== false)
    case 'pushUrl':
      return agent.pushUrl(str(body, 'url'))
    case 'notice': {
      const visibility = optStr(body, 'visibility')
      if (visibility !== undefined && visibility !== 'All' && visibility !== 'Agents') {
        throw new ControlError(400, '"visibility" must be "All" or "Agents"')
      }
      return agent.notice(str(body, 'text'), visibility === undefined ? {} : { visibility: visibility as Visibility })
    }
    case 'leave':
      return agent.leave()
    case 'end':
      return agent.end(optStr(body, 'finalText') ?? optStr(body, 'text'))
    case 'transfer':
      return agent.transfer(optStr(body, 'toNickname'))
    default:
      throw new ControlError(400, `Unknown agent action "${action}"`)
  }
}
