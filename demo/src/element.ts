import { defineGwsChatElement } from '@gws-chat/dom'

// The API is on this page's own origin, which plain HTML cannot name: set it before the element is defined.
document.querySelector('gws-chat')!.setAttribute('base-url', location.origin)
defineGwsChatElement()
