import { afterEach, describe, expect, it } from 'vitest'
import { linkify, MAX_LINKS } from '../src/linkify'
import { cleanUp, entry, setup } from './widget'

afterEach(cleanUp)

/** The parts of a text: strings as they are, links as `[href, shown]`. */
const parts = (text: string) => linkify(text, (href, shown) => [href, shown] as const)

describe('linkify', () => {
  it('links http and https addresses and leaves the words around them as text', () => {
    expect(parts('See https://example.com/help?a=1#top or http://example.org for more')).toEqual([
      'See ',
      ['https://example.com/help?a=1#top', 'https://example.com/help?a=1#top'],
      ' or ',
      ['http://example.org/', 'http://example.org'],
      ' for more',
    ])
  })

  it('leaves trailing punctuation and unbalanced brackets out of the address, and keeps balanced ones in', () => {
    expect(parts('Go to https://example.com/a.')).toEqual(['Go to ', ['https://example.com/a', 'https://example.com/a'], '.'])
    expect(parts('(see https://example.com/a), then')).toEqual(['(see ', ['https://example.com/a', 'https://example.com/a'], '), then'])
    expect(parts('https://en.wikipedia.org/wiki/Link_(disambiguation)!?')).toEqual([
      ['https://en.wikipedia.org/wiki/Link_(disambiguation)', 'https://en.wikipedia.org/wiki/Link_(disambiguation)'],
      '!?',
    ])
    expect(parts('"https://example.com/q"')).toEqual(['"', ['https://example.com/q', 'https://example.com/q'], '"'])
  })

  it('never links other schemes, addresses with a user name before the host, or a scheme inside a word', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox', 'file:///etc/passwd', 'ftp://example.com/', 'xhttps://example.com', 'https://bank.example@evil.example/', 'https://', 'http://[::1']) {
      expect(parts(text)).toEqual([text])
    }
    expect(parts('JavaScript:alert(1) https://ok.example')).toEqual(['JavaScript:alert(1) ', ['https://ok.example/', 'https://ok.example']])
  })

  it('ends an address at a quote, so markup in the text cannot become an attribute', () => {
    expect(parts('http://x"onmouseover="alert(1)')).toEqual([['http://x/', 'http://x'], '"onmouseover="alert(1)'])
    expect(parts("http://x'onmouseover=alert(1)")).toEqual([['http://x/', 'http://x'], "'onmouseover=alert(1)"])
    expect(parts('http://x<img src=x onerror=alert(1)>')).toEqual([['http://x/', 'http://x'], '<img src=x onerror=alert(1)>'])
  })

  it('shows the address as the browser opens it when that differs from the text: ASCII host, invisible characters encoded', () => {
    expect(parts('https://bаnk.example/')).toEqual([['https://xn--bnk-6cd.example/', 'https://xn--bnk-6cd.example/']])
    // A right-to-left override ends the address: it is not part of the link.
    expect(parts('https://evil.example/\u202Emoc.knab')).toEqual([['https://evil.example/', 'https://evil.example/'], '\u202Emoc.knab'])
  })

  it('keeps a very long address whole, and takes 10 000 addresses in one message in linear time', () => {
    const long = `https://example.com/${'a'.repeat(50_000)}`
    expect(parts(`${long}.`)).toEqual([[long, long], '.'])
    const closers = `https://example.com/x${')'.repeat(50_000)}`
    const started = performance.now()
    expect(parts(closers)).toEqual([['https://example.com/x', 'https://example.com/x'], ')'.repeat(50_000)])
    const many = Array.from({ length: 10_000 }, (_, i) => `https://e${i}.example/`).join(' ')
    const result = parts(many)
    expect(result.filter((p) => typeof p !== 'string')).toHaveLength(MAX_LINKS)
    expect(result.map((p) => (typeof p === 'string' ? p : p[1])).join('')).toBe(many)
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})

describe('links in messages', () => {
  it('renders each address as a safe link opening in a new tab, the rest as text nodes', () => {
    const ui = setup({ status: 'connected' })
    ui.update({ transcript: [entry(1, 'Text', undefined, { text: 'Try https://example.com/help, or javascript:alert(1) http://x"onmouseover=alert(1)' })] })
    const text = ui.part('text')
    const links = [...text.querySelectorAll('a')]
    expect(links.map((a) => [a.getAttribute('href'), a.textContent, a.target, a.rel])).toEqual([
      ['https://example.com/help', 'https://example.com/help', '_blank', 'noopener noreferrer nofollow'],
      ['http://x/', 'http://x', '_blank', 'noopener noreferrer nofollow'],
    ])
    expect(text.textContent).toBe('Try https://example.com/help, or javascript:alert(1) http://x"onmouseover=alert(1)')
    expect(links.every((a) => a.getAttributeNames().sort().join() === 'href,part,rel,target')).toBe(true)
    expect(text.getAttribute('dir')).toBe('auto')
  })

  it('renders a message with 10 000 addresses whole, the first MAX_LINKS of them as links', () => {
    const ui = setup({ status: 'connected' })
    const many = Array.from({ length: 10_000 }, (_, i) => `https://e${i}.example/`).join(' ')
    ui.update({ transcript: [entry(1, 'Text', undefined, { text: many })] })
    const links = ui.part('text').querySelectorAll('a')
    expect(links).toHaveLength(MAX_LINKS)
    expect(links[MAX_LINKS - 1]!.href).toBe(`https://e${MAX_LINKS - 1}.example/`)
    expect(ui.part('text').textContent).toBe(many)
  })
})
