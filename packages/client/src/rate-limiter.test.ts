import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { HttpError } from './errors.js'
import { type RateLimiter, rateLimit } from './rate-limiter.js'

const T0 = 1_700_000_000_000

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => {
  vi.useRealTimers()
})

interface Grant {
  readonly name: string
  /** ms since T0 when the promise settled */
  readonly at: number
  /** what acquire resolved with */
  readonly waited: number
}

/** Calls acquire for each name in turn and records when (and in which order) each is granted. */
function request(limiter: RateLimiter, names: string[], grants: Grant[], signal?: AbortSignal) {
  return names.map((name) =>
    limiter.acquire(signal).then((waited) => {
      grants.push({ name, at: Date.now() - T0, waited })
    }),
  )
}

const response = (status: number, headers: Record<string, string>) => new Response(null, { status, headers })

describe('rateLimit', () => {
  it('grants a burst at once, then one token every 1/perSecond s', async () => {
    const limiter = rateLimit({ perSecond: 2, burst: 3 })
    const grants: Grant[] = []
    request(limiter, ['a', 'b', 'c', 'd', 'e'], grants)
    await vi.advanceTimersByTimeAsync(0)
    expect(grants.map((g) => g.name)).toEqual(['a', 'b', 'c'])
    expect(limiter.pending).toBe(2)
    await vi.advanceTimersByTimeAsync(499)
    expect(grants).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(1)
    await vi.advanceTimersByTimeAsync(500)
    expect(grants).toEqual([
      { name: 'a', at: 0, waited: 0 },
      { name: 'b', at: 0, waited: 0 },
      { name: 'c', at: 0, waited: 0 },
      { name: 'd', at: 500, waited: 500 },
      { name: 'e', at: 1000, waited: 1000 },
    ])
    expect(limiter.pending).toBe(0)
  })

  it('defaults burst to perSecond', async () => {
    const limiter = rateLimit({ perSecond: 4 })
    const grants: Grant[] = []
    request(limiter, ['a', 'b', 'c', 'd', 'e'], grants)
    await vi.advanceTimersByTimeAsync(0)
    expect(grants).toHaveLength(4)
    await vi.advanceTimersByTimeAsync(250)
    expect(grants.at(-1)).toEqual({ name: 'e', at: 250, waited: 250 })
  })

  it('allows one token at a time for a fractional perSecond', async () => {
    const limiter = rateLimit({ perSecond: 0.5 })
    const grants: Grant[] = []
    request(limiter, ['a', 'b'], grants)
    await vi.advanceTimersByTimeAsync(1999)
    expect(grants.map((g) => g.name)).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1)
    expect(grants.map((g) => g.at)).toEqual([0, 2000])
  })

  it('refills up to burst while idle, no further', async () => {
    const limiter = rateLimit({ perSecond: 10, burst: 2 })
    const grants: Grant[] = []
    request(limiter, ['a', 'b'], grants)
    await vi.advanceTimersByTimeAsync(60_000)
    request(limiter, ['c', 'd', 'e'], grants)
    await vi.advanceTimersByTimeAsync(0)
    expect(grants.map((g) => g.name)).toEqual(['a', 'b', 'c', 'd'])
    await vi.advanceTimersByTimeAsync(100)
    expect(grants.at(-1)).toMatchObject({ name: 'e', waited: 100 })
  })

  it('serves 5 waiting callers in FIFO order', async () => {
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const grants: Grant[] = []
    request(limiter, ['first'], grants)
    request(limiter, ['1', '2', '3', '4', '5'], grants)
    await vi.advanceTimersByTimeAsync(5000)
    expect(grants.map((g) => [g.name, g.at])).toEqual([
      ['first', 0],
      ['1', 1000],
      ['2', 2000],
      ['3', 3000],
      ['4', 4000],
      ['5', 5000],
    ])
  })

  it('rejects an aborted waiter at once with signal.reason, without a token and without reordering', async () => {
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const grants: Grant[] = []
    request(limiter, ['first', '1', '2'], grants)
    const controller = new AbortController()
    const aborted = limiter.acquire(controller.signal)
    request(limiter, ['3', '4'], grants)
    await vi.advanceTimersByTimeAsync(0)
    expect(limiter.pending).toBe(5)

    const reason = new DOMException('user left', 'AbortError')
    controller.abort(reason)
    await expect(aborted).rejects.toBe(reason)
    expect(Date.now()).toBe(T0)
    expect(limiter.pending).toBe(4)

    await vi.advanceTimersByTimeAsync(4000)
    // '3' gets the token the aborted caller would have had: 3 s, not 4 s.
    expect(grants.map((g) => [g.name, g.at])).toEqual([
      ['first', 0],
      ['1', 1000],
      ['2', 2000],
      ['3', 3000],
      ['4', 4000],
    ])
  })

  it('rejects the head waiter on abort and grants the next one on time', async () => {
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const grants: Grant[] = []
    request(limiter, ['first'], grants)
    const controller = new AbortController()
    const aborted = limiter.acquire(controller.signal)
    request(limiter, ['next'], grants)
    await vi.advanceTimersByTimeAsync(300)
    controller.abort()
    await expect(aborted).rejects.toBe(controller.signal.reason)
    await vi.advanceTimersByTimeAsync(700)
    expect(grants.map((g) => [g.name, g.at])).toEqual([
      ['first', 0],
      ['next', 1000],
    ])
  })

  it('rejects at once for an already-aborted signal and keeps the token', async () => {
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const reason = new Error('gone')
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason)
    expect(limiter.pending).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
    await expect(limiter.acquire()).resolves.toBe(0)
  })

  it('ignores an abort after the token was granted', async () => {
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const controller = new AbortController()
    const granted = limiter.acquire(controller.signal)
    const grants: Grant[] = []
    request(limiter, ['1', '2'], grants)
    controller.abort()
    await expect(granted).resolves.toBe(0)
    expect(limiter.pending).toBe(2)
    await vi.advanceTimersByTimeAsync(2000)
    expect(grants.map((g) => [g.name, g.at])).toEqual([
      ['1', 1000],
      ['2', 2000],
    ])
  })

  it('pauses queued and new callers until Retry-After has passed after a 429', async () => {
    const limiter = rateLimit({ perSecond: 10, burst: 1 })
    const grants: Grant[] = []
    request(limiter, ['first', 'queued'], grants)
    await vi.advanceTimersByTimeAsync(0)
    limiter.observe(response(429, { 'Retry-After': '2' }))
    expect(limiter.pausedUntil).toBe(T0 + 2000)
    request(limiter, ['new'], grants)

    await vi.advanceTimersByTimeAsync(1999)
    expect(grants.map((g) => g.name)).toEqual(['first'])
    expect(limiter.pending).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(limiter.pausedUntil).toBeUndefined()
    await vi.advanceTimersByTimeAsync(100)
    expect(grants.map((g) => [g.name, g.at])).toEqual([
      ['first', 0],
      ['queued', 2000],
      ['new', 2100],
    ])
  })

  it('pauses a caller that arrives during a pause even when tokens are left', async () => {
    const limiter = rateLimit({ perSecond: 10, burst: 5 })
    limiter.observe(response(429, { 'Retry-After': '1' }))
    const grants: Grant[] = []
    request(limiter, ['a', 'b'], grants)
    await vi.advanceTimersByTimeAsync(999)
    expect(grants).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(grants).toEqual([
      { name: 'a', at: 1000, waited: 1000 },
      { name: 'b', at: 1000, waited: 1000 },
    ])
  })

  it.each([
    [
      'X-RateLimit-Remaining: 0 with X-RateLimit-Reset (delta seconds)',
      { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '3' },
    ],
    [
      'X-RateLimit-Remaining: 0 with X-RateLimit-Reset (epoch seconds)',
      { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(T0 / 1000 + 3) },
    ],
    ['RateLimit-Remaining: 0 with RateLimit-Reset', { 'RateLimit-Remaining': '0', 'RateLimit-Reset': '3' }],
  ])('pauses on a successful response with %s', async (_, headers) => {
    const limiter = rateLimit({ perSecond: 10 })
    limiter.observe(response(200, headers))
    expect(limiter.pausedUntil).toBe(T0 + 3000)
    const grants: Grant[] = []
    request(limiter, ['a'], grants)
    await vi.advanceTimersByTimeAsync(2999)
    expect(grants).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(grants).toEqual([{ name: 'a', at: 3000, waited: 3000 }])
  })

  it.each([
    ['X-RateLimit-Remaining > 0', 200, { 'X-RateLimit-Remaining': '1', 'X-RateLimit-Reset': '3' }],
    ['RateLimit-Remaining > 0', 200, { 'RateLimit-Remaining': '5', 'RateLimit-Reset': '3' }],
    ['an empty Remaining header', 200, { 'X-RateLimit-Remaining': '', 'X-RateLimit-Reset': '3' }],
    ['a reset without Remaining', 200, { 'X-RateLimit-Reset': '3' }],
    ['Remaining: 0 without a reset', 200, { 'X-RateLimit-Remaining': '0' }],
    ['a 429 without a reset header', 429, {}],
    ['a 503 with Retry-After', 503, { 'Retry-After': '3' }],
  ])('does not pause for %s', async (_, status, headers) => {
    const limiter = rateLimit({ perSecond: 10 })
    limiter.observe(response(status, headers))
    expect(limiter.pausedUntil).toBeUndefined()
    await expect(limiter.acquire()).resolves.toBe(0)
  })

  it('waits out a pause longer than the largest timer delay without spinning', async () => {
    const limiter = rateLimit({ perSecond: 10 })
    const days30 = 30 * 24 * 3600
    limiter.observe(response(429, { 'Retry-After': String(days30) }))
    const grants: Grant[] = []
    request(limiter, ['a'], grants)
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout')
    await vi.advanceTimersByTimeAsync(days30 * 1000 - 1)
    expect(grants).toEqual([])
    expect(setTimeoutSpy.mock.calls.length).toBeLessThan(3)
    await vi.advanceTimersByTimeAsync(1)
    expect(grants).toEqual([{ name: 'a', at: days30 * 1000, waited: days30 * 1000 }])
  })

  it('with a pause limit, refuses at once a pause longer than it, and rejects waiters when one starts', async () => {
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const limit = { maxMs: 60_000, request: { method: 'GET', url: '/orders', requestId: 'r1' } }
    await limiter.acquire(null, limit)
    const controller = new AbortController()
    const queued = limiter.acquire(controller.signal, limit).catch((reason: unknown) => reason)
    const patient = limiter.acquire()
    expect(limiter.pending).toBe(2)

    limiter.observe(response(429, { 'Retry-After': '3600' }))
    const refused = await queued
    expect(refused).toBeInstanceOf(HttpError)
    expect(refused).toMatchObject({ status: 429, retryAfterMs: 3_600_000, request: limit.request })
    expect(refused instanceof Error && refused.message).toBe(
      'GET /orders (request r1) failed with 429 Too Many Requests: not sent: the rate limit is spent; retry after 3600 s',
    )
    expect(limiter.pending).toBe(1)
    // The refused waiter's abort listener is gone: aborting now changes nothing.
    controller.abort()
    expect(limiter.pending).toBe(1)

    await vi.advanceTimersByTimeAsync(1_000)
    await expect(limiter.acquire(null, limit)).rejects.toMatchObject({ retryAfterMs: 3_599_000 })
    // Without a limit, a caller waits the hour out.
    await vi.advanceTimersByTimeAsync(3_599_000)
    await expect(patient).resolves.toBe(3_600_000)
  })

  it('with a pause limit, waits out a pause within it', async () => {
    const limiter = rateLimit({ perSecond: 10 })
    limiter.observe(response(429, { 'Retry-After': '30' }))
    const granted = limiter.acquire(null, {
      maxMs: 60_000,
      request: { method: 'GET', url: '/', requestId: 'r' },
    })
    await vi.advanceTimersByTimeAsync(30_000)
    await expect(granted).resolves.toBe(30_000)
  })

  it('never shortens a pause with a later, shorter reset', () => {
    const limiter = rateLimit({ perSecond: 10 })
    limiter.observe(response(429, { 'Retry-After': '5' }))
    limiter.observe(response(429, { 'Retry-After': '1' }))
    expect(limiter.pausedUntil).toBe(T0 + 5000)
    limiter.observe(response(429, { 'Retry-After': '8' }))
    expect(limiter.pausedUntil).toBe(T0 + 8000)
  })

  it('keeps at most one timer pending, and none when idle', async () => {
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const controller = new AbortController()
    const waiting = Array.from({ length: 10 }, () =>
      limiter.acquire(controller.signal).catch(() => 'aborted'),
    )
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(2500)
    expect(vi.getTimerCount()).toBe(1)
    limiter.observe(response(429, { 'Retry-After': '10' }))
    expect(vi.getTimerCount()).toBe(1)
    controller.abort()
    expect(await Promise.all(waiting)).toEqual([0, 1000, 2000, ...Array(7).fill('aborted')])
    expect(vi.getTimerCount()).toBe(0)

    request(limiter, ['a', 'b'], [])
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersByTimeAsync(20_000)
    expect(limiter.pending).toBe(0)
    expect(vi.getTimerCount()).toBe(0)
  })

  it.each([
    [{ perSecond: 0 }, 'perSecond must be a positive number, got 0'],
    [{ perSecond: -2 }, 'perSecond must be a positive number, got -2'],
    [{ perSecond: Number.NaN }, 'perSecond must be a positive number, got NaN'],
    [{ perSecond: Number.POSITIVE_INFINITY }, 'perSecond must be a positive number, got Infinity'],
    [{ perSecond: 5, burst: 0 }, 'burst must be a number >= 1, got 0'],
    [{ perSecond: 5, burst: 0.5 }, 'burst must be a number >= 1, got 0.5'],
    [{ perSecond: 5, burst: Number.NaN }, 'burst must be a number >= 1, got NaN'],
    [{ perSecond: 5, burst: Number.POSITIVE_INFINITY }, 'burst must be a number >= 1, got Infinity'],
  ])('rejects the options %o', (options, message) => {
    expect(() => rateLimit(options)).toThrow(new TypeError(`rateLimit ${message}`))
  })
})
