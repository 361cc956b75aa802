import type { FerryError } from './errors.js'

/** Why an attempt is being retried: `'custom'` when `shouldRetry` asked for a retry the rules would not make. */
export type RetryReason = 'status' | 'network' | 'timeout' | 'custom'

/** Reported by `onRetry` and the `retry` event before each backoff sleep. */
export interface RetryInfo {
  /** The attempt about to start: 2 for the first retry. */
  readonly attempt: number
  /** Retries allowed (`retry.limit`): attempts in all are at most `limit + 1`. */
  readonly limit: number
  /** How long the client sleeps before that attempt. */
  readonly delayMs: number
  readonly reason: RetryReason
  /** The failure that caused the retry. */
  readonly error: unknown
}

/**
 * When to retry. The defaults retry GET, HEAD, OPTIONS, PUT and DELETE twice on 408, 429, 500, 502, 503,
 * 504, network errors and attempt timeouts; POST and PATCH only when an Idempotency-Key is sent.
 *
 * @example
 * const api = createClient({ retry: { limit: 4, statuses: [503], maxRetryAfter: 120_000 } })
 */
export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  readonly limit?: number
  readonly statuses?: ReadonlyArray<number>
  /** Methods retried without an Idempotency-Key. */
  readonly methods?: ReadonlyArray<string>
  /** Base of the exponential backoff, in ms. Default 300. */
  readonly baseDelay?: number
  /** Cap of one backoff sleep, in ms. Default 10 000. */
  readonly maxDelay?: number
  /** The longest `Retry-After` (or rate-limit reset) honoured, in ms; longer fails at once. Default 60 000. */
  readonly maxRetryAfter?: number
  /** Retry attempts that hit `timeout`. Default true. */
  readonly retryOnTimeout?: boolean
  /**
   * Decides after a failed attempt, once the safety rules allow a retry at all (the method or an
   * Idempotency-Key, a replayable body, `limit` not reached, time left before `totalTimeout`): `true` retries
   * whatever the error, `false` throws it, `undefined` leaves it to the rules above. What it throws rejects
   * the call as it is.
   *
   * @example
   * createClient({ retry: { shouldRetry: ({ error }) => (isHttpError(error) && error.status === 409 ? true : undefined) } })
   */
  readonly shouldRetry?:
    | ((state: ShouldRetryState) => boolean | undefined | Promise<boolean | undefined>)
    | undefined
  /**
   * The sleep before retry number `retry` (1 for the first), in ms, instead of the jittered backoff. A server's
   * `Retry-After` (or rate-limit reset) still wins, up to `maxRetryAfter`.
   *
   * @example
   * createClient({ retry: { delay: (retry) => 250 * retry } })
   */
  readonly delay?: ((retry: number, error: FerryError) => number) | undefined
}

/** What `retry.shouldRetry` is told. An `HttpError` carries the response's `status` and `headers`. */
export interface ShouldRetryState {
  readonly error: FerryError
  /** The attempt that failed, 1-based. */
  readonly attempt: number
  /** Retries already made. */
  readonly retries: number
}

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
  readonly shouldRetry?: RetryOptions['shouldRetry']
  readonly delay?: RetryOptions['delay']
}

/**
 * `object` without its `undefined` values, so that spreading it keeps what is below.
 *
 * @example
 * ({ ...{ limit: 3 }, ...defined({ limit: undefined, baseDelay: 50 }) }) // { limit: 3, baseDelay: 50 }
 */
export const defined = <T extends object>(object: T): Partial<T> => {
  const kept: Partial<T> = {}
  for (const key in object) if (object[key] !== undefined) kept[key] = object[key]
  return kept
}

