export { startSimulator } from './simulator.js'
export { createSimulatorHandler } from './handler.js'
export { SCENARIOS, SCENARIO_NAMES } from './scenario.js'
export { FAULT_KINDS } from './faults.js'
export { mulberry32 } from './prng.js'
export { parseArgs, type CliOptions } from './cli-args.js'
export type {
  AgentControl,
  AgentScript,
  ChatState,
  ChatView,
  EndedBy,
  EntryType,
  ErrorKind,
  FaultKind,
  FaultRule,
  OperationName,
  ParticipantType,
  QueueScript,
  ReplyScript,
  RequestLogEntry,
  Scenario,
  ScenarioName,
  ScenarioStep,
  ServerEntry,
  Simulator,
  SimulatorControl,
  SimulatorHandler,
  SimulatorHandlerOptions,
  SimulatorOptions,
  TransferScript,
  Visibility,
  WireParticipant,
} from './types.js'
