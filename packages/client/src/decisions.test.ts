// The engine's decisions as pure functions, checked with tables of cases.
import { describe, expect, it } from 'vitest'
import { breakerOutcome } from './circuit-breaker.js'
import { type FerryError, HttpError, NetworkError, ParseError, TimeoutError } from './errors.js'
import { decideRetry, resolveRetry } from './retry.js'

const request = { method: 'GET', url: '/x', requestId: 'id' }
// As the core builds it: `retryable` from the default `retry.statuses`.
const http = (
  status: number,
  retryAfterMs?: number,
  retryable = [408, 429, 500, 502, 503, 504].includes(status),
) => new HttpError({ request, response: new Response(null, { status }), retryAfterMs, retryable })
const network = new NetworkError({ request })
const attemptTimeout = new TimeoutError({ request, timeoutMs: 1000, scope: 'attempt' })
const zeroTimeout = new TimeoutError({ request, timeoutMs: 0, scope: 'attempt' })
const totalTimeout = new TimeoutError({ request, timeoutMs: 1000, scope: 'total' })
const parse = new ParseError({ request, text: '{', contentType: 'application/json', reason: 'invalid JSON' })

describe('decideRetry', () => {
  const policy = resolveRetry({ baseDelay: 100 })
  const base = {
    policy,
    retries: 0,
    mayRetry: true,
    now: 0,
    deadline: Number.POSITIVE_INFINITY,
    random: () => 0.5,
  }
  const cases: Array<
    [string, FerryError, Partial<typeof base & { force: boolean }>, ReturnType<typeof decideRetry>]
  > = [
    ['a retried status', http(503), {}, { reason: 'status', delayMs: 50 }],
    ['a status not in the list', http(404), {}, undefined],
    [
      'a status a middleware made retryable (hooks.retry())',
      http(403, undefined, true),
      {},
      { reason: 'status', delayMs: 50 },
    ],
    ['a status shouldRetry accepted', http(404), { force: true }, { reason: 'status', delayMs: 50 }],
    ['a parse error shouldRetry accepted', parse, { force: true }, { reason: 'status', delayMs: 50 }],
    ['shouldRetry cannot lift the method rule', http(409), { force: true, mayRetry: false }, undefined],
    ['shouldRetry cannot lift the limit', http(409), { force: true, retries: 2 }, undefined],
    ['shouldRetry cannot lift maxRetryAfter', http(409, 61_000), { force: true }, undefined],
    ['a network error', network, {}, { reason: 'network', delayMs: 50 }],
    ['an attempt timeout', attemptTimeout, {}, { reason: 'timeout', delayMs: 50 }],
    ['an attempt timeout of 0 ms (would time out again at once)', zeroTimeout, {}, undefined],
    ['the total timeout', totalTimeout, {}, undefined],
    ['a parse error', parse, {}, undefined],
    [
      'the second retry backs off twice as long',
      http(503),
      { retries: 1 },
      { reason: 'status', delayMs: 100 },
    ],
    ['no retries left', http(503), { retries: 2 }, undefined],
    ['a method that may not be repeated', http(503), { mayRetry: false }, undefined],
    [
      'Retry-After honoured exactly, without jitter',
      http(429, 7000),
      {},
      { reason: 'status', delayMs: 7000 },
    ],
    ['Retry-After beyond maxRetryAfter', http(429, 61_000), {}, undefined],
    ['a retry that would start after the deadline', http(503), { now: 960, deadline: 1000 }, undefined],
    [
      'a retry that starts before the deadline',
      http(503),
      { now: 900, deadline: 1000 },
      { reason: 'status', delayMs: 50 },
    ],
  ]
  it.each(cases)('%s', (_name, error, state, expected) => {
    expect(decideRetry(error, { ...base, ...state })).toEqual(expected)
  })

  it('does not retry timeouts with retryOnTimeout: false', () => {
    expect(
      decideRetry(attemptTimeout, { ...base, policy: resolveRetry({ retryOnTimeout: false }) }),
    ).toBeUndefined()
  })
})

describe('decideRetry: precedence of Retry-After, maxRetryAfter, retry.delay and the backoff', () => {
  const base = { retries: 1, mayRetry: true, now: 0, deadline: Number.POSITIVE_INFINITY, random: () => 0.5 }
  const delay = (retry: number) => 1000 * retry
  // [case, Retry-After (ms), retry options, expected sleep or undefined (thrown at once)]
  const cases: Array<[string, number | undefined, Parameters<typeof resolveRetry>[0], number | undefined]> = [
    ['backoff alone: jittered 300 × 2^1 × 0.5', undefined, {}, 300],
    ['delay replaces the backoff (retry 2)', undefined, { delay }, 2000],
    ['Retry-After wins over the backoff', 4000, {}, 4000],
    ['Retry-After wins over delay', 4000, { delay }, 4000],
    ['Retry-After equal to maxRetryAfter is honoured', 5000, { delay, maxRetryAfter: 5000 }, 5000],
    [
      'Retry-After beyond maxRetryAfter: thrown at once, delay not used',
      5001,
      { delay, maxRetryAfter: 5000 },
      undefined,
    ],
    ['maxRetryAfter does not cap delay', undefined, { delay: () => 90_000, maxRetryAfter: 5000 }, 90_000],
    ['delay 0 retries at once', undefined, { delay: () => 0 }, 0],
  ]
  it.each(cases)('%s', (_name, retryAfterMs, options, expected) => {
    const decision = decideRetry(http(503, retryAfterMs), { ...base, policy: resolveRetry(options) })
    expect(decision?.delayMs).toBe(expected)
  })

  it('tells delay the retry number (1 for the first) and the error', () => {
    const seen: Array<[number, number]> = []
    const policy = resolveRetry({
      delay: (retry, error) => {
        seen.push([retry, error instanceof HttpError ? error.status : 0])
        return 10
      },
    })
    decideRetry(http(503), { ...base, retries: 0, policy })
    decideRetry(http(502), { ...base, retries: 1, policy })
    expect(seen).toEqual([
      [1, 503],
      [2, 502],
    ])
  })

  it.each([-1, Number.NaN])('throws a TypeError naming retry.delay when it returns %s', (bad) => {
    const policy = resolveRetry({ delay: () => bad })
    expect(() => decideRetry(http(503), { ...base, policy })).toThrow(
      new TypeError(`retry.delay must return a non-negative number of ms, got ${bad}`),
    )
  })
})

describe('breakerOutcome', () => {
  const cases: Array<[string, Parameters<typeof breakerOutcome>[0], ReturnType<typeof breakerOutcome>]> = [
    ['a 200', { status: 200 }, 'success'],
    ['a 404 (the client’s mistake, the server is fine)', { status: 404 }, 'success'],
    ['a 429', { status: 429 }, 'success'],
    ['a 500', { status: 500 }, 'failure'],
    ['a 503', { status: 503 }, 'failure'],
    ['a network error', { error: network }, 'failure'],
    ['an attempt timeout', { error: attemptTimeout }, 'failure'],
    ['the caller’s abort', { error: new DOMException('stop', 'AbortError') }, 'neutral'],
    ['a refused rate-limit pause (an HttpError thrown before sending)', { error: http(429) }, 'neutral'],
    ['a bug in a later middleware', { error: new RangeError('bug') }, 'neutral'],
  ]
  it.each(cases)('%s', (_name, settled, expected) => {
    expect(breakerOutcome(settled)).toBe(expected)
  })
})
