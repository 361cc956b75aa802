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
  /** The client's steps around each attempt, outermost first (circuit breaker, rate limiter, `use`, `auth` last). */
  readonly chain: ReadonlyArray<Middleware | undefined>
  readonly trusts: (url: string) => boolean
}

/**
 * Resolves what `createClient` shares between requests; throws a `TypeError` for a bad timer or retry value.
 *
 * @example
 * const ctx = clientContext({ baseUrl: '/api', timeout: 5_000 })
 */
export function clientContext(options: ClientOptions): ClientContext {
  const { baseUrl, allowedOrigins } = options
  return {
    options,
    retry: resolveRetry(options.retry),
    timeout: timerValue('timeout', options.timeout ?? DEFAULT_TIMEOUT),
    totalTimeout: timerValue('totalTimeout', options.totalTimeout ?? false),
    chain: [
      options.circuitBreaker?.middleware,
      options.rateLimit?.middleware,
      ...(options.use ?? []),
      options.auth,
    ],
    trusts: (url) => isTrustedUrl(url, baseUrl, allowedOrigins),
  }
}
