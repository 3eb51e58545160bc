import ts from 'typescript'

/**
 * The production build's short implementation names. A machine names its actions, guards, delays and actors in
 * `setup({ … })` and refers to them by string all over its config (`actions: 'queueMessage'`, `guard: and([…])`,
 * `src: 'requestChat'`, `after: { pollSpacing: … }`); minifiers leave strings alone, so every name ships in full,
 * often several times. This pass gives each machine's implementations short names (`a`, `b`, …, per machine and per
 * kind, most-referenced first) and rewrites every reference to them. The development build and the statechart keep
 * the sources as they are, so the Stately inspector shows the full names.
 *
 * It refuses rather than guesses: a reference to a name the machine does not implement, a reference it cannot read
 * (an identifier, a conditional), or implementations it cannot list (a spread, a computed key) fail the build, since
 * a renamed implementation with a stale reference would ship as a transition that silently does nothing.
 *
 * Not renamed: state names and ids, event types, machine, invoke and system ids (snapshots, `children`, the engine
 * and the tests read them), context keys, and the names in `KEEP`, which code outside the machine reads at runtime.
 */

export type Kind = 'actions' | 'guards' | 'delays' | 'actors'
const KINDS: readonly Kind[] = ['actions', 'guards', 'delays', 'actors']

/**
 * Names read at runtime by name, outside the machine that implements them:
 * - every delay: a timer fires as the event `xstate.after.<delay>.<state id>`, which a recording (`record`) keeps and
 *   `replay()` sends again; a recording made with the production build must replay in the development build (and in
 *   a newer release) the same way.
 * - `watchEnvironment`: the chat machine spawns it by name from an action (`spawnChild`, only where there is a page),
 *   a place this pass does not read.
 */
export const KEEP: { readonly [kind in Kind]: 'all' | readonly string[] } = {
  actions: [],
  guards: [],
  delays: 'all',
  actors: ['watchEnvironment'],
}

export interface ShortenOptions {
  /** Names kept as they are (default `KEEP`). */
  keep?: { readonly [kind in Kind]?: 'all' | readonly string[] }
  /**
   * The source of a module this one imports (a relative specifier), or `null` when there is none: a shared config
   * module (one without `setup(`) whose references reach this file's machine is renamed the same way in both.
   */
  readModule?: (specifier: string, fromFile: string) => { fileName: string; source: string } | null
}

export class ShortenNamesError extends Error {
  override name = 'ShortenNamesError'
}

interface Ref {
  kind: Kind
  name: string
  node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.Identifier
}

interface Machine {
  setup: ts.CallExpression
  /** The `createMachine(…)` call on the setup, when there is one. */
  create: ts.CallExpression | null
  /** Per kind: the implementation's name and its key node, in source order. */
  implementations: Map<Kind, Map<string, ts.ObjectLiteralElementLike>>
}

const where = (file: ts.SourceFile, node: ts.Node) => {
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file))
  return `${file.fileName}:${line + 1}:${character + 1}`
}

function fail(file: ts.SourceFile, node: ts.Node, message: string): never {
  throw new ShortenNamesError(`${where(file, node)}: ${message}`)
}

/** `x as const`, `(x)`, `x satisfies T` → `x`. */
const unwrap = (node: ts.Expression): ts.Expression =>
  ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node) ? unwrap(node.expression) : node

const isString = (node: ts.Node): node is ts.StringLiteral | ts.NoSubstitutionTemplateLiteral => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)

const propertyName = (name: ts.PropertyName): string | null =>
  ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name) ? name.text : null

const calleeName = (call: ts.CallExpression): string | null => (ts.isIdentifier(call.expression) ? call.expression.text : null)

const isSetupCall = (node: ts.Node): node is ts.CallExpression =>
  ts.isCallExpression(node) && calleeName(node) === 'setup' && node.arguments.length === 1 && ts.isObjectLiteralExpression(unwrap(node.arguments[0]!))

