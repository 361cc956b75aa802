import { parseHttpDate } from './http-date.js'

/**
 * `value` as ms from `now`, `undefined` when it is not usable. Whole seconds (`1*DIGIT`: no sign, fraction,
 * exponent or hex) are a delay, or with `reset` epoch seconds when above 1e9; otherwise, unless `reset`, an
 * HTTP-date. A time in the past gives 0; a number too large to be finite (400 digits) is unusable.
 */
const wait = (value: string | null, now: number, reset?: boolean): number | undefined => {
  // A missing header (null) reads as '', which never parses. A field value never includes the whitespace
  // around it (RFC 9110 §5.5), so OWS (spaces, tabs) is not part of the number or date; `Headers.get` already
  // strips it, callers with a raw string may not have.
  const trimmed = (value ?? '').replace(/^[ \t]+|[ \t]+$/g, '')
  const ms = /^\d+$/.test(trimmed)
    ? +trimmed * 1000 - (reset && +trimmed > 1e9 ? now : 0)
    : (reset ? NaN : (parseHttpDate(trimmed, now) ?? NaN)) - now
  // NaN (not a number or not a date) and Infinity (400 digits) are not below Infinity.
  return ms < Infinity ? Math.max(0, ms) : undefined
}

/**
 * A `Retry-After` value in ms from `now`: delay-seconds (`1*DIGIT`) or an HTTP-date in any of RFC 9110's three
 * formats, read as GMT. A date in the past gives 0; anything else (`1.5`, `-1`, `0x10`, `1e3`, `soon`)
 * `undefined`.
 *
 * @example
 * parseRetryAfter('120') // 120000
 * parseRetryAfter('Thu, 15 Jan 2026 12:00:30 GMT', Date.UTC(2026, 0, 15, 12)) // 30000
 */
export const parseRetryAfter = (value: string, now = Date.now()): number | undefined => wait(value, now)

/**
 * A `RateLimit-Reset` or `X-RateLimit-Reset` value in ms from `now`: whole seconds (`1*DIGIT`), read as delta
 * seconds, except that a value above 1e9 is read as epoch seconds (1e9 s is 31 years, never a real delta, and
 * 1e9 as a date is 2001, so the two cannot be confused; GitHub and others send epoch seconds in
 * `X-RateLimit-Reset`). An epoch in the past gives 0; anything else `undefined`.
 *
 * @example
 * parseRateLimitReset('10') // 10000
 * parseRateLimitReset('1768478430', Date.UTC(2026, 0, 15, 12)) // 30000 (epoch seconds)
 */
export const parseRateLimitReset = (value: string, now = Date.now()): number | undefined =>
  wait(value, now, true)

/**
 * How long the server asks the client to wait, in ms, from the first usable header of: `Retry-After`
 * (`parseRetryAfter`), `RateLimit-Reset`, `X-RateLimit-Reset` (`parseRateLimitReset`). A header that does
 * not parse is skipped. A time in the past gives 0; no usable header gives `undefined`.
 *
 * @example
 * retryAfterMs(new Headers({ 'Retry-After': '3' })) // 3000
 * retryAfterMs(new Headers({ 'Retry-After': '0x10', 'RateLimit-Reset': '5' })) // 5000: 0x10 is not seconds
 */
export const retryAfterMs = (headers: Headers, now = Date.now()): number | undefined =>
  wait(headers.get('retry-after'), now) ??
  wait(headers.get('ratelimit-reset'), now, true) ??
  wait(headers.get('x-ratelimit-reset'), now, true)

/**
 * True when the response says the rate limit is spent: a 429, or `X-RateLimit-Remaining` /
 * `RateLimit-Remaining` of 0 (whole digits; a value that is not one says nothing). Only then do the reset
 * headers say when to come back.
 *
 * @example
 * limitSpent(new Response(null, { status: 429 })) // true
 * limitSpent(new Response(null, { status: 200, headers: { 'X-RateLimit-Remaining': '0' } })) // true
 */
export function limitSpent(response: Response): boolean {
  const { headers } = response
  return (
    response.status === 429 ||
    /^[ \t]*0+[ \t]*$/.test(headers.get('x-ratelimit-remaining') ?? headers.get('ratelimit-remaining') ?? '')
  )
}

/**
 * The wait a failed response asks for, in ms: `Retry-After` always, the rate-limit reset headers only when
 * the limit is spent (then also when `Retry-After` is there but does not parse). An API that sends its
 * window's reset on every response must not make a 500 wait for the end of the window.
 *
 * @example
 * responseRetryAfterMs(new Response(null, { status: 500, headers: { 'X-RateLimit-Reset': '40' } })) // undefined
 */
export const responseRetryAfterMs = (response: Response, now = Date.now()): number | undefined =>
  limitSpent(response) ? retryAfterMs(response.headers, now) : wait(response.headers.get('retry-after'), now)
