import { describe, expect, it } from 'vitest'
import { MAX_ENTRY_INDEX, MAX_ENTRY_TEXT, readMessages } from './entries'

const agent = { nickname: 'Ava', participantId: '2', type: 'Agent' }
const good = (index: number) => ({ index, type: 'Text', text: `line ${index}`, from: agent })

describe('readMessages: one entry at a time', () => {
  it('takes null as absent for optional fields (servers that serialise unset fields as null)', () => {
    const read = readMessages(
      [
        { index: 1, type: 'Text', text: null, url: null, from: { nickname: null, participantId: 2, type: 'Agent' }, utcTime: null },
        { index: 2, type: 'Notice', text: 'hi', from: { nickname: 'system', participantId: null, type: null } },
      ],
      1_700_000_000_000,
    )
    expect(read.problems).toEqual([])
    expect(read.entries).toEqual([
      { index: 1, type: 'Text', from: { nickname: '', participantId: '2', type: 'Agent' }, time: 1_700_000_000_000 },
      { index: 2, type: 'Notice', text: 'hi', from: { nickname: 'system', participantId: '', type: '' }, time: 1_700_000_000_000 },
    ])
  })

  it.each([
    ['a missing index', { type: 'Text', text: 'x', from: agent }, 'no index'],
    ['index null', { index: null, type: 'Text', from: agent }, 'no index'],
    ['index 0', { index: 0, type: 'Text', from: agent }, 'index 0 is not a transcript position'],
    ['index 2.5', { index: 2.5, type: 'Text', from: agent }, 'index 2.5 is not a transcript position'],
    ['a negative index', { index: -3, type: 'Text', from: agent }, 'index -3 is not a transcript position'],
    ['an index past the largest position', { index: MAX_ENTRY_INDEX + 1, type: 'Text', from: agent }, 'is not a transcript position'],
    ['index NaN as text', { index: 'NaN', type: 'Text', from: agent }, 'index "NaN" is not a transcript position'],
    ['an index that is an object', { index: { n: 1 }, type: 'Text', from: agent }, 'index object is not a transcript position'],
  ])('drops an entry with %s, keeps the good ones around it', (_, odd, reason) => {
    const read = readMessages([good(1), odd, good(2)])
    expect(read.entries.map((entry) => entry.text)).toEqual(['line 1', 'line 2'])
    expect(read.problems).toEqual([{ index: null, reason: expect.stringContaining(reason) }])
  })

  it.each([
    ['no from', { index: 2, type: 'Text', text: 'x' }, 'from'],
    ['from null', { index: 2, type: 'Text', text: 'x', from: null }, 'from'],
    ['no type', { index: 2, text: 'x', from: agent }, 'type'],
    ['an empty type', { index: 2, type: '', text: 'x', from: agent }, 'type'],
    ['a number as text', { index: 2, type: 'Text', text: 42, from: agent }, 'text'],
    ['a text over the limit', { index: 2, type: 'Text', text: 'x'.repeat(MAX_ENTRY_TEXT + 1), from: agent }, 'text'],
    ['an object as participant id', { index: 2, type: 'Text', text: 'x', from: { ...agent, participantId: {} } }, 'participantId'],
    ['a fractional participant id', { index: 2, type: 'Text', text: 'x', from: { ...agent, participantId: 1.5 } }, 'participantId'],
  ])('keeps a placeholder at the index of an entry with %s', (_, odd, field) => {
    const read = readMessages([good(1), odd, good(3)])
    expect(read.entries.map((entry) => [entry.index, entry.type])).toEqual([[1, 'Text'], [2, 'Unreadable'], [3, 'Text']])
    expect(read.entries[1]?.from).toEqual({ nickname: '', participantId: '', type: 'System' })
    expect(read.problems).toEqual([{ index: 2, reason: expect.stringContaining(field) }])
  })

  it('says which field is wrong and what it should hold', () => {
    const read = readMessages([{ index: 1, type: 'Text', text: 42, from: agent }, { index: 2, type: 'Text', from: { ...agent, participantId: 1.5 } }])
    expect(read.problems).toEqual([
      { index: 1, reason: `text: expected a string of at most ${MAX_ENTRY_TEXT} characters` },
      { index: 2, reason: 'from.participantId: expected an integer or a string of at most 512 characters' },
    ])
  })

  it('drops items that are not entries at all', () => {
    const read = readMessages([null, 'Text', 7, [good(1)], good(1)])
    expect(read.entries).toHaveLength(1)
    expect(read.problems).toHaveLength(4)
  })

  it('takes an integer index sent as text', () => {
    expect(readMessages([{ ...good(1), index: '7' }]).entries[0]?.index).toBe(7)
  })

  it('reads 100,000 entries, a tenth of them odd, keeping every good one', () => {
    const raw = Array.from({ length: 100_000 }, (_, i) => (i % 10 === 9 ? { index: i + 1, type: 'Text', text: 5, from: agent } : good(i + 1)))
    const read = readMessages(raw)
    expect(read.entries).toHaveLength(100_000)
    expect(read.entries.filter((entry) => entry.type === 'Unreadable')).toHaveLength(10_000)
    expect(read.problems).toHaveLength(10_000)
  })
})

