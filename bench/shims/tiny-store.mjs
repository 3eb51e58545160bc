// What-if stand-in for @xstate/store: the subset core uses (createStore with `context` + `on`,
// `trigger`, `send`, `getSnapshot`, `subscribe`), to measure what a hand-written store would weigh.
export function createStore({ context, on }) {
  let snapshot = { context }
  const listeners = new Set()
  const send = (event) => {
    const handler = on[event.type]
    if (!handler) return
    const next = handler(snapshot.context, event)
    if (next === snapshot.context) return
    snapshot = { context: next }
    listeners.forEach((listener) => listener(snapshot))
  }
  const trigger = {}
  for (const type of Object.keys(on)) trigger[type] = (payload) => send({ ...payload, type })
  return {
    send,
    trigger,
    getSnapshot: () => snapshot,
    subscribe(observer) {
      const listener = typeof observer === 'function' ? observer : (s) => observer.next?.(s)
      listeners.add(listener)
      return { unsubscribe: () => listeners.delete(listener) }
    },
  }
}
