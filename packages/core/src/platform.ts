/**
 * A page's globals are there (`window` or `document`: a browser, or a DOM in tests such as jsdom). Decides the two
 * things that differ between a page and plain Node: the default HTTP adapter and whether the chat watches the page.
 */
export const hasDom = (): boolean => typeof window !== 'undefined' || typeof document !== 'undefined'
