import { CircuitOpenError, isFerryError } from './errors.js'
import type { FerryRequest, Middleware } from './middleware.js'
import { watchBody, withBody } from './watched-body.js'

/** `closed`: requests flow. `open`: requests fail fast. `half-open`: one probe request tests the server. */
export type CircuitState = 'closed' | 'open' | 'half-open'

export interface CircuitBreakerOptions {
  /** Consecutive failures (5xx, network, timeout) that open the circuit. Default 5. */
  readonly threshold?: number
  /** How long the circuit stays open before one probe is let through, in ms. Default 30 000. */
  readonly resetAfter?: number
}

/** What an attempt says of the server's health. */
export type BreakerOutcome = 'success' | 'failure' | 'neutral'

/**
 * The outcome of one attempt, from what the rest of the chain returned or threw: a 5xx, a network error or a
 * timeout is a `'failure'`; any other response a `'success'`; anything else thrown (the caller's abort, an
 * error raised before sending, such as a refused rate-limit pause or a failed credential refresh) says
 * nothing of the server and is `'neutral'`.
 *
 * @example
 * breakerOutcome({ status: 503 }) // 'failure'
 * breakerOutcome({ error: new DOMException('', 'AbortError') }) // 'neutral'
 */
export function breakerOutcome(
  settled: { readonly status: number } | { readonly error: unknown },
): BreakerOutcome {
  if ('status' in settled) return settled.status >= 500 ? 'failure' : 'success'
  const { error } = settled
  return isFerryError(error) && (error.kind === 'network' || error.kind === 'timeout') ? 'failure' : 'neutral'
}

/** Whether the client (or the caller) will read a body of this answer: a 2xx with content, not to a HEAD. */
function hasBodyToRead(request: FerryRequest, response: Response): boolean {
  const { status } = response
  return (
    response.ok &&
    status !== 204 &&
    status !== 205 &&
    request.method !== 'HEAD' &&
    response.headers.get('content-length') !== '0'
  )
}

/**
 * A body read that failed: the server's failure (a dropped connection, the attempt's timeout or
 * `totalTimeout` aborting the fetch), unless the caller aborted (then it says nothing of the server).
 */
function bodyFailure(request: FerryRequest): BreakerOutcome {
  const signal = request.signal
  const callerAborted =
    signal?.aborted && !(signal.reason instanceof DOMException && signal.reason.name === 'TimeoutError')
  return callerAborted ? 'neutral' : 'failure'
}

/**
 * A circuit breaker, and the step that applies it to every attempt of a client (`createClient({
 * circuitBreaker })`): an open circuit fails fast with a `CircuitOpenError` without calling the network.
 */
export interface CircuitBreaker {
  /** The step `createClient({ circuitBreaker })` runs around each attempt. */
  readonly middleware: Middleware
  readonly state: CircuitState
  /** Epoch ms when an open circuit lets a probe through; `undefined` unless open. */
  readonly retryAt: number | undefined
  /**
   * Called before each attempt. `ok: false` → fail with `CircuitOpenError` without calling fetch. Moves an open
   * circuit to half-open once `resetAfter` has passed; in half-open only one caller at a time gets
   * `ok: true` (`probe: true`), the others get `ok: false` with `retryAt` = now, until the probe's verdict
   * is recorded, or more than `resetAfter` has passed without one (another probe is then let through).
   */
  acquire(): { readonly ok: true; readonly probe: boolean } | { readonly ok: false; readonly retryAt: number }
  /**
   * Called after each attempt with the `probe` flag `acquire` returned. `'failure'` = 5xx, network error or
   * timeout; `'success'` = any other response; `'neutral'` = aborted by the caller (frees a probe's slot
   * without a verdict). `threshold` consecutive failures open the circuit; a probe's success closes it, a
   * probe's failure opens it again for another `resetAfter`.
   */
  record(outcome: BreakerOutcome, probe: boolean): void
  /** Calls `listener` on every state change, in order. Returns the unsubscribe function. */
  subscribe(listener: (state: CircuitState, previous: CircuitState) => void): () => void
  /** Closes the circuit and forgets past failures. */
  reset(): void
}

/**
 * A circuit breaker to share between requests: after `threshold` consecutive server failures it fails fast
 * for `resetAfter` ms, then lets one probe request through to see whether the server recovered.
 *
 * An attempt whose status is healthy (a 2xx with a body to read) is judged when its body has been read: a
 * complete body is a success, a body that fails (a dropped connection, a timeout) a failure, a body the
 * reader gives up on (a `break`, the caller's abort) neutral. Without a body to read, or on an error status,
 * the headers decide.
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
  let probeSince = 0
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

  const breaker: CircuitBreaker = {
    get state() {
      return state
    },
    get retryAt() {
      return state === 'open' ? retryAt : undefined
    },
    middleware: async (request, next) => {
      // The breaker is shared by clients with different observers, so each reports the changes it causes.
      const report = (previous: CircuitState) => {
        if (state !== previous) request.emit({ type: 'circuit', state, previous, time: Date.now() })
      }
      let previous = state
      const gate = breaker.acquire()
      report(previous)
      if (!gate.ok) throw new CircuitOpenError({ request: request.request, retryAt: gate.retryAt })
      let recorded = false
      const settle = (outcome: BreakerOutcome) => {
        if (recorded) return
        recorded = true
        previous = state
        breaker.record(outcome, gate.probe)
        report(previous)
      }
      let response: Response
      try {
        response = await next(request)
      } catch (error) {
        settle(breakerOutcome({ error }))
        throw error
      }
      const body = response.body
      if (!body || !hasBodyToRead(request, response)) {
        settle(breakerOutcome(response))
        return response
      }
      // Healthy headers say little until the body has come: a connection that dies or stalls mid-body is the
      // server failing. The verdict waits for the end of the read (or for the reader giving up).
      return withBody(
        response,
        watchBody(body, {
          end: () => settle('success'),
          error: () => settle(bodyFailure(request)),
          cancel: () => settle('neutral'),
        }),
      )
    },
    acquire() {
      if (state === 'open') {
        if (Date.now() < retryAt) return { ok: false, retryAt }
        move('half-open')
      }
      if (state === 'closed') return { ok: true, probe: false }
      const now = Date.now()
      // A probe whose verdict never comes (a body nobody reads) is given up once `resetAfter` has passed.
      if (probing && now - probeSince <= resetAfter) return { ok: false, retryAt: now }
      probing = true
      probeSince = now
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
  return breaker
}
