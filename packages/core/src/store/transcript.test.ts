import { describe, expect, it } from 'vitest'
import { isWebUrl, webLink } from './transcript'

describe('webLink', () => {
  it('keeps a plain https or http address, as the browser normalises it', () => {
    expect(webLink('https://example.com/help?a=1#top')).toBe('https://example.com/help?a=1#top')
    expect(webLink('http://example.com')).toBe('http://example.com/')
    expect(webLink('HTTPS://Example.COM:443/a b')).toBe('https://example.com/a%20b')
  })

  it('leaves anything but http and https as text', () => {
    expect(webLink('javascript:alert(1)')).toBeNull()
    expect(webLink('JavaScript:alert(1)')).toBeNull()
    expect(webLink('data:text/html,<b>x</b>')).toBeNull()
    expect(webLink('ftp://example.com/file')).toBeNull()
  })

  it('leaves an address that does not parse as text', () => {
    expect(webLink('not a url')).toBeNull()
    expect(webLink('')).toBeNull()
    expect(webLink('https://')).toBeNull()
    expect(webLink('/relative/path')).toBeNull()
  })

  it('leaves an address with a user name or a password in front of the host as text', () => {
    expect(webLink('https://bank.example@evil.example/')).toBeNull()
    expect(webLink('https://bank.example:secret@evil.example/')).toBeNull()
    expect(webLink('https://:secret@evil.example/')).toBeNull()
    // isWebUrl alone says nothing about credentials.
    expect(isWebUrl('https://bank.example@evil.example/')).toBe(true)
  })

  it('shows a look-alike host in ASCII (punycode)', () => {
    // Cyrillic "а" (U+0430) in place of the Latin "a".
    expect(webLink('https://b\u0430nk.example/login')).toBe('https://xn--bnk-6cd.example/login')
  })

  it('percent-encodes a right-to-left override that would show the path backwards', () => {
    expect(webLink('https://evil.example/\u202Emoc.knab')).toBe('https://evil.example/%E2%80%AEmoc.knab')
  })
})
