import { afterEach, describe, expect, it, vi } from 'vitest'
import { defaultHttp as browserDefault } from './default'
import { defaultHttp as nodeDefault } from './default-node'

afterEach(() => vi.unstubAllGlobals())

describe('the default HTTP adapter per platform', () => {
  it('in Node: one node:http adapter for the whole process, created on first use', () => {
    const first = nodeDefault()
    expect(typeof first).toBe('function')
    expect(nodeDefault()).toBe(first)
  })

  it('in Node with a DOM (jsdom tests) and everywhere else: none, so createChat uses fetch', () => {
    vi.stubGlobal('document', {})
    expect(nodeDefault()).toBeUndefined()
    vi.unstubAllGlobals()
    vi.stubGlobal('window', {})
    expect(nodeDefault()).toBeUndefined()
    expect(browserDefault()).toBeUndefined()
  })
})
