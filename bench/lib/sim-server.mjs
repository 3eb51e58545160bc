// The simulator in its own process: startSimulator on a random loopback port, { url } to the parent.
// Options come as JSON in SIM_OPTIONS. The request log is cleared every second so a long run stays flat.
import { startSimulator } from '@gws-chat/simulator'

const options = JSON.parse(process.env.SIM_OPTIONS ?? '{}')
const sim = await startSimulator({ port: 0, host: '127.0.0.1', ...options })
setInterval(() => sim.clearRequests(), 1000).unref()
process.send?.({ url: sim.url })
process.on('disconnect', async () => {
  await sim.close()
  process.exit(0)
})
