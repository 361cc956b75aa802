import type { Middleware } from './middleware.js'
import type { ClientOptions } from './options.js'
import { type RetryPolicy, resolveRetry } from './retry.js'
import { timerValue } from './timers.js'
import { isTrustedUrl } from './url.js'

const DEFAULT_TIMEOUT = 10_000

/** What every request of one client shares, resolved once by `createClient`. */
export interface ClientContext {
  readonly options: ClientOptions
  readonly retry: RetryPolicy
  /** Per-attempt timeout in ms, `undefined` for none. */
  readonly timeout: number | undefined
  readonly totalTimeout: number | undefined
  /** The client's steps around each attempt, outermost first: `outer`, then `inner`. */
  readonly chain: ReadonlyArray<Middleware | undefined>
  /** Circuit breaker, rate limiter and the client's `use`: a request's `use` runs inside them. */
  readonly outer: ReadonlyArray<Middleware | undefined>
  /** `auth` and the events step, closest to `fetch`: a request's `use` runs outside them. */
  readonly inner: ReadonlyArray<Middleware | undefined>
  readonly trusts: (url: string) => boolean
}

/**
 * Resolves what `createClient` shares between requests; throws a `TypeError` for a bad timer or retry value.
 *
 * @example
 * const ctx = clientContext({ baseUrl: '/api', timeout: 5_000 })
 */
export function clientContext(options: ClientOptions): ClientContext {
  const { baseUrl, allowedOrigins, auth } = options
  const outer = [options.circuitBreaker?.middleware, options.rateLimit?.middleware, ...(options.use ?? [])]
  const inner = [auth, options.events?.around(auth)]
  return {
    options,
    retry: resolveRetry(options.retry),
    timeout: timerValue('timeout', options.timeout ?? DEFAULT_TIMEOUT),
    totalTimeout: timerValue('totalTimeout', options.totalTimeout ?? false),
    chain: [...outer, ...inner],
    outer,
    inner,
    trusts: (url) => isTrustedUrl(url, baseUrl, allowedOrigins),
  }
}
