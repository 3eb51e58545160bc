import { expectTypeOf, it } from 'vitest'
import { createSimulatorHandler, startSimulator } from '../src/index.js'
import { createSimulatorHandler as inProcess } from '../src/handler-entry.js'
import type {
  AgentControl,
  ChatView,
  FaultKind,
  FaultRule,
  OperationName,
  RequestLogEntry,
  Scenario,
  ScenarioName,
  ServerEntry,
  Simulator,
  SimulatorHandler,
  SimulatorHandlerOptions,
  SimulatorOptions,
} from '../src/index.js'

it('keeps the public API others code against', () => {
  expectTypeOf(inProcess).toEqualTypeOf(createSimulatorHandler)
  expectTypeOf(createSimulatorHandler).parameter(0).toEqualTypeOf<SimulatorHandlerOptions | undefined>()
  expectTypeOf(createSimulatorHandler).returns.toEqualTypeOf<SimulatorHandler>()
  expectTypeOf<SimulatorHandler['handle']>().toEqualTypeOf<(request: Request) => Promise<Response>>()
  expectTypeOf<SimulatorHandler['waitFor']>().parameters.toEqualTypeOf<[predicate: (sim: SimulatorHandler) => boolean, timeoutMs?: number]>()
  expectTypeOf<SimulatorHandlerOptions>().not.toHaveProperty('port')
  expectTypeOf(startSimulator).parameter(0).toEqualTypeOf<SimulatorOptions | undefined>()
  expectTypeOf(startSimulator).returns.toEqualTypeOf<Promise<Simulator>>()
  expectTypeOf<Simulator['url']>().toEqualTypeOf<string>()
  expectTypeOf<Simulator['port']>().toEqualTypeOf<number>()
  expectTypeOf<Simulator['requests']>().toEqualTypeOf<RequestLogEntry[]>()
  expectTypeOf<Simulator['chat']>().returns.toEqualTypeOf<ChatView | undefined>()
  expectTypeOf<Simulator['agent']>().returns.toEqualTypeOf<AgentControl>()
  expectTypeOf<Simulator['setScenario']>().parameter(0).toEqualTypeOf<ScenarioName | Scenario>()
  expectTypeOf<Simulator['waitFor']>().parameters.toEqualTypeOf<[predicate: (sim: Simulator) => boolean, timeoutMs?: number]>()
  expectTypeOf<ChatView['transcript']>().toEqualTypeOf<ServerEntry[]>()
  expectTypeOf<ChatView['state']>().toEqualTypeOf<'WaitingForAgent' | 'Chatting' | 'Idle'>()
  expectTypeOf<FaultRule['kind']>().toEqualTypeOf<FaultKind>()
  expectTypeOf<RequestLogEntry['operation']>().toEqualTypeOf<OperationName | undefined>()
  expectTypeOf<ScenarioName>().toEqualTypeOf<'friendly' | 'echo' | 'silent' | 'never' | 'transfer' | 'leaves' | 'push-url'>()
  expectTypeOf<SimulatorOptions['participantIdType']>().toEqualTypeOf<'string' | 'number' | undefined>()
  // @ts-expect-error an unknown fault kind is rejected at compile time
  const bad: FaultRule = { kind: 'explode' }
  void bad
})