describe('readMessages: entry times', () => {
  const at = 1_700_000_000_000
  const timeOf = (fields: Record<string, unknown>, index = 1) => readMessages([{ ...good(index), ...fields }], at).entries[0]?.time

  it.each([
    ['utcTime in ms (GMS)', { utcTime: 1_389_262_395_009 }, 1_389_262_395_009],
    ['utcTime as an ISO string', { utcTime: '2014-01-09T10:13:15.009Z' }, 1_389_262_395_009],
    ['utcTime as an ISO string with an offset', { utcTime: '2014-01-09T12:13:15.009+02:00' }, 1_389_262_395_009],
    ['timestampSeconds holding ms (the documented servers)', { timestampSeconds: 1_400_145_840_000 }, 1_400_145_840_000],
    ['timestampSeconds holding seconds', { timestampSeconds: 1_400_145_840 }, 1_400_145_840_000],
    ['fractional seconds', { timestampSeconds: 1_400_145_840.5 }, 1_400_145_840_500],
    ['timestamp as the agent API prints it', { timestamp: '2014-01-09 12:13:15.009+0200' }, 1_389_262_395_009],
    ['a numeric string', { utcTime: '1389262395009' }, 1_389_262_395_009],
  ])('reads %s', (_, fields, time) => {
    expect(timeOf(fields)).toBe(time)
  })

  it('prefers utcTime, then timestampSeconds, then timestamp, skipping a malformed one', () => {
    expect(timeOf({ utcTime: 1_500_000_000_000, timestampSeconds: 1_400_000_000_000, timestamp: '2014-01-09 12:13:15.009+0200' })).toBe(1_500_000_000_000)
    // The malformed string is as the agent API documents it; the field beside it is good.
    expect(timeOf({ timestamp: '2014-05-1502:24:00.000-0700', timestampSeconds: 1_400_145_840_000 })).toBe(1_400_145_840_000)
    expect(timeOf({ utcTime: 'soon', timestamp: '2014-01-09 12:13:15.009+0200' })).toBe(1_389_262_395_009)
  })

  it.each([
    ['no time at all', {}],
    ['null', { utcTime: null, timestampSeconds: null, timestamp: null }],
    ['negative', { utcTime: -1_389_262_395_009, timestampSeconds: -5 }],
    ['zero', { utcTime: 0 }],
    ['in 1970', { utcTime: 5 }],
    ['huge', { utcTime: 1e300, timestampSeconds: Number.MAX_VALUE }],
    ['past year 2200', { utcTime: '9999-12-31T23:59:59Z' }],
    ['NaN and Infinity', { utcTime: Number.NaN, timestampSeconds: Number.POSITIVE_INFINITY }],
    ['not a date', { utcTime: 'yesterday', timestamp: '2014-05-1502:24:00.000-0700' }],
    ['a very long string', { utcTime: `2014-01-09T10:13:15.009Z${' '.repeat(100_000)}` }],
    ['objects and arrays', { utcTime: { valueOf: (): number => 1_389_262_395_009 }, timestampSeconds: [1_389_262_395_009], timestamp: true }],
  ])('takes the time it arrived for %s', (_, fields) => {
    expect(timeOf(fields)).toBe(at)
  })

  it('gives a placeholder for an unreadable entry a time too', () => {
    const read = readMessages([{ index: 1, type: 42, from: agent, utcTime: 1_389_262_395_009 }, { index: 2, type: 42, from: agent }], at)
    expect(read.entries.map((entry) => [entry.type, entry.time])).toEqual([
      ['Unreadable', 1_389_262_395_009],
      ['Unreadable', at],
    ])
  })
})
