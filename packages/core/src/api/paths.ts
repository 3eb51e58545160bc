import type { PathFamily, PathTemplates } from '../types'

export const PATH_FAMILIES: Record<PathFamily, PathTemplates> = {
  chats: {
    requestChat: '/api/v2/chats',
    chat: '/api/v2/chats/{id}',
    messages: '/api/v2/chats/{id}/messages',
  },
  'me-chat': {
    requestChat: '/api/v2/chats',
    chat: '/api/v2/me/chat/{id}',
    messages: '/api/v2/me/chat/{id}/messages',
  },
}

/** Where one chat lives: the paths (relative to `baseUrl`) of its resource and its transcript. */
export interface ChatLocation {
  id: string
  chat: string
  messages: string
}

export function resolvePathTemplates(option: PathFamily | PathTemplates | undefined): PathTemplates {
  if (option === undefined) return PATH_FAMILIES.chats
  if (typeof option === 'string') {
    const family = PATH_FAMILIES[option]
    if (!family) throw new TypeError(`createChat: unknown "paths" value "${option}" (expected "chats", "me-chat" or path templates)`)
    return family
  }
  for (const key of ['requestChat', 'chat', 'messages'] as const) {
    if (typeof option[key] !== 'string' || !option[key].startsWith('/')) {
      throw new TypeError(`createChat: "paths.${key}" must be a path starting with "/"`)
    }
  }
  return option
}

/** A chat id the engine can put in a path: one segment, not empty, not `.` or `..`, no control characters, at most 512 characters. */
export function isSafeChatId(id: string): boolean {
  // eslint-disable-next-line no-control-regex
  return id.length > 0 && id.length <= 512 && id !== '.' && id !== '..' && !/[\u0000-\u001f\u007f]/.test(id)
}

/**
 * Only a plain server-relative path is followed, so a bad answer cannot send requests to another host or outside
 * the API: unreserved characters and percent escapes only, no empty segment, and no `.` or `..` segment, written
 * plainly or percent-encoded (`%2e%2e`), and no encoded `/` or `\` (which some servers decode into a separator).
 */
export function isSafeResourcePath(path: string): boolean {
  if (!/^\/[A-Za-z0-9\-._~%/]*$/.test(path) || path.length > 2048) return false
  return path
    .slice(1)
    .split('/')
    .every((segment, i, all) => {
      if (segment === '') return i === all.length - 1 && i > 0
      let decoded: string
      try {
        decoded = decodeURIComponent(segment)
      } catch {
        return false
      }
      // `isSafeChatId` refuses `.`, `..` and control characters.
      return !/[/\\]/.test(decoded) && isSafeChatId(decoded)
    })
}

const fill = (template: string, id: string) => template.split('{id}').join(encodeURIComponent(id))

/**
 * A returned `path`, relative to the base URL, if it names one chat resource where the templates put chats: the
 * template's parent (`/api/v2/chats/`) and one safe segment. Anything else is ignored and the templates are used.
 */
function returnedChatPath(templates: PathTemplates, returnedPath: string, basePathname: string): string | null {
  if (!isSafeResourcePath(returnedPath)) return null
  const prefix = basePathname.replace(/\/+$/, '')
  const relative = (prefix && returnedPath.startsWith(`${prefix}/`) ? returnedPath.slice(prefix.length) : returnedPath).replace(/\/+$/, '')
  // The part of the chat template before `{id}`. An empty one leaves all of `relative`, which holds a "/": refused below.
  const parent = templates.chat.slice(0, templates.chat.indexOf('{id}'))
  if (!templates.chat.endsWith('{id}') || !relative.startsWith(parent)) return null
  const segment = relative.slice(parent.length)
  return segment !== '' && !segment.includes('/') ? relative : null
}

/**
 * Locate a new chat. With the default `chats` family the `path` that
 * RequestChat returned is honoured (stripped of the base URL's own path
 * prefix, if the server included it) when it names a chat where the templates put them.
 */
export function locateChat(
  templates: PathTemplates,
  honourReturnedPath: boolean,
  id: string,
  returnedPath: string | undefined,
  basePathname: string,
): ChatLocation {
  const returned = honourReturnedPath && returnedPath !== undefined ? returnedChatPath(templates, returnedPath, basePathname) : null
  if (returned !== null) return { id, chat: returned, messages: `${returned}/messages` }
  return { id, chat: fill(templates.chat, id), messages: fill(templates.messages, id) }
}

/** Whether a location (a restored one) is one this engine could have made: checked like a returned path. */
export function isChatLocation(location: ChatLocation, templates: PathTemplates, honourReturnedPath: boolean, basePathname: string): boolean {
  if (!isSafeChatId(location.id)) return false
  const made = locateChat(templates, honourReturnedPath, location.id, honourReturnedPath ? location.chat : undefined, basePathname)
  return made.chat === location.chat && made.messages === location.messages
}
