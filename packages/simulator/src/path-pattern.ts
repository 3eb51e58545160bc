/**
 * Fault `path` patterns: a substring of the request path, or a pattern in a subset of regular
 * expression syntax, matched by a Thompson automaton (every state is stepped once per character).
 * Matching costs at most (path length + 1) × (pattern states), whatever the pattern: nested
 * quantifiers such as `^/api/(a+)+$` cannot backtrack, because nothing backtracks.
 *
 * Supported: literals, `\` escapes of punctuation, `\d \w \s \D \W \S`, `.`, classes `[a-z]` and
 * `[^/]`, groups `( )` and `(?: )`, `|`, `* + ?` (a trailing `?` for lazy is accepted and changes
 * nothing, since only "does it match" is asked), `{n}`, `{n,}`, `{n,m}` with n, m ≤ 100, and the
 * anchors `^` and `$`. Refused: backreferences, lookaround, named groups, `\b` and other escapes
 * of letters, and patterns longer than MAX_PATTERN_LENGTH or larger than MAX_STATES once expanded.
 */

export const MAX_PATTERN_LENGTH = 256
const MAX_STATES = 2_000
const MAX_COUNT = 100

export class PathPatternError extends Error {}

type CharTest = (c: number) => boolean

type Ast =
  | { t: 'char'; test: CharTest }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'seq'; items: Ast[] }
  | { t: 'alt'; options: Ast[] }
  | { t: 'repeat'; sub: Ast; min: number; max: number }

type State =
  | { t: 'char'; test: CharTest; out: number }
  | { t: 'split'; out: number; out2: number }
  | { t: 'eps'; out: number }
  | { t: 'bol'; out: number }
  | { t: 'eol'; out: number }
  | { t: 'match' }

type Hole = { state: number; field: 'out' | 'out2' }
type Fragment = { start: number; holes: Hole[] }

/** A compiled pattern: `test(path)` is true when the path contains the pattern or a match of it. */
export interface PathMatcher {
  readonly source: string
  test(path: string): boolean
}

/** Compiles a fault path pattern; throws PathPatternError with a readable reason when refused. */
export function compilePathPattern(source: string): PathMatcher {
  if (source.length > MAX_PATTERN_LENGTH) throw new PathPatternError(`is longer than ${MAX_PATTERN_LENGTH} characters`)
  const ast = new Parser(source).parse()
  const states = compile(ast)
  return {
    source,
    // A plain substring still matches as before, also when it means something else as a pattern.
    test: (path) => path.includes(source) || run(states, path),
  }
}

// ---------------------------------------------------------------------------------------------
// Parsing

const code = (s: string): number => s.charCodeAt(0)
const isDigit: CharTest = (c) => c >= 48 && c <= 57
const isWord: CharTest = (c) => isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
const isSpace: CharTest = (c) => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029
const ANY: CharTest = () => true

const CLASS_ESCAPES: Record<string, CharTest> = {
  d: isDigit,
  w: isWord,
  s: isSpace,
  D: (c) => !isDigit(c),
  W: (c) => !isWord(c),
  S: (c) => !isSpace(c),
}

class Parser {
  readonly #src: string
  #pos = 0

  constructor(src: string) {
    this.#src = src
  }

  parse(): Ast {
    const ast = this.#alternation()
    if (this.#pos < this.#src.length) this.#fail(`unexpected "${this.#src[this.#pos]}"`)
    return ast
  }

  #fail(reason: string): never {
    throw new PathPatternError(`${reason} at position ${this.#pos}`)
  }

