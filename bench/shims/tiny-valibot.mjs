// What-if stand-in for valibot: the schema kinds core's API schemas use, hand-written, to measure
// what dropping the library for plain validators would save. Same shape: schemas are functions
// (value, path, issues) => output.
const fail = (issues, path, message) => (issues.push({ path: path.map((key) => ({ key })), message }), undefined)
const check = (test, message) => (value, path, issues) => (test(value) ? value : fail(issues, path, message))
export const string = () => check((x) => typeof x === 'string', 'expected a string')
export const number = () => check((x) => typeof x === 'number' && !Number.isNaN(x), 'expected a number')
export const integer = () => check(Number.isInteger, 'expected an integer')
export const minValue = (min) => check((x) => x >= min, `expected >= ${min}`)
export const minLength = (min) => check((x) => x.length >= min, `expected length >= ${min}`)
export const notValue = (not) => check((x) => x !== not, `expected not ${not}`)
export const literal = (lit) => check((x) => x === lit, `expected ${lit}`)
export const transform = (fn) => (value) => fn(value)
export const pipe = (...steps) => (value, path, issues) => {
  for (const step of steps) {
    const before = issues.length
    value = step(value, path, issues)
    if (issues.length > before) return undefined
  }
  return value
}
export const union = (options) => (value, path, issues) => {
  for (const option of options) {
    const local = []
    const out = option(value, path, local)
    if (local.length === 0) return out
  }
  return fail(issues, path, 'no option matched')
}
export const optional = (schema, fallback) => (value, path, issues) =>
  value === undefined ? (typeof fallback === 'function' ? fallback() : fallback) : schema(value, path, issues)
export const array = (item) => (value, path, issues) =>
  Array.isArray(value) ? value.map((x, i) => item(x, [...path, i], issues)) : fail(issues, path, 'expected an array')
export const object = (shape) => (value, path, issues) => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(issues, path, 'expected an object')
  const out = {}
  for (const key of Object.keys(shape)) {
    const result = shape[key](value[key], [...path, key], issues)
    if (result !== undefined) out[key] = result
  }
  return out
}
export const safeParse = (schema, value) => {
  const issues = []
  const output = schema(value, [], issues)
  return issues.length === 0 ? { success: true, output } : { success: false, issues }
}
