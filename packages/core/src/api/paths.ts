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

/** Only a plain server-relative path is followed, so a bad answer cannot send requests to another host. */
export function isSafeResourcePath(path: string): boolean {
  return /^\/[A-Za-z0-9\-._~%/]*$/.test(path) && !path.includes('//') && !path.split('/').includes('..')
}

/**
 * Locate a new chat. With the default `chats` family the `path` that
 * RequestChat returned is honoured (stripped of the base URL's own path
 * prefix, if the server included it).
 */
export function locateChat(
  templates: PathTemplates,
  honourReturnedPath: boolean,
  id: string,
  returnedPath: string | undefined,
  basePathname: string,
): ChatLocation {
  const fill = (template: string) => template.split('{id}').join(encodeURIComponent(id))
  if (honourReturnedPath && returnedPath !== undefined && isSafeResourcePath(returnedPath)) {
    const prefix = basePathname.replace(/\/+$/, '')
    const relative = prefix && returnedPath.startsWith(`${prefix}/`) ? returnedPath.slice(prefix.length) : returnedPath
    const chat = relative.replace(/\/+$/, '')
    return { id, chat, messages: `${chat}/messages` }
  }
  return { id, chat: fill(templates.chat), messages: fill(templates.messages) }
}
