import { adopt, createSheet } from './stylesheet'

/**
 * Keeps the full-screen launcher panel (below 480 px) inside the visual viewport, so the composer stays above an
 * on-screen keyboard: the viewport's height and offset go into `--_vh` and `--_vt` through a constructable stylesheet
 * of this widget's own (a CSSOM rule, not a style attribute, so a strict CSP allows it). Without `visualViewport` or
 * constructable stylesheets the panel keeps `100dvh`. Returns the function that stops following.
 */
export function followVisualViewport(scope: Document | ShadowRoot): () => void {
  const doc = scope.ownerDocument ?? (scope as Document)
  const viewport = doc.defaultView?.visualViewport
  const sheet = viewport ? createSheet(doc, '') : null
  if (!viewport || !sheet) return () => {}
  const update = () => sheet.replaceSync(`.gws-chat{--_vh:${Math.round(viewport.height)}px;--_vt:${Math.round(viewport.offsetTop)}px}`)
  update()
  const drop = adopt(scope, sheet)
  viewport.addEventListener('resize', update)
  viewport.addEventListener('scroll', update)
  return () => {
    viewport.removeEventListener('resize', update)
    viewport.removeEventListener('scroll', update)
    drop()
  }
}