/** The setup calls of a file, each with its implementations. */
function findMachines(file: ts.SourceFile): Machine[] {
  const machines: Machine[] = []
  const visit = (node: ts.Node): void => {
    if (isSetupCall(node)) {
      const implementations = new Map<Kind, Map<string, ts.ObjectLiteralElementLike>>()
      for (const property of (unwrap(node.arguments[0]!) as ts.ObjectLiteralExpression).properties) {
        if (ts.isSpreadAssignment(property)) fail(file, property, 'a spread in setup() hides its implementations')
        const kind = property.name && propertyName(property.name)
        if (!KINDS.includes(kind as Kind)) continue
        if (!ts.isPropertyAssignment(property) || !ts.isObjectLiteralExpression(unwrap(property.initializer))) {
          fail(file, property, `setup's ${String(kind)} must be an object literal to be renamed`)
        }
        const names = new Map<string, ts.ObjectLiteralElementLike>()
        for (const element of (unwrap((property as ts.PropertyAssignment).initializer) as ts.ObjectLiteralExpression).properties) {
          if (ts.isSpreadAssignment(element)) fail(file, element, `a spread in setup()'s ${String(kind)} hides its implementations`)
          const name = element.name ? propertyName(element.name) : null
          if (name === null) fail(file, element, `an implementation of setup's ${String(kind)} without a plain name`)
          names.set(name!, element)
        }
        implementations.set(kind as Kind, names)
      }
      const access = node.parent
      const create =
        ts.isPropertyAccessExpression(access) && access.name.text === 'createMachine' && ts.isCallExpression(access.parent) && access.parent.expression === access ? access.parent : null
      machines.push({ setup: node, create, implementations })
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return machines
}

/**
 * Every reference to an implementation by name in the file: the values of `actions`, `entry`, `exit`, `guard` and
 * `src`, the keys of `after`, `and`/`or`/`not` guards, `enqueue('…')`, `check('…')`, `spawnChild('…')` and
 * `spawn('…')`. Skips setup's own implementation objects (their keys are the names, not references). Any property
 * of those names in a machine source counts, wherever it is: one that is not a reference (a context key `src`) fails
 * the build rather than being guessed at.
 */
function findRefs(file: ts.SourceFile, machines: readonly Machine[]): Ref[] {
  const refs: Ref[] = []
  const implementationObjects = new Set<ts.Node>()
  for (const machine of machines) {
    for (const property of (unwrap(machine.setup.arguments[0]!) as ts.ObjectLiteralExpression).properties) {
      if (ts.isPropertyAssignment(property) && KINDS.includes(propertyName(property.name) as Kind)) implementationObjects.add(unwrap(property.initializer))
    }
  }
  const named = (kind: Kind, value: ts.Expression, what: string, inline: (node: ts.Expression) => boolean): void => {
    const node = unwrap(value)
    if (isString(node)) {
      refs.push({ kind, name: node.text, node })
    } else if (ts.isArrayLiteralExpression(node) && kind === 'actions') {
      for (const element of node.elements) {
        if (ts.isSpreadElement(element)) fail(file, element, `a spread in ${what}: its names cannot be checked`)
        named(kind, element as ts.Expression, what, inline)
      }
    } else if (ts.isObjectLiteralExpression(node)) {
      // `{ type: 'name', params }`
      const type = node.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && propertyName(p.name) === 'type')
      if (!type || !isString(unwrap(type.initializer))) fail(file, node, `${what}: an object without a string \`type\``)
      named(kind, type!.initializer, what, inline)
    } else if (!inline(node)) {
      fail(file, node, `${what}: cannot tell which implementation this names (use a string literal)`)
    }
  }
  const isFunction = (node: ts.Expression) => ts.isArrowFunction(node) || ts.isFunctionExpression(node)
  const guardRef = (value: ts.Expression, what: string): void =>
    named('guards', value, what, (node) => {
      if (isFunction(node)) return true
      if (!ts.isCallExpression(node)) return false
      const callee = calleeName(node)
      if (callee === 'and' || callee === 'or') {
        const list = node.arguments[0] && unwrap(node.arguments[0])
        if (!list || !ts.isArrayLiteralExpression(list)) fail(file, node, `${callee}() needs an array literal of guards`)
        for (const element of (list as ts.ArrayLiteralExpression).elements) {
          if (ts.isSpreadElement(element)) fail(file, element, `a spread in ${callee}(): its names cannot be checked`)
          guardRef(element as ts.Expression, `${callee}()`)
        }
      } else if (callee === 'not') {
        if (node.arguments.length !== 1) fail(file, node, 'not() takes one guard')
        guardRef(node.arguments[0]!, 'not()')
      }
      // Any other call (`stateIn(…)`) is an inline guard.
      return true
    })
  const actionRef = (value: ts.Expression, what: string): void => named('actions', value, what, (node) => isFunction(node) || ts.isCallExpression(node))

  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && implementationObjects.has(unwrap(node.initializer))) {
      // The implementations' bodies may still name others: `and([…])` guards, `enqueue('…')`, `check('…')`.
      for (const element of (unwrap(node.initializer) as ts.ObjectLiteralExpression).properties) {
        if (ts.isPropertyAssignment(element)) {
          const value = unwrap(element.initializer)
          if (ts.isCallExpression(value) && ['and', 'or', 'not'].includes(calleeName(value) ?? '')) guardRef(value, 'a guard')
          else visit(value)
        } else {
          ts.forEachChild(element, visit)
        }
      }
      return
    }
    if (ts.isPropertyAssignment(node) && ts.isObjectLiteralExpression(node.parent)) {
      const key = propertyName(node.name)
      if (key === 'actions' || key === 'entry' || key === 'exit') {
        actionRef(node.initializer, `\`${key}\``)
        return
      }
      if (key === 'guard') {
        guardRef(node.initializer, '`guard`')
        return
      }
      if (key === 'src') {
        // An identifier or a call is inline logic (`src: fromPromise(…)`), not a name.
        named('actors', node.initializer, '`src`', (value) => ts.isIdentifier(value) || ts.isCallExpression(value) || ts.isPropertyAccessExpression(value))
        return
      }
      if (key === 'after') {
        const delays = unwrap(node.initializer)
        if (!ts.isObjectLiteralExpression(delays)) fail(file, node, '`after` must be an object literal to be renamed')
        for (const element of (delays as ts.ObjectLiteralExpression).properties) {
          if (!ts.isPropertyAssignment(element)) fail(file, element, 'an `after` entry must be `delay: transition`')
          const name = (element as ts.PropertyAssignment).name
          if (ts.isNumericLiteral(name)) {
            // A delay in milliseconds.
          } else if (ts.isIdentifier(name) || ts.isStringLiteral(name)) {
            if (!/^\d+$/.test(name.text)) refs.push({ kind: 'delays', name: name.text, node: name })
          } else {
            fail(file, element, 'an `after` delay must be a plain name or a number')
          }
          visit((element as ts.PropertyAssignment).initializer)
        }
        return
      }
    }
    if (ts.isCallExpression(node)) {
      const callee = calleeName(node)
      const method = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : null
      if ((callee === 'spawnChild' || callee === 'spawn' || method === 'spawnChild') && node.arguments.length > 0 && isString(unwrap(node.arguments[0]!))) {
        named('actors', node.arguments[0]!, `${callee ?? method}()`, () => false)
        for (const rest of node.arguments.slice(1)) visit(rest)
        return
      }
      if ((callee === 'enqueue' || callee === 'check') && node.arguments.length > 0) {
        const first = unwrap(node.arguments[0]!)
        if (isString(first) || ts.isObjectLiteralExpression(first)) {
          if (callee === 'enqueue') actionRef(first, 'enqueue()')
          else guardRef(first, 'check()')
          for (const rest of node.arguments.slice(1)) visit(rest)
          return
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return refs
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'

/** The n-th short name: `a` … `Z`, then `aa`, `ab`, … */
export function shortName(n: number): string {
  let name = ''
  let i = n
  do {
    name = ALPHABET[i % ALPHABET.length] + name
    i = Math.floor(i / ALPHABET.length) - 1
  } while (i >= 0)
  return name
}

const kept = (keep: ShortenOptions['keep'], kind: Kind, name: string) => {
  const list = keep?.[kind]
  return list === 'all' || (list?.includes(name) ?? false)
}

/** Per kind: old name → short name, the most referenced first (then in order of appearance), skipping `taken`. */
function allocate(names: Map<Kind, string[]>, counts: Map<string, number>, taken: Map<Kind, Set<string>>, keep: ShortenOptions['keep']) {
  const mapping = new Map<Kind, Map<string, string>>()
  for (const kind of KINDS) {
    const list = (names.get(kind) ?? []).filter((name) => !kept(keep, kind, name))
    const order = list.map((name, at) => ({ name, at, count: counts.get(`${kind}:${name}`) ?? 0 })).sort((a, b) => b.count - a.count || a.at - b.at)
    const used = new Set([...(taken.get(kind) ?? []), ...(names.get(kind) ?? []).filter((name) => kept(keep, kind, name))])
    const map = new Map<string, string>()
    let n = 0
    for (const { name } of order) {
      while (used.has(shortName(n))) n++
      map.set(name, shortName(n))
      used.add(shortName(n++))
    }
    mapping.set(kind, map)
  }
  return mapping
}

const countRefs = (refs: readonly Ref[]) => {
  const counts = new Map<string, number>()
  for (const ref of refs) counts.set(`${ref.kind}:${ref.name}`, (counts.get(`${ref.kind}:${ref.name}`) ?? 0) + 1)
  return counts
}

interface Shared {
  /** The shared module's names: per kind, old → short. */
  mapping: Map<Kind, Map<string, string>>
  /** Per exported binding: the references it carries. */
  byExport: Map<string, Ref[]>
}

const sharedCache = new Map<string, { source: string; shared: Shared }>()

/** A module of shared config (no `setup(`): its references, named the same way for every machine that imports them. */
function analyseShared(fileName: string, source: string, keep: ShortenOptions['keep']): Shared | null {
  const cached = sharedCache.get(fileName)
  if (cached && cached.source === source && keep === KEEP) return cached.shared
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  if (findMachines(file).length > 0) return null
  const refs = findRefs(file, [])
  if (refs.length === 0) return null
  const byExport = new Map<string, Ref[]>()
  for (const ref of refs) {
    let statement: ts.Node = ref.node
    while (!ts.isSourceFile(statement.parent)) statement = statement.parent
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      fail(file, ref.node, 'a reference in a shared module must be in an exported constant')
    }
    for (const declaration of (statement as ts.VariableStatement).declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name)) continue
      if (ref.node.pos >= declaration.pos && ref.node.end <= declaration.end) byExport.set(declaration.name.text, [...(byExport.get(declaration.name.text) ?? []), ref])
    }
  }
  const names = new Map<Kind, string[]>()
  for (const ref of refs) if (!names.get(ref.kind)?.includes(ref.name)) names.set(ref.kind, [...(names.get(ref.kind) ?? []), ref.name])
  const shared = { mapping: allocate(names, countRefs(refs), new Map(), keep), byExport }
  if (keep === KEEP) sharedCache.set(fileName, { source, shared })
  return shared
}

const literal = (node: Ref['node'], name: string, file: ts.SourceFile) => {
  if (ts.isIdentifier(node)) return name
  const quote = node.getText(file)[0]
  return `${quote}${name}${quote}`
}

/**
 * A machine source with short implementation names (see the top of this file). A source without `setup(` is
 * either unchanged or, if it is a shared config module, has its references renamed as its importers expect.
 */
export function shortenNames(source: string, fileName = 'machine.ts', options: ShortenOptions = {}): string {
  const keep = options.keep ?? KEEP
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const machines = findMachines(file)
  const edits: { start: number; end: number; text: string }[] = []
  const rename = (ref: Ref, to: string) => edits.push({ start: ref.node.getStart(file), end: ref.node.getEnd(), text: literal(ref.node, to, file) })

  if (machines.length === 0) {
    const shared = analyseShared(fileName, source, keep)
    if (!shared) return source
    for (const refs of shared.byExport.values()) for (const ref of refs) if (!kept(keep, ref.kind, ref.name)) rename(ref, shared.mapping.get(ref.kind)!.get(ref.name)!)
    return apply(source, edits)
  }

  const refs = findRefs(file, machines)
  const owner = (ref: Ref): Machine => {
    const inside = machines.filter((m) => ref.node.pos >= m.setup.pos && ref.node.end <= (m.create ?? m.setup).end)
    if (inside.length > 0) return inside[inside.length - 1]!
    if (machines.length === 1) return machines[0]!
    return fail(file, ref.node, 'a reference outside a machine, in a file with several machines: cannot tell whose implementation it names')
  }

  // The shared modules whose references this file's machine takes in (through the bindings it imports).
  const imported: { shared: Shared; refs: Ref[]; from: string }[] = []
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !statement.moduleSpecifier.text.startsWith('.')) continue
    const bindings = statement.importClause?.namedBindings
    if (!bindings || !ts.isNamedImports(bindings) || statement.importClause.isTypeOnly) continue
    const module = options.readModule?.(statement.moduleSpecifier.text, fileName)
    const shared = module && analyseShared(module.fileName, module.source, keep)
    if (!shared) continue
    const taken = bindings.elements.filter((e) => !e.isTypeOnly).flatMap((e) => shared.byExport.get((e.propertyName ?? e.name).text) ?? [])
    if (taken.length > 0) imported.push({ shared, refs: taken, from: statement.moduleSpecifier.text })
  }
  if (imported.length > 1) fail(file, file.statements[0]!, `references from several shared modules (${imported.map((i) => i.from).join(', ')}) are not supported`)
  if (imported.length > 0 && machines.length > 1) fail(file, file.statements[0]!, 'shared references in a file with several machines are not supported')

  for (const machine of machines) {
    const own = refs.filter((ref) => owner(ref) === machine)
    const sharedRefs = imported[0]?.refs ?? []
    const anchor = machine.create ?? machine.setup
    for (const ref of [...own, ...sharedRefs]) {
      if (!machine.implementations.get(ref.kind)?.has(ref.name)) {
        const from = sharedRefs.includes(ref) ? ` (from ${imported[0]!.from})` : ''
        fail(file, sharedRefs.includes(ref) ? anchor : ref.node, `${ref.kind.slice(0, -1)} '${ref.name}'${from} is not among this machine's ${ref.kind}`)
      }
    }
    const shared = imported[0]?.shared.mapping
    const names = new Map<Kind, string[]>()
    const taken = new Map<Kind, Set<string>>()
    const mapping = new Map<Kind, Map<string, string>>()
    for (const kind of KINDS) {
      const all = [...(machine.implementations.get(kind)?.keys() ?? [])]
      const fromShared = shared?.get(kind) ?? new Map<string, string>()
      names.set(kind, all.filter((name) => !fromShared.has(name)))
      taken.set(kind, new Set(fromShared.values()))
    }
    const allocated = allocate(names, countRefs(own), taken, keep)
    for (const kind of KINDS) {
      const map = new Map(allocated.get(kind))
      for (const [name, short] of shared?.get(kind) ?? []) if (machine.implementations.get(kind)?.has(name)) map.set(name, short)
      mapping.set(kind, map)
    }
    for (const [kind, implementations] of machine.implementations) {
      for (const [name, element] of implementations) {
        const to = mapping.get(kind)!.get(name)
        if (to === undefined) continue
        if (ts.isShorthandPropertyAssignment(element)) edits.push({ start: element.getStart(file), end: element.getEnd(), text: `${to}: ${name}` })
        else edits.push({ start: element.name!.getStart(file), end: element.name!.getEnd(), text: to })
      }
    }
    for (const ref of own) {
      const to = mapping.get(ref.kind)!.get(ref.name)
      if (to !== undefined) rename(ref, to)
    }
  }
  return apply(source, edits)
}

function apply(source: string, edits: readonly { start: number; end: number; text: string }[]): string {
  let out = source
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end)
  return out
}
