/**
 * Constructable stylesheets: no `<style>` element and no style attribute, so a strict CSP (`style-src 'self'`, no
 * `'unsafe-inline'`) still gives a styled widget. Where the browser has no constructable stylesheets, nothing is
 * adopted (link `@gws-chat/dom/styles.css` instead).
 */
type Scope = Document | ShadowRoot

const shared = new WeakMap<Document, { sheet: CSSStyleSheet; users: WeakMap<Scope, number> }>()

/** The document or shadow root whose stylesheets apply to `node`, once it is in a tree; else the node's document. */
export function scopeOf(node: Element | ShadowRoot): Scope {
  const root = node.getRootNode()
  const doc = node.ownerDocument
  const ShadowRootOf = doc.defaultView?.ShadowRoot
  return root === doc || (ShadowRootOf !== undefined && root instanceof ShadowRootOf) ? (root as Scope) : doc
}

/** A new constructable stylesheet with `text`, or `null` when the browser has none. */
export function createSheet(doc: Document, text: string): CSSStyleSheet | null {
  const Sheet = doc.defaultView?.CSSStyleSheet
  if (!Sheet || !('adoptedStyleSheets' in doc) || typeof Sheet.prototype.replaceSync !== 'function') return null
  try {
    const sheet = new Sheet()
    sheet.replaceSync(text)
    return sheet
  } catch {
    return null
  }
}

/** Adds `sheet` to the scope's adopted stylesheets; returns the function that takes it out again. */
export function adopt(scope: Scope, sheet: CSSStyleSheet | null): () => void {
  if (!sheet || !Array.isArray(scope.adoptedStyleSheets)) return () => {}
  if (!scope.adoptedStyleSheets.includes(sheet)) scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet]
  return () => {
    if (Array.isArray(scope.adoptedStyleSheets)) scope.adoptedStyleSheets = scope.adoptedStyleSheets.filter((s) => s !== sheet)
  }
}

/**
 * Adopts the document's one copy of `text` into `scope`, counting the widgets that use it there; the returned
 * function takes it out when the last of them goes.
 */
export function adoptShared(scope: Scope, text: string): () => void {
  const doc = scope.ownerDocument ?? (scope as Document)
  let entry = shared.get(doc)
  if (!entry) {
    const sheet = createSheet(doc, text)
    if (!sheet) return () => {}
    entry = { sheet, users: new WeakMap() }
    shared.set(doc, entry)
  }
  const { sheet, users } = entry
  if (!Array.isArray(scope.adoptedStyleSheets)) return () => {}
  users.set(scope, (users.get(scope) ?? 0) + 1)
  const drop = adopt(scope, sheet)
  let done = false
  return () => {
    if (done) return
    done = true
    const left = (users.get(scope) ?? 1) - 1
    users.set(scope, left)
    if (left === 0) drop()
  }
}
