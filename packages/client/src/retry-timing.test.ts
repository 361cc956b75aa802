import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  limitSpent,
  parseRateLimitReset,
  parseRetryAfter,
  responseRetryAfterMs,
  retryAfterMs,
} from './retry-timing.js'

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
const nowSeconds = NOW / 1000

describe('parseRetryAfter: delay-seconds is 1*DIGIT', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['3', 3000],
    ['120', 120_000],
    ['007', 7000],
    ['86400', 86_400_000],
    // A field value excludes the OWS around it (RFC 9110 §5.5).
    [' 120 ', 120_000],
    ['\t5\t', 5000],
  ])('%j is %i ms', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })

  it.each<[string, string]>([
    ['empty', ''],
    ['blank', '   '],
    ['hexadecimal', '0x10'],
    ['binary', '0b11'],
    ['octal', '0o7'],
    ['an exponent', '1e3'],
    ['a fraction', '1.5'],
    ['a trailing dot', '3.'],
    ['a leading dot', '.5'],
    ['negative', '-1'],
    ['an explicit plus', '+3'],
    ['junk after digits', '12abc'],
    ['a unit', '3s'],
    ['inner space', '1 2'],
    ['inner tab', '1\t2'],
    ['a digit group separator', '1_000'],
    ['a comma list', '3, 4'],
    ['Infinity', 'Infinity'],
    ['NaN', 'NaN'],
    ['full-width digits', '３'],
    ['Arabic-Indic digits', '٣'],
    ['a newline around it (not OWS)', '\n3\n'],
    ['digits too many to be a finite number', '9'.repeat(400)],
    ['a word', 'soon'],
  ])('%s (%j) is not a delay', (_name, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined()
  })
})

describe('parseRetryAfter: HTTP-date, measured from now', () => {
  it.each<[string, string, number]>([
    ['IMF-fixdate ahead', 'Thu, 15 Jan 2026 12:00:30 GMT', 30_000],
    ['IMF-fixdate now', 'Thu, 15 Jan 2026 12:00:00 GMT', 0],
    ['IMF-fixdate in the past clamps to 0', 'Wed, 14 Jan 2026 12:00:00 GMT', 0],
    ['RFC 850 ahead', 'Thursday, 15-Jan-26 12:01:00 GMT', 60_000],
    ['asctime ahead (GMT, not local time)', 'Thu Jan 15 12:02:00 2026', 120_000],
    ['asctime with a space-padded day', 'Mon Feb  2 12:00:00 2026', 18 * 86_400_000],
    ['OWS around a date', '  Thu, 15 Jan 2026 12:00:05 GMT\t', 5000],
  ])('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected)
  })

  it.each<[string, string]>([
    ['ISO 8601', '2026-01-15T12:00:30Z'],
    ['a numeric zone', 'Thu, 15 Jan 2026 12:00:30 +0000'],
    ['an impossible date', 'Fri, 30 Feb 2026 12:00:30 GMT'],
    ['double space inside', 'Thu, 15 Jan 2026  12:00:30 GMT'],
  ])('%s is not a date', (_name, value) => {
    expect(parseRetryAfter(value, NOW)).toBeUndefined()
  })
})

describe('parseRateLimitReset: digits, delta or epoch seconds', () => {
  it.each<[string, number]>([
    ['0', 0],
    ['10', 10_000],
    [' 45 ', 45_000],
    // 1e9 is the last delta; above it, epoch seconds.
    ['1000000000', 1e12],
    ['1000000001', 0],
    [String(nowSeconds + 20), 20_000],
    [String(nowSeconds), 0],
    [String(nowSeconds - 60), 0],
  ])('%j is %i ms', (value, expected) => {
    expect(parseRateLimitReset(value, NOW)).toBe(expected)
  })

  it.each<string>([
    '',
    'later',
    '0x10',
    '1e3',
    '1.5',
    `${nowSeconds + 2}.5`,
    '-1',
    '+5',
    '5s',
    '1 0',
    'Thu, 15 Jan 2026 12:00:30 GMT',
    '1e400',
    '9'.repeat(400),
  ])('%j is not a reset', (value) => {
    expect(parseRateLimitReset(value, NOW)).toBeUndefined()
  })
})

