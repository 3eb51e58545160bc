// The script-tag build: `dist/gws-chat.browser.js` (ESM) and `dist/gws-chat.iife.js` (the `GwsChat` global), with
// @gws-chat/core and all its dependencies inside. Unlike the package's main entry, loading it registers `<gws-chat>`.
import { defineGwsChatElement, type GwsChatElement as ElementApi } from './element'

export * from './index'
export { createChat } from '@gws-chat/core'
export { persistChat } from '@gws-chat/core/persistence'

/** A `<gws-chat>` element: `HTMLElement` with `.chat` and `.options`. */
export interface GwsChatElement extends ElementApi {}

/**
 * The class registered as `<gws-chat>` when this build loads. If the name is already taken (this build loaded twice,
 * or `defineGwsChatElement()` from the npm entry ran first), nothing is redefined and this is the class already there.
 */
export const GwsChatElement = defineGwsChatElement() as { new (): GwsChatElement; prototype: GwsChatElement }
