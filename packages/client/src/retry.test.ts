import { describe, expect, it, vi } from 'vitest'
import type { RetryOptions } from './retry.js'
import { backoffDelay, methodAllowsRetry, type RetryPolicy, resolveRetry } from './retry.js'

const DEFAULT_POLICY: RetryPolicy = {
  limit: 2,
  statuses: [408, 429, 500, 502, 503, 504],
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
  baseDelay: 300,
  maxDelay: 10_000,
  maxRetryAfter: 60_000,
  retryOnTimeout: true,
}

type RetryInput = RetryOptions | number | false | undefined

describe('resolveRetry', () => {
  it('returns the documented defaults when nothing is set', () => {
    expect(resolveRetry()).toEqual(DEFAULT_POLICY)
    expect(resolveRetry(undefined, undefined)).toEqual(DEFAULT_POLICY)
    expect(resolveRetry({}, {})).toEqual(DEFAULT_POLICY)
  })

  it.each<[string, RetryInput, RetryInput, Partial<RetryPolicy>]>([
    ['a client number sets the limit', 5, undefined, { limit: 5 }],
    ['a request number sets the limit', undefined, 4, { limit: 4 }],
    ['client false means a single attempt', false, undefined, { limit: 0 }],
    ['request false means a single attempt', { limit: 3 }, false, { limit: 0 }],
    ['request false keeps the client’s other fields', { baseDelay: 50 }, false, { limit: 0, baseDelay: 50 }],
    ['a request number beats client false', false, 1, { limit: 1 }],
    ['a request number keeps the client’s other fields', { baseDelay: 100 }, 5, { limit: 5, baseDelay: 100 }],
    ['a request object keeps a client number', 3, { maxDelay: 500 }, { limit: 3, maxDelay: 500 }],
    ['a request object keeps client false', false, { statuses: [503] }, { limit: 0, statuses: [503] }],
    [
      'request fields win over client fields',
      { limit: 1, baseDelay: 10 },
      { limit: 4 },
      { limit: 4, baseDelay: 10 },
    ],
    ['limit 0 is allowed', { limit: 0 }, undefined, { limit: 0 }],
    [
      'retryOnTimeout false is kept (not mistaken for unset)',
      { retryOnTimeout: false },
      {},
      { retryOnTimeout: false },
    ],
    [
      'request retryOnTimeout wins',
      { retryOnTimeout: false },
      { retryOnTimeout: true },
      { retryOnTimeout: true },
    ],
    ['statuses are replaced, not merged', { statuses: [500] }, { statuses: [429] }, { statuses: [429] }],
    ['methods are replaced, not merged', undefined, { methods: ['POST'] }, { methods: ['POST'] }],
    [
      'maxRetryAfter may be Infinity (honour any wait)',
      { maxRetryAfter: Infinity },
      2,
      { maxRetryAfter: Infinity },
    ],
    [
      'zero delays are allowed',
      { baseDelay: 0, maxDelay: 0, maxRetryAfter: 0 },
      undefined,
      {
        baseDelay: 0,
        maxDelay: 0,
        maxRetryAfter: 0,
      },
    ],
  ])('%s', (_name, client, request, expected) => {
    expect(resolveRetry(client, request)).toEqual({ ...DEFAULT_POLICY, ...expected })
  })

  it('treats an explicit undefined field (plain JS callers) as unset', () => {
    // What `{ limit: 4, baseDelay: opts.delay }` gives a caller without exactOptionalPropertyTypes.
    const loose: RetryOptions = Object.fromEntries([
      ['limit', 4],
      ['baseDelay', undefined],
    ])
    expect(resolveRetry({ baseDelay: 50 }, loose)).toEqual({ ...DEFAULT_POLICY, limit: 4, baseDelay: 50 })
    expect(resolveRetry(loose)).toEqual({ ...DEFAULT_POLICY, limit: 4 })
  })

  it.each<[RetryInput, RetryInput, string]>([
    [-1, undefined, 'retry.limit must be an integer >= 0, got -1'],
    [undefined, -1, 'retry.limit must be an integer >= 0, got -1'],
    [{ limit: Number.NaN }, undefined, 'retry.limit must be an integer >= 0, got NaN'],
    [{ limit: 1.5 }, undefined, 'retry.limit must be an integer >= 0, got 1.5'],
    [{ limit: Infinity }, undefined, 'retry.limit must be an integer >= 0, got Infinity'],
    [{ baseDelay: -5 }, undefined, 'retry.baseDelay must be a number >= 0, got -5'],
    [undefined, { baseDelay: Number.NaN }, 'retry.baseDelay must be a number >= 0, got NaN'],
    [{ maxDelay: -1 }, undefined, 'retry.maxDelay must be a number >= 0, got -1'],
    [{ maxRetryAfter: -1000 }, undefined, 'retry.maxRetryAfter must be a number >= 0, got -1000'],
    [{ maxRetryAfter: Number.NaN }, undefined, 'retry.maxRetryAfter must be a number >= 0, got NaN'],
  ])('rejects invalid options %j / %j with a clear TypeError', (client, request, message) => {
    expect(() => resolveRetry(client, request)).toThrow(new TypeError(message))
  })

  it('validates the merged value, so a valid request value fixes an invalid client one', () => {
    expect(resolveRetry({ limit: -1 }, { limit: 1 }).limit).toBe(1)
  })
})

