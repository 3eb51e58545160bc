/** Children are appended as nodes or text nodes: nothing is ever parsed as HTML. */
export type Child = Node | string

/** `h(tag, attributes, ...children)` for one document. No style attribute is ever set (strict CSP). */
export const builder =
  (doc: Document) =>
  <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] => {
    const node = doc.createElement(tag)
    for (const name in attrs) node.setAttribute(name, attrs[name]!)
    node.append(...children)
    return node
  }

export type H = ReturnType<typeof builder>

export const show = (node: Element, visible: boolean) => node.toggleAttribute('hidden', !visible)

export const setText = (node: Node, text: string) => {
  if (node.textContent !== text) node.textContent = text
}
