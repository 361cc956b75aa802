// The engine's decisions as pure functions, checked with tables of cases.
import { describe, expect, it } from 'vitest'
import { breakerOutcome } from './circuit-breaker.js'
import { type FerryError, HttpError, NetworkError, ParseError, TimeoutError } from './errors.js'
import { decideRetry, resolveRetry } from './retry.js'

const request = { method: 'GET', url: '/x', requestId: 'id' }
// As the core builds them: `retryable` from the policy's statuses.
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
  type State = Partial<Parameters<typeof decideRetry>[1]>
  const cases: Array<[string, FerryError, State, ReturnType<typeof decideRetry>]> = [
    ['a retried status', http(503), {}, { reason: 'status', delayMs: 50 }],
    [
      'an HttpError marked retryable (by a middleware)',
      http(404, undefined, true),
      {},
      { reason: 'status', delayMs: 50 },
    ],
    ['a retried status marked not retryable', http(503, undefined, false), {}, undefined],
    [
      'shouldRetry true for a status not in the list',
      http(404),
      { verdict: true },
      { reason: 'status', delayMs: 50 },
    ],
    ['shouldRetry true for a parse error', parse, { verdict: true }, { reason: 'custom', delayMs: 50 }],
    ['shouldRetry false for a retried status', http(503), { verdict: false }, undefined],
    ['shouldRetry false for a network error', network, { verdict: false }, undefined],
    ['shouldRetry undefined leaves it to the rules', http(404), { verdict: undefined }, undefined],
    [
      'shouldRetry true cannot pass the safety rules',
      http(404),
      { verdict: true, mayRetry: false },
      undefined,
    ],
    ['shouldRetry true cannot pass the limit', network, { verdict: true, retries: 2 }, undefined],
    ['shouldRetry true still honours maxRetryAfter', http(429, 61_000), { verdict: true }, undefined],
    [
      'delay replaces the backoff (retry 1 first)',
      network,
      { retries: 1, policy: resolveRetry({ delay: (retry) => retry * 1000 }) },
      { reason: 'network', delayMs: 2000 },
    ],
    [
      'Retry-After wins over delay',
      http(429, 7000),
      { policy: resolveRetry({ delay: () => 1 }) },
      { reason: 'status', delayMs: 7000 },
    ],
    [
      'no retry when delay would end past the deadline',
      network,
      { policy: resolveRetry({ delay: () => 500 }), now: 600, deadline: 1000 },
      undefined,
    ],
    ['a status not in the list', http(404), {}, undefined],
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

  it.each([-1, Number.NaN])('throws a TypeError naming retry.delay when it returns %s', (value) => {
    expect(() => decideRetry(network, { ...base, policy: resolveRetry({ delay: () => value }) })).toThrow(
      /retry\.delay must return a number of ms/,
    )
  })

  it('does not retry timeouts with retryOnTimeout: false', () => {
    expect(
      decideRetry(attemptTimeout, { ...base, policy: resolveRetry({ retryOnTimeout: false }) }),
    ).toBeUndefined()
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
