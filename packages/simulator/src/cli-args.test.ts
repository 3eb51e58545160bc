import { describe, expect, it } from 'vitest'
import { parseArgs, usage } from './cli-args.js'

describe('parseArgs', () => {
  it('defaults to port 8080', () => {
    expect(parseArgs([])).toEqual({ options: { port: 8080 }, help: false })
  })

  it('reads every flag, repeatable ones included', () => {
    const { options } = parseArgs([
      '--port', '0', '--host', '0.0.0.0',
      '--contact-center-id', 'a', '--contact-center-id=b',
      '--scenario', 'echo', '--seed', '9', '--time-scale', '0.5',
      '--allowed-origin', 'http://localhost:*', '--allowed-origin', 'https://*.example.com',
      '--participant-id-type', 'number', '--post-variants', '--timestamps',
      '--faults', '{"kind":"stall","operation":"SendMessage"}',
    ])
    expect(options).toEqual({
      port: 0,
      host: '0.0.0.0',
      contactCenterIds: ['a', 'b'],
      scenario: 'echo',
      seed: 9,
      timeScale: 0.5,
      allowedOrigins: ['http://localhost:*', 'https://*.example.com'],
      participantIdType: 'number',
      postVariants: true,
      timestamps: true,
      faults: [{ kind: 'stall', operation: 'SendMessage' }],
    })
  })

  it('reads the security options', () => {
    const { options } = parseArgs([
      '--control-origin', 'http://localhost:5173', '--control-origin=https://*.tools.test',
      '--max-body-bytes', '1024', '--max-log-entries', '50', '--max-log-body-bytes=256',
      '--max-chats', '20', '--max-entries-per-chat', '300',
    ])
    expect(options).toEqual({
      port: 8080,
      controlOrigins: ['http://localhost:5173', 'https://*.tools.test'],
      maxBodyBytes: 1024,
      maxLogEntries: 50,
      maxLogBodyBytes: 256,
      maxChats: 20,
      maxEntriesPerChat: 300,
    })
    expect(() => parseArgs(['--max-body-bytes', 'lots'])).toThrow('--max-body-bytes expects a number')
    expect(usage()).toContain('--control-origin')
  })

  it('reads scenario and fault files through the injected reader', () => {
    const files: Record<string, string> = {
      'scn.json': '{"name":"mine","agent":null}',
      'faults.json': '[{"kind":"latency","latencyMs":5}]',
    }
    const { options } = parseArgs(['--scenario', 'scn.json', '--faults', 'faults.json'], (p) => files[p] ?? '')
    expect(options.scenario).toEqual({ name: 'mine', agent: null })
    expect(options.faults).toEqual([{ kind: 'latency', latencyMs: 5 }])
  })

  it('reports bad input', () => {
    expect(() => parseArgs(['--port'])).toThrow('--port expects a value')
    expect(() => parseArgs(['--port', 'abc'])).toThrow('--port expects a number')
    expect(() => parseArgs(['--faults', '[oops'])).toThrow('--faults: not valid JSON')
    expect(() => parseArgs(['--participant-id-type', 'uuid'])).toThrow(/string or number/)
    expect(() => parseArgs(['--verbose'])).toThrow('Unknown argument "--verbose"')
    expect(parseArgs(['-h']).help).toBe(true)
    expect(usage()).toContain('--contact-center-id')
  })
})
