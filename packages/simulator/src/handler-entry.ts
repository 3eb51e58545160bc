/**
 * `@gws-chat/simulator/handler`: the simulator in process, with nothing from Node, for browsers,
 * service workers and request interceptors such as msw.
 */
export { createSimulatorHandler } from './handler.js'
export { SCENARIOS, SCENARIO_NAMES } from './scenario.js'
export { FAULT_KINDS } from './faults.js'
export type {
  AgentControl,
  ChatView,
  FaultKind,
  FaultRule,
  OperationName,
  RequestLogEntry,
  Scenario,
  ScenarioName,
  SimulatorControl,
  SimulatorHandler,
  SimulatorHandlerOptions,
} from './types.js'
