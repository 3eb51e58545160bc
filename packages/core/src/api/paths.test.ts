import { describe, expect, it } from 'vitest'
import { PATH_FAMILIES, locateChat, resolvePathTemplates } from './paths'

describe('paths', () => {
  it('follows the path RequestChat returns, relative to the base URL', () => {
    expect(locateChat(PATH_FAMILIES.chats, true, 'abc', '/api/v2/chats/abc', '/')).toEqual({
      id: 'abc',
      chat: '/api/v2/chats/abc',
      messages: '/api/v2/chats/abc/messages',
    })
    expect(locateChat(PATH_FAMILIES.chats, true, 'abc', '/gws/api/v2/chats/abc', '/gws')).toMatchObject({ chat: '/api/v2/chats/abc' })
  })

  it('ignores a returned path that could lead elsewhere, and encodes ids', () => {
    for (const bad of ['//evil.example/x', 'https://evil.example/x', '/api/../admin', '/api/v2/chats/x?y']) {
      expect(locateChat(PATH_FAMILIES.chats, true, 'a b', bad, '/').chat).toBe('/api/v2/chats/a%20b')
    }
  })

  it('uses /api/v2/me/chat/{id} for the me-chat family, whatever RequestChat returns', () => {
    expect(locateChat(resolvePathTemplates('me-chat'), false, 'abc', '/api/v2/chats/abc', '/')).toEqual({
      id: 'abc',
      chat: '/api/v2/me/chat/abc',
      messages: '/api/v2/me/chat/abc/messages',
    })
  })

  it('accepts custom templates and refuses malformed ones', () => {
    const custom = { requestChat: '/x/chats', chat: '/x/chats/{id}', messages: '/x/chats/{id}/log' }
    expect(locateChat(resolvePathTemplates(custom), false, 'q', undefined, '/').messages).toBe('/x/chats/q/log')
    expect(() => resolvePathTemplates({ ...custom, chat: 'x/{id}' })).toThrow('"paths.chat" must be a path starting with "/"')
    expect(() => resolvePathTemplates('agent' as never)).toThrow('unknown "paths" value "agent"')
  })
})
