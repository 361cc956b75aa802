import type { RetryOptions } from './options.js'

/** A retry policy with every field resolved: what `resolveRetry` returns. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly limit: number
  /** Response statuses that are retried. */
  readonly statuses: ReadonlyArray<number>
  /** Methods retried without an Idempotency-Key (compared case-insensitively). */
  readonly methods: ReadonlyArray<string>
  /** Base of the exponential backoff, in ms. */
  readonly baseDelay: number
  /** Cap of one backoff sleep, in ms. */
  readonly maxDelay: number
  /** The longest server-requested wait honoured, in ms; `Infinity` honours any. */
  readonly maxRetryAfter: number
  readonly retryOnTimeout: boolean
}

const DEFAULTS: RetryPolicy = {
  limit: 2,
  statuses: [408, 429, 500, 502, 503, 504],
  methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
  baseDelay: 300,
  maxDelay: 10_000,
  maxRetryAfter: 60_000,
  retryOnTimeout: true,
}

const toOptions = (value: RetryOptions | number | false | undefined): RetryOptions =>
  value === false ? { limit: 0 } : typeof value === 'number' ? { limit: value } : (value ?? {})

/**
 * Resolves the client's and the request's `retry` option into a full policy: defaults, then the client's
 * fields, then the request's (field by field; an `undefined` field keeps the value below it). A number
 * sets `limit`; `false` sets `limit: 0`. Throws a `TypeError` for a limit that is not a non-negative
 * integer or a delay that is negative or NaN.
 *
 * @example
 * resolveRetry({ baseDelay: 100 }, 5) // { limit: 5, baseDelay: 100, maxDelay: 10_000, … }
 * resolveRetry(3, false).limit // 0
 */
export function resolveRetry(
  client?: RetryOptions | number | false,
  request?: RetryOptions | number | false,
): RetryPolicy {
  const c = toOptions(client)
  const r = toOptions(request)
  const pick = <K extends keyof RetryOptions>(key: K) => r[key] ?? c[key] ?? DEFAULTS[key]
  const policy: RetryPolicy = {
    limit: pick('limit'),
    statuses: pick('statuses'),
    methods: pick('methods'),
    baseDelay: pick('baseDelay'),
    maxDelay: pick('maxDelay'),
    maxRetryAfter: pick('maxRetryAfter'),
    retryOnTimeout: pick('retryOnTimeout'),
  }
  for (const key of ['limit', 'baseDelay', 'maxDelay', 'maxRetryAfter'] as const) {
    const value = policy[key]
    const integer = key === 'limit'
    // `!(value >= 0)` also rejects NaN and non-numbers.
    if (!(value >= 0) || (integer && !Number.isInteger(value))) {
      throw new TypeError(
        `retry.${key} must be a non-negative ${integer ? 'integer' : 'number'}, got ${value}`,
      )
    }
  }
  return policy
}

/**
 * The sleep before a retry, with full jitter: `random() × min(maxDelay, baseDelay × 2^retryIndex)`, rounded
 * to whole ms. `retryIndex` is 0 for the first retry.
 *
 * @example
 * backoffDelay(0, policy) // 0…300 ms with the defaults
 * backoffDelay(2, policy, () => 0.5) // 600 (half of 300 × 2²)
 */
export function backoffDelay(
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  return Math.round(random() * Math.min(policy.maxDelay, policy.baseDelay * 2 ** retryIndex))
}

/**
 * Whether a request with this method may be retried: its method is in `policy.methods` (any case), or it
 * carries an Idempotency-Key, which makes any method (POST, PATCH…) safe to repeat.
 *
 * @example
 * methodAllowsRetry('GET', policy, false) // true
 * methodAllowsRetry('POST', policy, false) // false: the server might apply it twice
 * methodAllowsRetry('POST', policy, true) // true
 */
export function methodAllowsRetry(method: string, policy: RetryPolicy, hasIdempotencyKey: boolean): boolean {
  const upper = method.toUpperCase()
  return hasIdempotencyKey || policy.methods.some((allowed) => allowed.toUpperCase() === upper)
}
