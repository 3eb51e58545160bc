import { fork } from 'node:child_process'

/** Starts a server script in a child process and waits for the { url } it reports. */
export function startChild(script, env = {}) {
  const child = fork(script, [], { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)))
    child.once('message', (message) => {
      child.removeAllListeners('exit')
      resolve({
        url: message.url,
        pid: child.pid,
        stop: () =>
          new Promise((done) => {
            child.once('exit', done)
            child.disconnect()
            setTimeout(() => child.kill(), 2000).unref()
          }),
      })
    })
  })
}