  #peek(): string | undefined {
    return this.#src[this.#pos]
  }

  #alternation(): Ast {
    const options = [this.#sequence()]
    while (this.#peek() === '|') {
      this.#pos++
      options.push(this.#sequence())
    }
    return options.length === 1 ? (options[0] as Ast) : { t: 'alt', options }
  }

  #sequence(): Ast {
    const items: Ast[] = []
    for (let c = this.#peek(); c !== undefined && c !== '|' && c !== ')'; c = this.#peek()) {
      items.push(this.#quantified())
    }
    return items.length === 1 ? (items[0] as Ast) : { t: 'seq', items }
  }

  #quantified(): Ast {
    const atom = this.#atom()
    const bounds = this.#quantifier()
    if (bounds === undefined) return atom
    if (atom.t === 'bol' || atom.t === 'eol') this.#fail('nothing to repeat')
    if (this.#peek() === '?') this.#pos++ // lazy: the same set of matches
    if (this.#quantifierAhead()) this.#fail('nothing to repeat')
    return { t: 'repeat', sub: atom, min: bounds.min, max: bounds.max }
  }

  #quantifierAhead(): boolean {
    const c = this.#peek()
    return c === '*' || c === '+' || c === '?' || (c === '{' && this.#counted(false) !== undefined)
  }

  #quantifier(): { min: number; max: number } | undefined {
    switch (this.#peek()) {
      case '*':
        this.#pos++
        return { min: 0, max: Infinity }
      case '+':
        this.#pos++
        return { min: 1, max: Infinity }
      case '?':
        this.#pos++
        return { min: 0, max: 1 }
      case '{':
        return this.#counted(true)
      default:
        return undefined
    }
  }

  /** `{n}`, `{n,}` or `{n,m}`; anything else after `{` is a literal brace. */
  #counted(consume: boolean): { min: number; max: number } | undefined {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.#src.slice(this.#pos))
    if (!match) return undefined
    const min = Number(match[1])
    const max = match[2] === undefined ? min : match[3] === '' ? Infinity : Number(match[3])
    if (!consume) return { min, max }
    if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) this.#fail(`repetition counts above ${MAX_COUNT} are not supported`)
    if (max < min) this.#fail('repetition range out of order')
    this.#pos += match[0].length
    return { min, max }
  }

  #atom(): Ast {
    const c = this.#src[this.#pos++] as string
    switch (c) {
      case '(':
        return this.#group()
      case '[':
        return { t: 'char', test: this.#class() }
      case '.':
        return { t: 'char', test: ANY }
      case '^':
        return { t: 'bol' }
      case '$':
        return { t: 'eol' }
      case '\\':
        return { t: 'char', test: this.#escape(false) }
      case '*':
      case '+':
      case '?':
        this.#pos--
        return this.#fail('nothing to repeat')
      case '{':
        this.#pos--
        if (this.#counted(false) !== undefined) this.#fail('nothing to repeat')
        this.#pos++
        return literal(c)
      default:
        return literal(c)
    }
  }

  #group(): Ast {
    if (this.#peek() === '?') {
      if (this.#src[this.#pos + 1] !== ':') this.#fail('lookaround and named groups are not supported')
      this.#pos += 2
    }
    const inner = this.#alternation()
    if (this.#peek() !== ')') this.#fail('missing ")"')
    this.#pos++
    return inner
  }

  #escape(inClass: boolean): CharTest {
    const c = this.#src[this.#pos++]
    if (c === undefined) return this.#fail('"\\" at the end of the pattern')
    const cls = CLASS_ESCAPES[c]
    if (cls) return cls
    if (/[A-Za-z0-9]/.test(c)) {
      if (inClass && c === 'b') return (x) => x === 8
      this.#pos--
      return this.#fail(`the escape "\\${c}" is not supported`)
    }
    return literal(c).test
  }

  /** After `[`: ranges, single characters and class escapes, optionally negated with `^`. */
  #class(): CharTest {
    const negate = this.#peek() === '^'
    if (negate) this.#pos++
    const parts: CharTest[] = []
    let first = true
    for (;;) {
      const c = this.#peek()
      if (c === undefined) this.#fail('missing "]"')
      if (c === ']' && !first) break
      first = false
      const low = this.#classChar()
      if (this.#peek() === '-' && this.#src[this.#pos + 1] !== ']' && this.#src[this.#pos + 1] !== undefined && typeof low === 'number') {
        this.#pos++
        const high = this.#classChar()
        if (typeof high !== 'number') this.#fail('a range cannot end in a class escape')
        if (high < low) this.#fail('class range out of order')
        parts.push((x) => x >= low && x <= high)
      } else {
        parts.push(typeof low === 'number' ? (x) => x === low : low)
      }
    }
    this.#pos++
    return negate ? (x) => !parts.some((p) => p(x)) : (x) => parts.some((p) => p(x))
  }

  /** One class member: a character code, or a test for `\d` and the like. */
  #classChar(): number | CharTest {
    const c = this.#src[this.#pos++] as string
    if (c !== '\\') return code(c)
    const next = this.#peek()
    if (next !== undefined && !(next in CLASS_ESCAPES) && !/[A-Za-z0-9]/.test(next)) {
      this.#pos++
      return code(next)
    }
    if (next === 'b') {
      this.#pos++
      return 8
    }
    return this.#escape(true)
  }
}

function literal(c: string): { t: 'char'; test: CharTest } {
  const wanted = code(c)
  return { t: 'char', test: (x) => x === wanted }
}

