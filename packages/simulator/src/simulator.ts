import { createServer, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { delay } from './body.js'
import { createControlGuard } from './control-guard.js'
import { createParts, SimulatorController, type SimulatorParts } from './controller.js'
import { createDispatcher } from './dispatch.js'
import { createRequestListener } from './server.js'
import type { Simulator, SimulatorOptions } from './types.js'

class RunningSimulator extends SimulatorController implements Simulator {
  readonly url: string
  readonly port: number
  readonly #server: Server
  readonly #stalled: Set<Socket>
  #closed: Promise<void> | undefined

  constructor(parts: SimulatorParts, server: Server, stalled: Set<Socket>) {
    super(parts)
    this.#server = server
    this.#stalled = stalled
    this.port = (server.address() as AddressInfo).port
    const host = parts.config.host.includes(':') ? `[${parts.config.host}]` : parts.config.host
    this.url = `http://${host}:${this.port}`
  }

  get closing(): boolean {
    return this.#closed !== undefined
  }

  protected get isClosed(): boolean {
    return this.closing
  }

  close(): Promise<void> {
    this.#closed ??= new Promise<void>((resolve) => {
      this.parts.store.dispose()
      for (const socket of this.#stalled) socket.destroy()
      this.#stalled.clear()
      this.#server.close(() => resolve())
      this.#server.closeAllConnections()
    })
    return this.#closed
  }
}

/** Starts a GWS Customer Chat API simulator on a real HTTP port: a node:http shell around the in-process dispatcher. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const parts = createParts(options)
  const stalled = new Set<Socket>()
  let simulator: RunningSimulator | undefined
  const dispatch = createDispatcher({
    ...parts,
    control: () => simulator as RunningSimulator,
    guard: createControlGuard(parts.config, () => simulator?.port ?? parts.config.port),
    isClosing: () => simulator?.closing ?? false,
    delay,
  })
  const server = createServer(createRequestListener(dispatch, stalled))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(parts.config.port, parts.config.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  simulator = new RunningSimulator(parts, server, stalled)
  return simulator
}
