import type { ApiResponse } from './envelope.js'
import { InvalidInputError, MAX_FAULT_RULES, parseAgentAction, parseFaultBody, parseScenarioBody, type AgentAction } from './schemas.js'
import type { AgentControl, SimulatorControl } from './types.js'

/**
 * The control API under `/__sim/`: plain JSON for tests and tools in other processes.
 * Errors are `{ error }` with 400 (bad input), 404 (unknown chat or path) or 409 (not possible now).
 */
export function handleControl(method: string, path: string, body: unknown, sim: SimulatorControl): ApiResponse {
  try {
    return route(method, trimTrailingSlashes(path), body, sim)
  } catch (error) {
    if (error instanceof ControlError) return { status: error.status, body: { error: error.message } }
    if (error instanceof InvalidInputError) return { status: 400, body: { error: error.message } }
    // Anything else is a bug in the simulator, not in the request; it is reported, never fatal.
    return { status: 500, body: { error: error instanceof Error ? error.message : String(error) } }
  }
}

function trimTrailingSlashes(path: string): string {
  let end = path.length
  while (end > 0 && path[end - 1] === '/') end--
  return path.slice(0, end)
}

/** A chat id from the path; an undecodable one cannot name a chat. */
function chatId(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment)
  } catch {
    return undefined
  }
}

class ControlError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

function route(method: string, path: string, body: unknown, sim: SimulatorControl): ApiResponse {
  const agentMatch = /^\/__sim\/chats\/([^/]+)\/agent$/.exec(path)
  const chatMatch = /^\/__sim\/chats\/([^/]+)$/.exec(path)
  if (path === '/__sim/health' && method === 'GET') return json({ ok: true, url: sim.url, chats: sim.chats().length })
  if (path === '/__sim/chats' && method === 'GET') return json(sim.chats())
  if (chatMatch?.[1] !== undefined && method === 'GET') {
    const id = chatId(chatMatch[1])
    const chat = id === undefined ? undefined : sim.chat(id)
    if (!chat) throw new ControlError(404, `Unknown chat ${chatMatch[1]}`)
    return json(chat)
  }
  if (agentMatch?.[1] !== undefined && method === 'POST') return agentAction(chatId(agentMatch[1]) ?? agentMatch[1], body, sim)
  if (path === '/__sim/requests') {
    if (method === 'GET') return json(sim.requests)
    if (method === 'DELETE') {
      sim.clearRequests()
      return json({ ok: true })
    }
  }
  if (path === '/__sim/faults') return faults(method, body, sim)
  if (path === '/__sim/scenario' && method === 'PUT') {
    sim.setScenario(parseScenarioBody(body))
    return json({ ok: true })
  }
  throw new ControlError(404, `No control route ${method} ${path}`)
}

function json(body: unknown, status = 200): ApiResponse {
  return { status, body }
}

function faults(method: string, body: unknown, sim: SimulatorControl): ApiResponse {
  switch (method) {
    case 'GET':
      return json(sim.faults())
    case 'PUT':
      sim.setFaults(parseFaultBody(body))
      return json(sim.faults())
    case 'POST': {
      const rules = parseFaultBody(body)
      // Checked before the first one is added, so a refused request changes nothing.
      if (sim.faults().length + rules.length > MAX_FAULT_RULES) throw new ControlError(400, `At most ${MAX_FAULT_RULES} fault rules are kept at a time`)
      for (const rule of rules) sim.addFault(rule)
      return json(sim.faults())
    }
    case 'DELETE':
      sim.clearFaults()
      return json([])
    default:
      throw new ControlError(404, `No control route ${method} /__sim/faults`)
  }
}

function agentAction(chatId: string, body: unknown, sim: SimulatorControl): ApiResponse {
  if (!sim.chat(chatId)) throw new ControlError(404, `Unknown chat ${chatId}`)
  const action = parseAgentAction(body)
  const agent = sim.agent(chatId)
  try {
    run(agent, action)
  } catch (error) {
    throw new ControlError(409, error instanceof Error ? error.message : String(error))
  }
  return json({ ok: true, chat: sim.chat(chatId) })
}

function run(agent: AgentControl, body: AgentAction): void {
  switch (body.action) {
    case 'join':
      return agent.join(body.nickname)
    case 'say':
      return agent.say(body.text)
    case 'typing':
      return agent.typing(body.on ?? true)
    case 'pushUrl':
      return agent.pushUrl(body.url)
    case 'notice':
      return agent.notice(body.text, body.visibility === undefined ? {} : { visibility: body.visibility })
    case 'leave':
      return agent.leave()
    case 'end':
      return agent.end(body.finalText ?? body.text)
    case 'transfer':
      return agent.transfer(body.toNickname)
  }
}
