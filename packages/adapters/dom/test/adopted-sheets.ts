/**
 * jsdom has constructable stylesheets (`new CSSStyleSheet()`, `replaceSync`) but no `adoptedStyleSheets`: a stand-in
 * that keeps the list per document and shadow root, as browsers do. Returns the function that takes it away again.
 */
export function installAdoptedStyleSheets(): () => void {
  const sheets = new WeakMap<object, CSSStyleSheet[]>()
  const descriptor: PropertyDescriptor = {
    configurable: true,
    get(this: object) {
      return sheets.get(this) ?? []
    },
    set(this: object, value: CSSStyleSheet[]) {
      sheets.set(this, [...value])
    },
  }
  Object.defineProperty(Document.prototype, 'adoptedStyleSheets', descriptor)
  Object.defineProperty(ShadowRoot.prototype, 'adoptedStyleSheets', descriptor)
  return () => {
    delete (Document.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets
    delete (ShadowRoot.prototype as { adoptedStyleSheets?: unknown }).adoptedStyleSheets
  }
}

/** The text of every rule adopted into `scope`. */
export const adoptedCss = (scope: Document | ShadowRoot): string =>
  scope.adoptedStyleSheets.map((sheet) => [...sheet.cssRules].map((rule) => rule.cssText).join('\n')).join('\n')
