import { describe, expect, it } from 'vitest'
import { fill } from './labels'

describe('fill', () => {
  it('replaces every placeholder in one pass: a value that contains a placeholder is inserted as it is', () => {
    expect(fill('{name}: {text}', 'Ava', { text: 'call me {name} or {text}' })).toBe('Ava: call me {name} or {text}')
    expect(fill('{name} is typing… {name}', '{count}', { count: 3 })).toBe('{count} is typing… {count}')
    expect(fill('{count} of {max}', '', { count: 5, max: 10 })).toBe('5 of 10')
  })

  it('inserts replacement patterns literally and leaves unknown placeholders alone', () => {
    expect(fill('Something went wrong: {name}', "$& $' $1")).toBe("Something went wrong: $& $' $1")
    expect(fill('{constructor} {unknown}', 'x')).toBe('{constructor} {unknown}')
  })
})