/** A `retry` option as fields: a number is `limit`, `false` is `limit: 0`. */
export const toOptions = (value: RetryOptions | number | false | undefined): RetryOptions =>
  value === false || typeof value === 'number' ? { limit: +value } : (value ?? {})

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
  // The defaults, then the client's fields, then the request's.
  const policy: RetryPolicy = {
    limit: 2,
    statuses: [408, 429, 500, 502, 503, 504],
    methods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'],
    baseDelay: 300,
    maxDelay: 10_000,
    maxRetryAfter: 60_000,
    retryOnTimeout: true,
    ...defined(toOptions(client)),
    ...defined(toOptions(request)),
  }
  const { limit } = policy
  // `>= 0` is false for NaN and non-numbers.
  if (!(Number.isInteger(limit) && limit >= 0))
    throw new TypeError(`retry.limit must be an integer >= 0, got ${limit}`)
  for (const key of ['baseDelay', 'maxDelay', 'maxRetryAfter'] as const) {
    if (!(policy[key] >= 0)) throw new TypeError(`retry.${key} must be a number >= 0, got ${policy[key]}`)
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
export const backoffDelay = (
  retryIndex: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number => Math.round(random() * Math.min(policy.maxDelay, policy.baseDelay * 2 ** retryIndex))

/** Where a call stands when an attempt fails: what `decideRetry` needs besides the error. */
export interface RetryState {
  readonly policy: RetryPolicy
  /** Retries already made. */
  readonly retries: number
  /** The body can be sent again and the method (or an Idempotency-Key) makes a repeat safe. */
  readonly mayRetry: boolean
  readonly now: number
  /** Epoch ms of the total deadline; `Infinity` without one. */
  readonly deadline: number
  /** `shouldRetry`'s verdict: `true` retries any error, `false` none, `undefined` leaves it to the rules. */
  readonly verdict?: boolean | undefined
  readonly random?: () => number
}

/**
 * True when the safety rules allow a retry at all: the method (or an Idempotency-Key) and the body make a repeat
 * safe, retries are left, and the total deadline has not passed. Only then is `shouldRetry` asked.
 *
 * @example
 * retryAllowed({ policy, retries: 2, mayRetry: true, now: 0, deadline: Infinity }) // false with limit 2
 */
export const retryAllowed = (state: RetryState): boolean =>
  state.mayRetry && state.retries < state.policy.limit && state.now < state.deadline

/**
 * Whether to retry after `error`, why, and after how long; `undefined` means give up and throw it.
 * An `HttpError` marked `retryable` (its status is in `policy.statuses`), a network error or an attempt timeout
 * (with `retryOnTimeout`) is retried, or any error `shouldRetry` said `true` for, while `retryAllowed`; a
 * server-requested wait (`retryAfterMs`) is honoured exactly unless longer than `maxRetryAfter`; otherwise
 * `policy.delay` or the jittered backoff; no retry starts that would begin after the total deadline.
 *
 * @throws TypeError when `policy.delay` returns a negative number or NaN.
 * @example
 * decideRetry(networkError, { policy, retries: 0, mayRetry: true, now: 0, deadline: Infinity })
 * // { reason: 'network', delayMs: 0…300 }
 */
export function decideRetry(
  error: FerryError,
  state: RetryState,
): { readonly reason: RetryReason; readonly delayMs: number } | undefined {
  const { policy, verdict, retries } = state
  const { kind, retryable, retryAfterMs: wait, scope, timeoutMs }: ErrorFields = error
  const http = kind === 'http'
  const reason = http ? 'status' : kind === 'network' || kind === 'timeout' ? kind : 'custom'
  // A `timeout: 0` attempt would time out again at once; the total timeout leaves no time to act.
  const ruled = http
    ? retryable
    : kind === 'network' || (policy.retryOnTimeout && scope === 'attempt' && timeoutMs !== 0)
  // Without a rule or a verdict (a parse error, say), `verdict ?? ruled` is false whatever the reason.
  if (!(verdict ?? ruled) || !retryAllowed(state) || (wait ?? 0) > policy.maxRetryAfter) return undefined
  const delayMs =
    wait ?? (policy.delay ? policy.delay(retries + 1, error) : backoffDelay(retries, policy, state.random))
  if (!(delayMs >= 0)) throw new TypeError(`retry.delay must return a number of ms >= 0, got ${delayMs}`)
  return state.now + delayMs < state.deadline ? { reason, delayMs } : undefined
}

/** The fields `decideRetry` reads off any Ferry error: an HttpError's wait, a TimeoutError's scope and ms. */
type ErrorFields = FerryError & {
  readonly retryAfterMs?: number | undefined
  readonly scope?: unknown
  readonly timeoutMs?: unknown
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
