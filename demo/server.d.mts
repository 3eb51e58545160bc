import type { Simulator, SimulatorOptions } from '@gws-chat/simulator'

export interface DemoServer {
  /** Origin of the pages and of the proxied simulator, with a trailing slash. */
  url: string
  sim: Simulator
  close(): Promise<void>
}

export function startDemo(options?: { port?: number; host?: string; simulator?: SimulatorOptions; dist?: string }): Promise<DemoServer>