describe('retryAfterMs', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(NOW)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it.each<[string, Record<string, string>, number | undefined]>([
    ['no headers', {}, undefined],
    ['unrelated headers', { 'Content-Type': 'application/json', 'X-RateLimit-Remaining': '0' }, undefined],
    ['Retry-After seconds', { 'Retry-After': '3' }, 3000],
    ['Retry-After 0', { 'Retry-After': '0' }, 0],
    ['Retry-After with surrounding spaces', { 'Retry-After': ' 120 ' }, 120_000],
    ['Retry-After HTTP-date', { 'Retry-After': 'Thu, 15 Jan 2026 12:00:30 GMT' }, 30_000],
    ['Retry-After obsolete RFC 850 date', { 'Retry-After': 'Thursday, 15-Jan-26 12:01:00 GMT' }, 60_000],
    ['Retry-After asctime date', { 'Retry-After': 'Thu Jan 15 12:00:10 2026' }, 10_000],
    ['Retry-After fractional seconds is skipped', { 'Retry-After': '1.5' }, undefined],
    ['Retry-After negative seconds is skipped', { 'Retry-After': '-5' }, undefined],
    ['Retry-After 0x10 is skipped', { 'Retry-After': '0x10' }, undefined],
    ['Retry-After 1e3 is skipped', { 'Retry-After': '1e3' }, undefined],
    ['Retry-After empty', { 'Retry-After': '' }, undefined],
    ['RateLimit-Reset delta seconds', { 'RateLimit-Reset': '10' }, 10_000],
    ['X-RateLimit-Reset epoch seconds', { 'X-RateLimit-Reset': String(nowSeconds + 20) }, 20_000],
    [
      'X-RateLimit-Reset fractional epoch is skipped',
      { 'X-RateLimit-Reset': `${nowSeconds + 2}.5` },
      undefined,
    ],
    ['Retry-After wins over RateLimit-Reset', { 'Retry-After': '2', 'RateLimit-Reset': '50' }, 2000],
    ['Retry-After 0 still wins (0 is a valid answer)', { 'Retry-After': '0', 'RateLimit-Reset': '50' }, 0],
    [
      'RateLimit-Reset wins over X-RateLimit-Reset',
      { 'RateLimit-Reset': '7', 'X-RateLimit-Reset': '50' },
      7000,
    ],
    ['an invalid Retry-After falls through', { 'Retry-After': '0x10', 'RateLimit-Reset': '7' }, 7000],
    [
      'invalid Retry-After and RateLimit-Reset fall through to X-RateLimit-Reset',
      { 'Retry-After': '1e3', 'RateLimit-Reset': '-7', 'X-RateLimit-Reset': '9' },
      9000,
    ],
    [
      'an exponent RateLimit-Reset falls through',
      { 'RateLimit-Reset': '1e400', 'X-RateLimit-Reset': '9' },
      9000,
    ],
    ['all invalid', { 'Retry-After': 'x', 'RateLimit-Reset': '1.5', 'X-RateLimit-Reset': '0x9' }, undefined],
  ])('%s', (_name, init, expected) => {
    expect(retryAfterMs(new Headers(init))).toBe(expected)
  })

  it('measures dates and epochs from the current system time, or the given now', () => {
    const date = new Headers({ 'Retry-After': 'Thu, 15 Jan 2026 12:01:00 GMT' })
    const epoch = new Headers({ 'X-RateLimit-Reset': String(nowSeconds + 60) })
    expect(retryAfterMs(date)).toBe(60_000)
    vi.setSystemTime(NOW + 45_000)
    expect(retryAfterMs(date)).toBe(15_000)
    expect(retryAfterMs(epoch)).toBe(15_000)
    expect(retryAfterMs(date, NOW + 50_000)).toBe(10_000)
    expect(retryAfterMs(new Headers({ 'Retry-After': '5' }), NOW + 50_000)).toBe(5000)
  })
})

describe('limitSpent and responseRetryAfterMs', () => {
  const response = (status: number, headers: Record<string, string>) =>
    new Response(null, { status, headers })

  it.each<[number, Record<string, string>, boolean]>([
    [429, {}, true],
    [503, { 'X-RateLimit-Remaining': '0' }, true],
    [503, { 'RateLimit-Remaining': '0' }, true],
    [503, { 'RateLimit-Remaining': '000' }, true],
    [500, { 'X-RateLimit-Remaining': '598' }, false],
    [500, { 'X-RateLimit-Remaining': '' }, false],
    [500, { 'X-RateLimit-Remaining': '0abc' }, false],
    [500, { 'X-RateLimit-Remaining': '0x0' }, false],
    [500, { 'X-RateLimit-Remaining': '-1' }, false],
    [500, {}, false],
  ])('a %i with %j has spent its limit: %s', (status, headers, expected) => {
    expect(limitSpent(response(status, headers))).toBe(expected)
  })

  it('reads Retry-After on any status, reset headers only once the limit is spent', () => {
    expect(responseRetryAfterMs(response(503, { 'Retry-After': '2' }), NOW)).toBe(2000)
    expect(
      responseRetryAfterMs(response(500, { 'X-RateLimit-Remaining': '5', 'X-RateLimit-Reset': '40' }), NOW),
    ).toBe(undefined)
    expect(responseRetryAfterMs(response(429, { 'X-RateLimit-Reset': '40' }), NOW)).toBe(40_000)
    expect(
      responseRetryAfterMs(response(503, { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '3' }), NOW),
    ).toBe(3000)
  })

  it('does not fall back to the window reset when an unspent response has an invalid Retry-After', () => {
    const unspent = response(503, {
      'Retry-After': '1.5',
      'X-RateLimit-Remaining': '9',
      'X-RateLimit-Reset': '40',
    })
    expect(responseRetryAfterMs(unspent, NOW)).toBe(undefined)
    const spent = response(429, { 'Retry-After': '1.5', 'X-RateLimit-Reset': '40' })
    expect(responseRetryAfterMs(spent, NOW)).toBe(40_000)
  })
})
