import { afterEach, describe, expect, it } from 'vitest'
import {
  getRateLimitedUntil,
  getRateLimitWaitMs,
  observeRateLimit,
  resetRateLimit,
  retryAfterUntil,
} from './rate-limit-store'

afterEach(resetRateLimit)

const base = { requestId: 'r', method: 'GET', url: '/api/orders', attempt: 1 }

describe('retryAfterUntil', () => {
  it.each([
    ['5', 1_000, 6_000],
    ['0', 1_000, 1_000],
    ['Thu, 01 Jan 1970 00:00:10 GMT', 1_000, 10_000],
    ['soon', 1_000, undefined],
    ['', 1_000, undefined],
    [undefined, 1_000, undefined],
  ])('Retry-After %j at %i → %j', (value, now, expected) => {
    expect(retryAfterUntil(value, now)).toBe(expected)
  })
})

describe('observeRateLimit', () => {
  it('remembers until when and how long a 429 asked to wait', () => {
    observeRateLimit({
      type: 'response',
      ...base,
      status: 429,
      durationMs: 3,
      time: 1_000,
      headers: { 'retry-after': '5' },
    })
    expect(getRateLimitedUntil()).toBe(6_000)
    expect(getRateLimitWaitMs()).toBe(5_000)
  })

  it('ignores other statuses and never shortens a pause', () => {
    observeRateLimit({
      type: 'response',
      ...base,
      status: 503,
      durationMs: 3,
      time: 1_000,
      headers: { 'retry-after': '9' },
    })
    expect(getRateLimitedUntil()).toBe(0)
    observeRateLimit({
      type: 'retry',
      ...base,
      attempt: 2,
      limit: 2,
      delayMs: 5_000,
      reason: 'status',
      status: 429,
      time: 1_000,
    })
    observeRateLimit({
      type: 'response',
      ...base,
      status: 429,
      durationMs: 3,
      time: 2_000,
      headers: { 'retry-after': '1' },
    })
    expect(getRateLimitedUntil()).toBe(6_000)
  })
})
