import type { FerryError, RequestDescriptor } from './errors.js'
import type { EventInput } from './events.js'

/**
 * One attempt as middleware sees it. Change it by calling `next` with a copy (`{ ...request, url }`) or by
 * setting `request.headers` (a fresh `Headers` per attempt, so a change never leaks into the next attempt).
 */
export interface FerryRequest {
  /** The URL sent (credentials are not in it; `request.url` below is the redacted form for logs). */
  readonly url: string
  readonly method: string
  /** This attempt's headers: request id, Accept, Content-Type and Idempotency-Key are already set. */
  readonly headers: Headers
  /** What `fetch` gets besides the URL, headers and signal: body, credentials, cache, redirect… */
  readonly init: Readonly<Omit<RequestInit, 'headers' | 'signal'>>
  /**
   * Aborts when the caller aborts or `totalTimeout` fires (absent when neither can happen). Pass it to
   * anything a middleware awaits; the per-attempt `timeout` starts only when the last middleware calls `next`.
   */
  readonly signal: AbortSignal | undefined
  /**
   * The per-attempt `timeout` in ms (`undefined` for none): it bounds each `fetch` from the core's side, and a
   * middleware that waits on something else within one attempt (a token refresh) should bound that wait by it.
   */
  readonly timeout: number | undefined
  /** 1 for the first attempt. */
  readonly attempt: number
  /** Method, redacted URL and request id: what errors and events name. */
  readonly request: RequestDescriptor
  /** False for an absolute URL on an origin that may not receive credentials (`allowedOrigins`). */
  readonly trusted: boolean
  /** Whether another URL (a redirect's `Location`) may receive credentials. */
  readonly trusts: (url: string) => boolean
  /** The longest server-requested wait the call honours (`retry.maxRetryAfter`), in ms. */
  readonly maxWait: number
  /** Reports an event to the client's `events` step (nothing happens without one); id, method, URL and time are added. */
  readonly emit: (event: EventInput) => void
}

/** The rest of the chain: the following middleware, and last the core's `fetch` with its timeout. */
export type Next = (request: FerryRequest) => Promise<Response>

/** What a middleware's `beforeRetry` is told: the failed attempt's error and the attempt about to run. */
export interface BeforeRetryState {
  readonly request: RequestDescriptor
  readonly error: FerryError
  /** The attempt about to run: 2 for the first retry. */
  readonly attempt: number
  /** How long the client sleeps before it. */
  readonly delayMs: number
}

/**
 * Wraps every attempt of every request: do something before `next` (add a header, wait), after it (look at
 * the response, record an outcome), instead of it (answer from a cache), or call it again (replay after a
 * refresh; the replay gets a fresh `timeout`). What it returns goes on to the status check and the body read;
 * what it throws fails the attempt (a Ferry error is classified and may be retried; anything else is the
 * caller's and rejects the call).
 *
 * Order: `circuitBreaker`, `rateLimit`, the client's `use` (first is outermost), the request's `use`, `auth`
 * (with its redirect guard), the `events` step, then `fetch`.
 *
 * Two optional properties let it take part in the call's decisions; the core calls them for every middleware
 * of the chain, in chain order, bounded by `totalTimeout` and the caller's signal:
 * - `beforeRetry(state)` after a retry was decided, before the sleep: `false` cancels the retry (the error is
 *   thrown as it is); what it throws rejects the call.
 * - `beforeError(error)` once with the final Ferry error (never for the caller's abort or the caller's own
 *   code failing): the error it returns is thrown instead, and reported in the terminal event.
 *
 * @example
 * const tracing: Middleware = (request, next) => {
 *   request.headers.set('traceparent', `00-${traceId()}-${spanId()}-01`)
 *   return next(request)
 * }
 * const api = createClient({ baseUrl: '/api', use: [tracing] })
 */
export interface Middleware {
  (request: FerryRequest, next: Next): Promise<Response>
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing (`void`) must be assignable.
  beforeRetry?: ((state: BeforeRetryState) => boolean | void | Promise<boolean | void>) | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing (`void`) must be assignable.
  beforeError?: ((error: FerryError) => FerryError | void | Promise<FerryError | void>) | undefined
}

/**
 * Runs `chain` around `last`, the first middleware outermost.
 *
 * @example
 * const send = compose([logging, signing], (request) => fetch(request.url))
 */
export function compose(chain: ReadonlyArray<Middleware | undefined>, last: Next): Next {
  return chain.reduceRight<Next>((next, step) => (step ? (request) => step(request, next) : next), last)
}
