import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { shortenNames } from './shorten-names'

/** The machine definitions: the only sources whose `description` properties are state descriptions. */
export const MACHINE_SOURCES = /[\\/]src[\\/](machine[\\/][\w-]+\.machine|machine[\\/]shared-states|tabs[\\/][\w-]+\.machine)\.ts$/

const isText = (node: ts.Expression): boolean =>
  ts.isStringLiteral(node) ||
  ts.isNoSubstitutionTemplateLiteral(node) ||
  ts.isTemplateExpression(node) ||
  ts.isIdentifier(node) ||
  (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken && isText(node.left) && isText(node.right))

/** An object that is the value of a `meta` property: its fields are data, not a state's description. */
const isMeta = (object: ts.ObjectLiteralExpression): boolean =>
  ts.isPropertyAssignment(object.parent) && ts.isIdentifier(object.parent.name) && object.parent.name.text === 'meta'

/**
 * A machine source without its state descriptions: every `description: <text>` property of an object literal (but a `meta` one) is
 * cut out (with its comma), so the production build ships the states without their prose. The statechart generator and
 * the development build read the sources as they are. Returns the source unchanged when it has none.
 */
export function stripDescriptions(source: string, fileName = 'machine.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS)
  const cuts: [number, number][] = []
  const visit = (node: ts.Node): void => {
    if (
      ts.isPropertyAssignment(node) &&
      ts.isObjectLiteralExpression(node.parent) &&
      (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
      node.name.text === 'description' &&
      isText(node.initializer) &&
      !isMeta(node.parent)
    ) {
      const comma = /^\s*,/.exec(source.slice(node.getEnd()))
      cuts.push([node.getStart(file), node.getEnd() + (comma ? comma[0].length : 0)])
      return
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  let out = source
  for (const [start, end] of cuts.reverse()) out = out.slice(0, start) + out.slice(end)
  return out
}

/**
 * An esbuild plugin (tsup's `esbuildPlugins`) for the production builds: the machine sources without their state
 * descriptions and with short implementation names (`shorten-names.ts`). A reference to an implementation a machine
 * lacks fails the build. The development build (`dist/dev/`) loads the sources as they are.
 */
export const stripDescriptionsPlugin = {
  name: 'production-machines',
  setup(build: { onLoad(options: { filter: RegExp }, callback: (args: { path: string }) => Promise<{ contents: string; loader: 'ts' }>): void }) {
    build.onLoad({ filter: MACHINE_SOURCES }, async (args) => {
      const { readFile } = await import('node:fs/promises')
      return { contents: stripDescriptions(shortenNames(await readFile(args.path, 'utf8'), args.path, { readModule: readMachineModule }), args.path), loader: 'ts' }
    })
  },
}

/** A relative import of a machine source, as the plugin loads it too (so a shared module is renamed on both sides). */
export function readMachineModule(specifier: string, fromFile: string): { fileName: string; source: string } | null {
  const fileName = path.resolve(path.dirname(fromFile), /\.ts$/.test(specifier) ? specifier : `${specifier}.ts`)
  return MACHINE_SOURCES.test(fileName) && existsSync(fileName) ? { fileName, source: readFileSync(fileName, 'utf8') } : null
}
