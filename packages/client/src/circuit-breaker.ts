/** `closed`: requests flow. `open`: requests fail fast. `half-open`: one probe request tests the server. */
export type CircuitState = 'closed' | 'open' | 'half-open'

export interface CircuitBreakerOptions {
  /** Consecutive failures (5xx, network, timeout) that open the circuit. Default 5. */
  readonly threshold?: number
  /** How long the circuit stays open before one probe is let through, in ms. Default 30 000. */
  readonly resetAfter?: number
}

export interface CircuitBreaker {
  readonly state: CircuitState
  /** Epoch ms when an open circuit lets a probe through; `undefined` unless open. */
  readonly retryAt: number | undefined
  /**
   * Called before each attempt. `ok: false` → fail with `CircuitOpenError` without calling fetch. Moves an open
   * circuit to half-open once `resetAfter` has passed; in half-open only one caller at a time gets
   * `ok: true` (`probe: true`), the others get `ok: false` with `retryAt` = now.
   */
  acquire(): { readonly ok: true; readonly probe: boolean } | { readonly ok: false; readonly retryAt: number }
  /**
   * Called after each attempt with the `probe` flag `acquire` returned. `'failure'` = 5xx, network error or
   * timeout; `'success'` = any other response; `'neutral'` = aborted by the caller (frees a probe's slot
   * without a verdict). `threshold` consecutive failures open the circuit; a probe's success closes it, a
   * probe's failure opens it again for another `resetAfter`.
   */
  record(outcome: 'success' | 'failure' | 'neutral', probe: boolean): void
  /** Calls `listener` on every state change, in order. Returns the unsubscribe function. */
  subscribe(listener: (state: CircuitState, previous: CircuitState) => void): () => void
  /** Closes the circuit and forgets past failures. */
  reset(): void
}

/**
 * A circuit breaker to share between requests: after `threshold` consecutive server failures it fails fast
 * for `resetAfter` ms, then lets one probe request through to see whether the server recovered.
 *
 * @example
 * const breaker = circuitBreaker({ threshold: 5, resetAfter: 30_000 })
 * const api = createClient({ baseUrl: '/api', circuitBreaker: breaker })
 * breaker.subscribe((state) => setBanner(state === 'closed' ? null : 'The server is having trouble'))
 */
export function circuitBreaker(options: CircuitBreakerOptions = {}): CircuitBreaker {
  const { threshold = 5, resetAfter = 30_000 } = options
  if (!Number.isInteger(threshold) || threshold < 1) {
    throw new TypeError(`circuitBreaker threshold must be a positive integer, got ${threshold}`)
  }
  if (!(resetAfter >= 0 && resetAfter < Number.POSITIVE_INFINITY)) {
    throw new TypeError(`circuitBreaker resetAfter must be a non-negative number of ms, got ${resetAfter}`)
  }
  let state: CircuitState = 'closed'
  let failures = 0
  let retryAt = 0
  let probing = false
  const listeners = new Set<(state: CircuitState, previous: CircuitState) => void>()

  const move = (next: CircuitState) => {
    const previous = state
    probing = false
    failures = 0
    state = next
    if (next !== previous) for (const listener of [...listeners]) listener(next, previous)
  }
  const open = () => {
    retryAt = Date.now() + resetAfter
    move('open')
  }

  return {
    get state() {
      return state
    },
    get retryAt() {
      return state === 'open' ? retryAt : undefined
    },
    acquire() {
      if (state === 'open') {
        if (Date.now() < retryAt) return { ok: false, retryAt }
        move('half-open')
      }
      if (state === 'closed') return { ok: true, probe: false }
      if (probing) return { ok: false, retryAt: Date.now() }
      probing = true
      return { ok: true, probe: true }
    },
    record(outcome, probe) {
      if (probe) {
        // A probe outcome counts only while its slot is held (not after reset() or another verdict).
        if (state !== 'half-open' || !probing) return
        if (outcome === 'success') move('closed')
        else if (outcome === 'failure') open()
        else probing = false
      } else if (state === 'closed' && outcome !== 'neutral') {
        // Attempts that started before the circuit opened do not change an open or half-open circuit.
        failures = outcome === 'success' ? 0 : failures + 1
        if (failures >= threshold) open()
      }
    },
    subscribe(listener) {
      // Wrapped so the same function can be subscribed twice and unsubscribed independently, and so a
      // subscriber's exception cannot break the request whose outcome moved the circuit.
      const entry = (next: CircuitState, previous: CircuitState) => {
        try {
          listener(next, previous)
        } catch {}
      }
      listeners.add(entry)
      return () => {
        listeners.delete(entry)
      }
    },
    reset() {
      move('closed')
    },
  }
}
