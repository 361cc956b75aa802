import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type CircuitBreaker, type CircuitState, circuitBreaker } from './circuit-breaker.js'

const T0 = 1_700_000_000_000

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(T0)
})
afterEach(() => {
  vi.useRealTimers()
})

function fail(breaker: CircuitBreaker, times: number) {
  for (let i = 0; i < times; i++) {
    const slot = breaker.acquire()
    if (!slot.ok) throw new Error('expected the breaker to let the attempt through')
    breaker.record('failure', slot.probe)
  }
}

/** A breaker with threshold 3 that has just opened at T0. */
function opened() {
  const breaker = circuitBreaker({ threshold: 3, resetAfter: 1000 })
  fail(breaker, 3)
  return breaker
}

describe('circuitBreaker', () => {
  it('starts closed and lets attempts through without probing', () => {
    const breaker = circuitBreaker()
    expect(breaker.state).toBe('closed')
    expect(breaker.retryAt).toBeUndefined()
    expect(breaker.acquire()).toEqual({ ok: true, probe: false })
  })

  it('opens after exactly `threshold` consecutive failures', () => {
    const breaker = circuitBreaker({ threshold: 3 })
    fail(breaker, 2)
    expect(breaker.state).toBe('closed')
    fail(breaker, 1)
    expect(breaker.state).toBe('open')
  })

  it('opens after 5 failures by default', () => {
    const breaker = circuitBreaker()
    fail(breaker, 4)
    expect(breaker.state).toBe('closed')
    fail(breaker, 1)
    expect(breaker.state).toBe('open')
    expect(breaker.retryAt).toBe(T0 + 30_000)
  })

  it('resets the failure count on a success', () => {
    const breaker = circuitBreaker({ threshold: 3 })
    fail(breaker, 2)
    breaker.record('success', false)
    fail(breaker, 2)
    expect(breaker.state).toBe('closed')
    fail(breaker, 1)
    expect(breaker.state).toBe('open')
  })

  it('neither counts nor resets the failure count on a neutral outcome', () => {
    const breaker = circuitBreaker({ threshold: 3 })
    fail(breaker, 2)
    breaker.record('neutral', false)
    expect(breaker.state).toBe('closed')
    fail(breaker, 1)
    expect(breaker.state).toBe('open')
  })

  it('fails fast while open, with the time a probe will be allowed', () => {
    const breaker = opened()
    expect(breaker.retryAt).toBe(T0 + 1000)
    expect(breaker.acquire()).toEqual({ ok: false, retryAt: T0 + 1000 })
    vi.advanceTimersByTime(999)
    expect(breaker.acquire()).toEqual({ ok: false, retryAt: T0 + 1000 })
    expect(breaker.state).toBe('open')
  })

  it('ignores late outcomes of attempts that started before it opened', () => {
    const breaker = opened()
    vi.advanceTimersByTime(500)
    breaker.record('success', false)
    for (let i = 0; i < 3; i++) breaker.record('failure', false)
    expect(breaker.state).toBe('open')
    expect(breaker.retryAt).toBe(T0 + 1000)
  })

  it('goes half-open after resetAfter and lets exactly one probe through', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1000)
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    expect(breaker.state).toBe('half-open')
    expect(breaker.retryAt).toBeUndefined()
    expect(breaker.acquire()).toEqual({ ok: false, retryAt: T0 + 1000 })
    vi.advanceTimersByTime(1000)
    expect(breaker.acquire()).toEqual({ ok: false, retryAt: T0 + 2000 })
  })

  it('gives up a probe without a verdict once more than resetAfter has passed, and lets another through', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1000)
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    vi.advanceTimersByTime(1001)
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    expect(breaker.acquire()).toMatchObject({ ok: false })
    // Either probe's verdict decides.
    breaker.record('success', true)
    expect(breaker.state).toBe('closed')
  })

  it('closes when the probe succeeds, with a fresh failure count', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1000)
    // A probe verdict without a probe slot (nothing acquired yet) must not close the circuit.
    breaker.record('success', true)
    expect(breaker.state).toBe('open')
    const probe = breaker.acquire()
    expect(probe).toEqual({ ok: true, probe: true })
    breaker.record('success', true)
    expect(breaker.state).toBe('closed')
    expect(breaker.acquire()).toEqual({ ok: true, probe: false })
    fail(breaker, 2)
    expect(breaker.state).toBe('closed')
  })

  it('reopens for a fresh resetAfter when the probe fails', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1500)
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    vi.advanceTimersByTime(200)
    breaker.record('failure', true)
    expect(breaker.state).toBe('open')
    expect(breaker.retryAt).toBe(T0 + 1700 + 1000)
    expect(breaker.acquire()).toEqual({ ok: false, retryAt: T0 + 2700 })
  })

  it('frees the probe slot on a neutral outcome without a verdict', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1000)
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    breaker.record('neutral', true)
    expect(breaker.state).toBe('half-open')
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    expect(breaker.acquire()).toMatchObject({ ok: false })
  })

  it('ignores a second verdict for a probe slot already freed', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1000)
    breaker.acquire()
    breaker.record('neutral', true)
    breaker.record('success', true)
    expect(breaker.state).toBe('half-open')
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
  })

  it('does not let non-probe outcomes decide a half-open circuit', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1000)
    breaker.acquire()
    breaker.record('success', false)
    for (let i = 0; i < 3; i++) breaker.record('failure', false)
    expect(breaker.state).toBe('half-open')
    expect(breaker.acquire()).toMatchObject({ ok: false })
  })

  it('keeps working when a subscriber throws, and still tells the other subscribers', () => {
    const breaker = circuitBreaker({ threshold: 1 })
    const seen: CircuitState[] = []
    breaker.subscribe(() => {
      throw new Error('subscriber bug')
    })
    breaker.subscribe((state) => seen.push(state))
    expect(() => breaker.record('failure', false)).not.toThrow()
    expect(breaker.state).toBe('open')
    expect(seen).toEqual(['open'])
  })

  it('tells subscribers every transition in order, until they unsubscribe', () => {
    const breaker = circuitBreaker({ threshold: 1, resetAfter: 100 })
    const seen: Array<[CircuitState, CircuitState]> = []
    const unsubscribe = breaker.subscribe((state, previous) => seen.push([state, previous]))
    fail(breaker, 1)
    vi.advanceTimersByTime(100)
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    breaker.record('failure', true)
    vi.advanceTimersByTime(100)
    breaker.acquire()
    breaker.record('success', true)
    expect(seen).toEqual([
      ['open', 'closed'],
      ['half-open', 'open'],
      ['open', 'half-open'],
      ['half-open', 'open'],
      ['closed', 'half-open'],
    ])
    unsubscribe()
    fail(breaker, 1)
    expect(breaker.state).toBe('open')
    expect(seen).toHaveLength(5)
  })

  it('keeps two subscriptions of the same listener independent', () => {
    const breaker = circuitBreaker({ threshold: 1 })
    const listener = vi.fn()
    const first = breaker.subscribe(listener)
    breaker.subscribe(listener)
    first()
    fail(breaker, 1)
    expect(listener).toHaveBeenCalledOnce()
    expect(listener).toHaveBeenCalledWith('open', 'closed')
  })

  it('does not notify when nothing changes', () => {
    const breaker = circuitBreaker()
    const listener = vi.fn()
    breaker.subscribe(listener)
    breaker.reset()
    breaker.record('success', false)
    fail(breaker, 2)
    expect(listener).not.toHaveBeenCalled()
  })

  it('reset() closes the circuit, forgets failures and notifies', () => {
    const breaker = opened()
    const listener = vi.fn()
    breaker.subscribe(listener)
    breaker.reset()
    expect(breaker.state).toBe('closed')
    expect(breaker.retryAt).toBeUndefined()
    expect(listener).toHaveBeenCalledWith('closed', 'open')
    fail(breaker, 2)
    expect(breaker.state).toBe('closed')
  })

  it('reset() discards the verdict of a probe that was in flight', () => {
    const breaker = opened()
    vi.advanceTimersByTime(1000)
    breaker.acquire()
    breaker.reset()
    breaker.record('failure', true)
    expect(breaker.state).toBe('closed')
  })

  it('with resetAfter 0, lets the next attempt through as a probe', () => {
    const breaker = circuitBreaker({ threshold: 1, resetAfter: 0 })
    fail(breaker, 1)
    expect(breaker.state).toBe('open')
    expect(breaker.acquire()).toEqual({ ok: true, probe: true })
    expect(breaker.acquire()).toMatchObject({ ok: false })
  })

  it.each([
    [{ threshold: 0 }, 'threshold must be a positive integer, got 0'],
    [{ threshold: -1 }, 'threshold must be a positive integer, got -1'],
    [{ threshold: 1.5 }, 'threshold must be a positive integer, got 1.5'],
    [{ threshold: Number.NaN }, 'threshold must be a positive integer, got NaN'],
    [{ resetAfter: -1 }, 'resetAfter must be a non-negative number of ms, got -1'],
    [{ resetAfter: Number.NaN }, 'resetAfter must be a non-negative number of ms, got NaN'],
    [
      { resetAfter: Number.POSITIVE_INFINITY },
      'resetAfter must be a non-negative number of ms, got Infinity',
    ],
  ])('rejects the options %o', (options, message) => {
    expect(() => circuitBreaker(options)).toThrow(new TypeError(`circuitBreaker ${message}`))
  })
})
