import { webLink } from '@gws-chat/core'

/** An `http(s)://` address in running text, up to the next space or character that cannot be in one unescaped. */
const CANDIDATE = /\bhttps?:\/\/[^\s<>"'`\u0000-\u001f\u007f\u00a0\u2000-\u200f\u2028-\u202f\u2066-\u2069]+/gi
/** Punctuation that ends a sentence more often than a URL. */
const TRAILING = new Set('.,;:!?\'"*_~')
/** Links per text at most: a message with thousands of addresses is spam, and the rest of it stays plain text. */
export const MAX_LINKS = 200
const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' }

/** A candidate without what follows the URL in the sentence: trailing punctuation and unbalanced closing brackets. */
function trim(candidate: string): string {
  const count: Record<string, number> = {}
  for (const char of candidate) if ('()[]{}'.includes(char)) count[char] = (count[char] ?? 0) + 1
  let end = candidate.length
  while (end > 0) {
    const char = candidate[end - 1]!
    const opener = OPENER[char]
    if (TRAILING.has(char)) end--
    else if (opener && (count[opener] ?? 0) < count[char]!) {
      count[char]!--
      end--
    } else break
  }
  return candidate.slice(0, end)
}

/**
 * Split `text` into plain strings and links: each `http:` or `https:` address becomes `link(href, shown)`, everything
 * else (other schemes, addresses with a user name before the host) stays text. `href` is the address as the browser
 * opens it (`webLink`); `shown` is the text as written when that is the same address, else `href`, so a link always
 * shows what it opens. After `MAX_LINKS` links the rest of the text stays text.
 */
export function linkify<T>(text: string, link: (href: string, shown: string) => T): (string | T)[] {
  const parts: (string | T)[] = []
  let last = 0
  let links = 0
  for (const match of text.matchAll(CANDIDATE)) {
    if (links === MAX_LINKS) break
    const url = trim(match[0])
    const href = webLink(url)
    if (!href) continue
    const start = match.index
    if (start > last) parts.push(text.slice(last, start))
    parts.push(link(href, href === url || href === url + '/' ? url : href))
    links++
    last = start + url.length
  }
  if (last < text.length) parts.push(text.slice(last))
  return parts
}
