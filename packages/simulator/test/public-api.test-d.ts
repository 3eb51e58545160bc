import { expectTypeOf, it } from 'vitest'
import { startSimulator } from '../src/index.js'
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
  SimulatorOptions,
} from '../src/index.js'

it('keeps the public API others code against', () => {
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