describe('backoffDelay', () => {
  const policy = resolveRetry()
  const fixed = (value: number) => () => value

  it.each<[string, number, number, number]>([
    ['random 0 gives no wait on the first retry', 0, 0, 0],
    ['random 0 gives no wait on a late retry', 5, 0, 0],
    ['random near 1 gives the full base on the first retry', 0, 0.999_999_9, 300],
    ['the cap doubles on the second retry', 1, 0.999_999_9, 600],
    ['the cap doubles again on the third retry', 2, 0.999_999_9, 1200],
    ['the cap grows as base × 2^index', 4, 0.999_999_9, 4800],
    ['half the cap for random 0.5', 2, 0.5, 600],
    ['the cap is maxDelay once base × 2^index exceeds it', 6, 0.999_999_9, 10_000],
    ['maxDelay caps very late retries too', 50, 0.999_999_9, 10_000],
    ['jitter applies under the maxDelay cap', 10, 0.25, 2500],
  ])('%s', (_name, retryIndex, random, expected) => {
    expect(backoffDelay(retryIndex, policy, fixed(random))).toBe(expected)
  })

  it('honours custom baseDelay and maxDelay', () => {
    const custom = resolveRetry({ baseDelay: 100, maxDelay: 250 })
    expect(backoffDelay(0, custom, fixed(0.999_999_9))).toBe(100)
    expect(backoffDelay(1, custom, fixed(0.999_999_9))).toBe(200)
    expect(backoffDelay(2, custom, fixed(0.999_999_9))).toBe(250)
  })

  it('returns whole milliseconds', () => {
    expect(backoffDelay(0, policy, fixed(0.123_456))).toBe(37)
  })

  it('uses Math.random by default and stays within [0, cap]', () => {
    const spy = vi.spyOn(Math, 'random').mockReturnValue(0.5)
    try {
      expect(backoffDelay(1, policy)).toBe(300)
      expect(spy).toHaveBeenCalledTimes(1)
    } finally {
      spy.mockRestore()
    }
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(3, policy)
      expect(delay).toBeGreaterThanOrEqual(0)
      expect(delay).toBeLessThanOrEqual(2400)
    }
  })
})

describe('methodAllowsRetry', () => {
  const policy = resolveRetry()

  it.each<[string, boolean, boolean]>([
    ['GET', false, true],
    ['HEAD', false, true],
    ['OPTIONS', false, true],
    ['PUT', false, true],
    ['DELETE', false, true],
    ['POST', false, false],
    ['PATCH', false, false],
    ['CONNECT', false, false],
    ['PURGE', false, false],
    ['GET', true, true],
    ['HEAD', true, true],
    ['OPTIONS', true, true],
    ['PUT', true, true],
    ['DELETE', true, true],
    ['POST', true, true],
    ['PATCH', true, true],
    ['PURGE', true, true],
    ['get', false, true],
    ['post', false, false],
    ['patch', true, true],
  ])('%s with idempotency key %s → %s', (method, hasKey, expected) => {
    expect(methodAllowsRetry(method, policy, hasKey)).toBe(expected)
  })

  it('follows a custom methods list, compared case-insensitively', () => {
    const custom = resolveRetry({ methods: ['get', 'Post'] })
    expect(methodAllowsRetry('POST', custom, false)).toBe(true)
    expect(methodAllowsRetry('GET', custom, false)).toBe(true)
    expect(methodAllowsRetry('PUT', custom, false)).toBe(false)
    expect(methodAllowsRetry('PUT', custom, true)).toBe(true)
  })

  it('an empty methods list allows only keyed requests', () => {
    const none = resolveRetry({ methods: [] })
    expect(methodAllowsRetry('GET', none, false)).toBe(false)
    expect(methodAllowsRetry('GET', none, true)).toBe(true)
  })
})
