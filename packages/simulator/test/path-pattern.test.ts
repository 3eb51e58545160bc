import { describe, expect, it } from 'vitest'
import { compilePathPattern, MAX_PATTERN_LENGTH, PathPatternError } from '../src/path-pattern.js'
import { QUIET, client, start } from './helpers.js'

const matches = (pattern: string, path: string): boolean => compilePathPattern(pattern).test(path)

describe('path patterns', () => {
  it('match substrings, as before', () => {
    expect(matches('/messages', '/api/v2/chats/a/messages')).toBe(true)
    expect(matches('/messages', '/api/v2/chats/a')).toBe(false)
    // Not a valid pattern on its own terms, but a substring of the path.
    expect(matches('/chats/', '/api/v2/chats/x')).toBe(true)
  })

  it('agree with RegExp on the supported subset', () => {
    const cases: [string, string[]][] = [
      ['^/api/v2/me/chat/[^/]+$', ['/api/v2/me/chat/abc', '/api/v2/me/chat/abc/messages', '/x/api/v2/me/chat/abc', '/api/v2/me/chat/']],
      ['/abc-1(/|$)', ['/api/v2/chats/abc-1', '/api/v2/chats/abc-1/messages', '/api/v2/chats/abc-12']],
      ['chats/\\w+/messages/?$', ['/api/v2/chats/a_1/messages', '/api/v2/chats/a_1/messages/', '/api/v2/chats/a-1/messages']],
      ['^/api/v2/(?:chats|me/chat)/[0-9a-f-]{4,8}$', ['/api/v2/chats/12ab', '/api/v2/me/chat/12ab-cd', '/api/v2/chats/12ab-cdef9', '/api/v2/chats/xyz0']],
      ['a{2}b{0,1}c{1,}', ['aac', 'aabcc', 'abc', 'aaabbc']],
      ['^(a|b)*?c\\.d$', ['ababc.d', 'c.d', 'abcxd', 'abc.d.']],
      ['[\\d\\-.]+x', ['1-2.x', 'abx', '--x']],
      ['^$', ['', '/']],
      ['(|a)b', ['b', 'ab', 'c']],
      ['{x}', ['a{x}b', 'ax']],
    ]
    for (const [pattern, paths] of cases) {
      for (const path of paths) expect(matches(pattern, path), `${pattern} on ${path}`).toBe(path.includes(pattern) || new RegExp(pattern).test(path))
    }
  })

  it('match nested quantifiers without backtracking', () => {
    // With RegExp this takes about 2^40 steps; the automaton does a few thousand.
    const path = `/api/${'a'.repeat(40)}!`
    expect(matches('^/api/(a+)+$', path)).toBe(false)
    expect(matches('^/api/(a+)+$', `/api/${'a'.repeat(40)}`)).toBe(true)
    expect(matches('(a|a)*$', `${'a'.repeat(5_000)}!`)).toBe(true)
    expect(matches('^(a*)*b$', 'a'.repeat(5_000))).toBe(false)
  })

  it('refuses what it cannot match in linear time, and broken or oversized patterns', () => {
    const refused = ['(a)\\1', '(?=a)', '(?!a)', '(?<n>a)', '\\bword', 'a**', '*a', '(a', 'a)', '[a', 'a{101}', 'a{3,2}', '[z-a]', '((a{100}){100})', 'x'.repeat(MAX_PATTERN_LENGTH + 1), '\\']
    for (const pattern of refused) expect(() => compilePathPattern(pattern), pattern).toThrow(PathPatternError)
  })
})

describe('fault rules with path patterns on a running simulator', () => {
  it('stay responsive with a catastrophic-backtracking pattern', async () => {
    const sim = await start({ scenario: QUIET })
    sim.setFaults([{ kind: 'http-error', path: '^/api/(a+)+$' }])
    const c = client(sim)
    // Before the linear matcher this request never got an answer (the event loop was stuck).
    expect((await c.get(`/api/${'a'.repeat(36)}!`)).status).toBe(404)
    expect((await c.get(`/api/${'a'.repeat(36)}`)).status).toBe(503)
    expect((await fetch(`${sim.url}/__sim/health`)).status).toBe(200)
  })
})
