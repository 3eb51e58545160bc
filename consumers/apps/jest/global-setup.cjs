// Starts the simulator in Jest's parent process (plain Node, outside jsdom); tests read its URL from the environment.
module.exports = async () => {
  const { startSimulator } = require('@gws-chat/simulator')
  globalThis.__gwsSim = await startSimulator({ port: 0, scenario: 'friendly', timeScale: 0.05 })
  process.env.GWS_SIM_URL = globalThis.__gwsSim.url
}