// ---------------------------------------------------------------------------------------------
// Thompson construction

function compile(ast: Ast): State[] {
  const states: State[] = []
  const add = (state: State): number => {
    if (states.length >= MAX_STATES) throw new PathPatternError(`expands to more than ${MAX_STATES} states`)
    states.push(state)
    return states.length - 1
  }
  const patch = (holes: Hole[], target: number): void => {
    for (const { state, field } of holes) (states[state] as Record<Hole['field'], number>)[field] = target
  }
  const build = (node: Ast): Fragment => {
    switch (node.t) {
      case 'char':
      case 'bol':
      case 'eol': {
        const id = add(node.t === 'char' ? { t: 'char', test: node.test, out: -1 } : { t: node.t, out: -1 })
        return { start: id, holes: [{ state: id, field: 'out' }] }
      }
      case 'seq': {
        if (node.items.length === 0) {
          const id = add({ t: 'eps', out: -1 })
          return { start: id, holes: [{ state: id, field: 'out' }] }
        }
        const parts = node.items.map(build)
        for (let i = 1; i < parts.length; i++) patch((parts[i - 1] as Fragment).holes, (parts[i] as Fragment).start)
        return { start: (parts[0] as Fragment).start, holes: (parts.at(-1) as Fragment).holes }
      }
      case 'alt': {
        const parts = node.options.map(build)
        let start = (parts.at(-1) as Fragment).start
        for (let i = parts.length - 2; i >= 0; i--) start = add({ t: 'split', out: (parts[i] as Fragment).start, out2: start })
        return { start, holes: parts.flatMap((p) => p.holes) }
      }
      case 'repeat': {
        const pieces: Fragment[] = []
        for (let i = 0; i < node.min; i++) pieces.push(build(node.sub))
        if (node.max === Infinity) {
          const sub = build(node.sub)
          const loop = add({ t: 'split', out: sub.start, out2: -1 })
          patch(sub.holes, loop)
          pieces.push({ start: loop, holes: [{ state: loop, field: 'out2' }] })
        } else {
          for (let i = node.min; i < node.max; i++) {
            const sub = build(node.sub)
            const maybe = add({ t: 'split', out: sub.start, out2: -1 })
            pieces.push({ start: maybe, holes: [...sub.holes, { state: maybe, field: 'out2' }] })
          }
        }
        if (pieces.length === 0) {
          const id = add({ t: 'eps', out: -1 })
          return { start: id, holes: [{ state: id, field: 'out' }] }
        }
        for (let i = 1; i < pieces.length; i++) patch((pieces[i - 1] as Fragment).holes, (pieces[i] as Fragment).start)
        return { start: (pieces[0] as Fragment).start, holes: (pieces.at(-1) as Fragment).holes }
      }
    }
  }
  const fragment = build(ast)
  const match = add({ t: 'match' })
  patch(fragment.holes, match)
  // The start state is pushed last so `run` can find it.
  states.push({ t: 'eps', out: fragment.start })
  return states
}

// ---------------------------------------------------------------------------------------------
// Simulation

/** True when some substring of `text` matches; each state is visited at most once per position. */
function run(states: State[], text: string): boolean {
  const start = states.length - 1
  const seen = new Int32Array(states.length).fill(-1)
  let current: number[] = []
  let next: number[] = []
  const stack: number[] = []
  // Follows epsilon moves from `id` at position `pos`; returns true on reaching the match state.
  const close = (id: number, pos: number, into: number[]): boolean => {
    stack.push(id)
    while (stack.length > 0) {
      const s = stack.pop() as number
      if (seen[s] === pos) continue
      seen[s] = pos
      const state = states[s] as State
      switch (state.t) {
        case 'match':
          stack.length = 0
          return true
        case 'char':
          into.push(s)
          break
        case 'eps':
          stack.push(state.out)
          break
        case 'split':
          stack.push(state.out2, state.out)
          break
        case 'bol':
          if (pos === 0) stack.push(state.out)
          break
        case 'eol':
          if (pos === text.length) stack.push(state.out)
          break
      }
    }
    return false
  }
  for (let pos = 0; ; pos++) {
    // Unanchored search: a match may start at any position.
    if (close(start, pos, current)) return true
    if (pos === text.length) return false
    const c = text.charCodeAt(pos)
    for (const s of current) {
      const state = states[s] as Extract<State, { t: 'char' }>
      if (state.test(c) && close(state.out, pos + 1, next)) return true
    }
    ;[current, next] = [next, current]
    next.length = 0
  }
}
