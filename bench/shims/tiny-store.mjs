// What-if stand-in for @xstate/store: the subset core uses (`createAtom` with a value: get, set, subscribe; with a
// function: a read-only derived atom, for `store.select`), to measure what a hand-written store would weigh.
// Derived atoms recompute on any write (no dependency tracking): enough for the one store core keeps.
const writes = new Set()

export function createAtom(valueOrGetter, options) {
  const compare = options?.compare ?? Object.is
  const derived = typeof valueOrGetter === 'function'
  let value = derived ? valueOrGetter() : valueOrGetter
  const listeners = new Set()
  const notify = () => listeners.forEach((listener) => listener(value))
  const update = (next) => {
    if (compare(value, next)) return
    value = next
    notify()
  }
  if (derived) writes.add(() => update(valueOrGetter()))
  return {
    get: () => (derived ? valueOrGetter() : value),
    set(next) {
      update(typeof next === 'function' ? next(value) : next)
      writes.forEach((write) => write())
    },
    subscribe(observer) {
      const listener = typeof observer === 'function' ? observer : (v) => observer.next?.(v)
      listeners.add(listener)
      return { unsubscribe: () => listeners.delete(listener) }
    },
  }
}
