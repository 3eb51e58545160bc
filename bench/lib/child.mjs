import { fork } from 'node:child_process'

/**
 * Starts a script in a child process and waits for the { url } it reports. `child` is the process, for the messages
 * it sends after that; `execArgv` are Node flags for it (e.g. --expose-gc).
 */
export function startChild(script, env = {}, execArgv = []) {
  const child = fork(script, [], { env: { ...process.env, ...env }, execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
    child.once('message', (message) => {
      child.removeAllListeners('exit')
      resolve({
        url: message.url,
        pid: child.pid,
        child,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done()
            child.once('exit', done)
            child.disconnect()
            setTimeout(() => child.kill(), 2000).unref()
          }),
      })
    })
  })
}
