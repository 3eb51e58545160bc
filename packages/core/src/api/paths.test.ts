import { describe, expect, it } from 'vitest'
import { PATH_FAMILIES, isChatLocation, isSafeChatId, isSafeResourcePath, locateChat, resolvePathTemplates } from './paths'

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

  it.each([
    '/api/v2/chats/%2e%2e/%2e%2e/admin',
    '/api/v2/chats/%2E%2E',
    '/api/v2/chats/.%2e',
    '/api/v2/chats/%2e',
    '/api/v2/chats/./x',
    '/api/v2/chats/a%2fb',
    '/api/v2/chats/a%5cb',
    '/api/v2/chats/a%00b',
    '/api/v2/chats/%zz',
    '/api/v2//chats/x',
    '/api/v2/chats/x\\y',
    '/admin/delete',
    '/api/v2/chats',
    '/api/v2/chats/x/messages',
    '/api/v2/chatsx',
  ])('never follows the returned path %s outside one chat resource', (bad) => {
    expect(locateChat(PATH_FAMILIES.chats, true, 'abc', bad, '/').chat).toBe('/api/v2/chats/abc')
  })

  it('keeps the chat id one encoded path segment, and refuses ids that cannot be one', () => {
    for (const id of ['', '.', '..', 'a\u0000b', 'x'.repeat(513)]) expect(isSafeChatId(id), JSON.stringify(id)).toBe(false)
    for (const id of ['abc', 'a/b', '%2e%2e', '...', 'a b']) expect(isSafeChatId(id)).toBe(true)
    expect(locateChat(PATH_FAMILIES.chats, false, 'a/../b', undefined, '/').chat).toBe('/api/v2/chats/a%2F..%2Fb')
    expect(locateChat(PATH_FAMILIES.chats, false, '%2e%2e', undefined, '/').chat).toBe('/api/v2/chats/%252e%252e')
    expect(isSafeResourcePath('/api/v2/chats/a%2F..%2Fb'), 'an id with an encoded slash is not followed back as a path').toBe(false)
  })

  it('checks a restored location the same way', () => {
    const templates = PATH_FAMILIES.chats
    const good = locateChat(templates, true, 'abc', undefined, '/')
    expect(isChatLocation(good, templates, true, '/')).toBe(true)
    expect(isChatLocation({ ...good, chat: '/api/v2/chats/%2e%2e' }, templates, true, '/')).toBe(false)
    expect(isChatLocation({ ...good, messages: '/admin/messages' }, templates, true, '/')).toBe(false)
    expect(isChatLocation({ ...good, id: '..', chat: '/api/v2/chats/..', messages: '/api/v2/chats/../messages' }, templates, true, '/')).toBe(false)
    expect(isChatLocation({ id: 'abc', chat: '/api/v2/chats/other', messages: '/api/v2/chats/other/messages' }, templates, true, '/'), 'a returned path may name the chat differently').toBe(true)
    expect(isChatLocation({ id: 'abc', chat: '/api/v2/chats/other', messages: '/api/v2/chats/other/messages' }, PATH_FAMILIES['me-chat'], false, '/')).toBe(false)
  })
})
