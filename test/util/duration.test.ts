import { formatDuration, parseDuration } from '../../src/util/duration.js'

const second = 1000
const minute = 60 * second
const hour = 60 * minute

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * minute],
    ['2h', 2 * hour],
    ['5h50m', 5 * hour + 50 * minute],
    ['1h30m15s', hour + 30 * minute + 15 * second],
    ['45s', 45 * second],
    ['3600', 3600 * second],
    ['1m30s', 90 * second],
    ['2h15s', 2 * hour + 15 * second],
    [' 1h 30m ', 90 * minute],
    ['2H', 2 * hour]
  ])('reads %j as %i ms', (text, ms) => {
    expect(parseDuration(text, { allowMs: false })).toEqual({ ms })
    expect(parseDuration(text, { allowMs: true })).toEqual({ ms })
  })

  it.each([
    ['500ms', 500],
    ['1s500ms', 1500],
    ['2m5ms', 2 * minute + 5]
  ])('reads %j as %i ms when milliseconds are allowed', (text, ms) => {
    expect(parseDuration(text, { allowMs: true })).toEqual({ ms })
  })

  it('refuses milliseconds where they are not allowed and says which forms work', () => {
    const result = parseDuration('500ms', { allowMs: false })
    expect(result.ms).toBeUndefined()
    expect(result.error).toContain('500ms')
    expect(result.error).toContain('5h50m')
    expect(result.error).toContain('3600')
  })

  it.each([
    '',
    '   ',
    '-5',
    '-1h',
    '0',
    '0s',
    '0h0m',
    'abc',
    '1.5s',
    '1.5',
    '10x',
    '1d',
    'h',
    'm30',
    '30m2h',
    '1h1h',
    '5 minutes'
  ])('rejects %j with a message listing the accepted forms', text => {
    for (const allowMs of [false, true]) {
      const result = parseDuration(text, { allowMs })
      expect(result.ms).toBeUndefined()
      expect(result.error).toMatch(/90m.*2h.*3600/)
    }
  })

  it('mentions ms in the accepted forms only where it is allowed', () => {
    expect(parseDuration('x', { allowMs: true }).error).toContain('500ms')
    expect(parseDuration('x', { allowMs: false }).error).not.toContain('500ms')
  })

  it('rejects a number too large to be a time span', () => {
    expect(parseDuration('99999999999999999999', { allowMs: false }).error).toBeDefined()
  })
})

describe('formatDuration', () => {
  it.each([
    [250, '250 ms'],
    [0, '0 ms'],
    [999, '999 ms'],
    [second, '1s'],
    [hour + 2 * minute + 3 * second, '1h 2m 3s'],
    [90 * minute, '1h 30m'],
    [2 * hour, '2h'],
    [61 * second + 400, '1m 1s']
  ])('writes %i ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
  })

  it('round-trips what parseDuration reads', () => {
    for (const text of ['5h50m', '1h30m15s', '45s']) {
      const { ms } = parseDuration(text, { allowMs: false })
      expect(parseDuration(formatDuration(ms ?? 0), { allowMs: false }).ms).toBe(ms)
    }
  })
})
