import { afterEach, describe, expect, it } from 'vitest'
import { rateLimitPerMinute, resetRateLimit, takeRateLimit } from './rate-limit.js'

afterEach(() => resetRateLimit())

const minute = Date.UTC(2026, 10, 25, 12, 0)

describe('takeRateLimit', () => {
  it('allows 600 requests a minute, counting down X-RateLimit-Remaining', () => {
    expect(rateLimitPerMinute).toBe(600)
    expect(takeRateLimit(minute + 15_000)).toEqual({
      allowed: true,
      headers: { 'X-RateLimit-Limit': '600', 'X-RateLimit-Remaining': '599', 'X-RateLimit-Reset': '45' },
    })
    for (let i = 0; i < 598; i++) takeRateLimit(minute + 20_000)
    expect(takeRateLimit(minute + 20_000).headers['X-RateLimit-Remaining']).toBe('0')
  })

  it('refuses the 601st request with Retry-After until the window ends, then starts afresh', () => {
    for (let i = 0; i < 600; i++) expect(takeRateLimit(minute + 1_000).allowed).toBe(true)
    expect(takeRateLimit(minute + 50_500)).toEqual({
      allowed: false,
      headers: {
        'X-RateLimit-Limit': '600',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '10',
        'Retry-After': '10',
      },
    })
    expect(takeRateLimit(minute + 60_000)).toMatchObject({
      allowed: true,
      headers: { 'X-RateLimit-Remaining': '599', 'X-RateLimit-Reset': '60' },
    })
  })
})
