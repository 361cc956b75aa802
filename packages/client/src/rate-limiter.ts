import { HttpError, type RequestDescriptor } from './errors.js'
import type { Middleware } from './middleware.js'
import { limitSpent, retryAfterMs } from './retry-timing.js'

export interface RateLimitOptions {
  /** Tokens added per second (may be fractional: 0.5 = one request every 2 s). */
  readonly perSecond: number
  /** Tokens available at once, the size of a burst. Default `perSecond` (at least 1). */
  readonly burst?: number
}

/** How long a caller waits out a pause the server asked for (the client passes `retry.maxRetryAfter`). */
export interface PauseLimit {
  /** The longest pause (ms left of it) the caller waits out. */
  readonly maxMs: number
  /** The request that would wait: named in the `HttpError` it is refused with. */
  readonly request: RequestDescriptor
}

export interface RateLimiter {
  /**
   * The step `createClient({ rateLimit })` runs around each attempt: waits for a token (abortable, FIFO;
   * a server-requested pause longer than `retry.maxRetryAfter` is refused at once), then learns from the
   * response.
   */
  readonly middleware: Middleware
  /**
   * Resolves with the ms waited once a token is granted. FIFO: a later caller never overtakes an earlier
   * one. An abort rejects at once with `signal.reason` and removes the caller from the queue (the others keep
   * their order) without using a token. With `limit`, a pause the server asked for that is longer than
   * `limit.maxMs` rejects at once (and a waiting caller as soon as such a pause starts) with an `HttpError`
   * 429 carrying the headers of the response that started the pause, `retryAfterMs` set to what is left.
   */
  acquire(signal?: AbortSignal | null, limit?: PauseLimit): Promise<number>
  /**
   * Learns from a response: a 429, or `X-RateLimit-Remaining` / `RateLimit-Remaining` of 0, with a reset
   * (`Retry-After`, `RateLimit-Reset`, `X-RateLimit-Reset`) pauses every queued and future `acquire` until then.
   */
  observe(response: Response): void
  /** Epoch ms until which no token is granted, `undefined` when not paused. */
  readonly pausedUntil: number | undefined
  /** Callers waiting for a token. */
  readonly pending: number
}

interface Waiter {
  readonly start: number
  readonly resolve: (waited: number) => void
  readonly reject: (reason: unknown) => void
  readonly abort: () => void
  readonly signal: AbortSignal | null | undefined
  readonly limit: PauseLimit | undefined
}

/**
 * A token bucket to share between requests: `burst` requests at once, then `perSecond`, in FIFO order. It also
 * pauses everyone when the server says the quota is spent, instead of letting each request hit the 429.
 *
 * @example
 * const limiter = rateLimit({ perSecond: 5, burst: 10 })
 * const api = createClient({ baseUrl: '/api', rateLimit: limiter })
 * const waited = await limiter.acquire(signal) // or use it directly
 */
export function rateLimit(options: RateLimitOptions): RateLimiter {
  const { perSecond, burst = Math.max(1, perSecond) } = options
  if (!(perSecond > 0 && perSecond < Number.POSITIVE_INFINITY)) {
    throw new TypeError(`rateLimit perSecond must be a positive number, got ${perSecond}`)
  }
  if (!(burst >= 1 && burst < Number.POSITIVE_INFINITY)) {
    throw new TypeError(`rateLimit burst must be a number >= 1, got ${burst}`)
  }
  let tokens = burst
  let last = Date.now()
  let paused = 0
  // The headers of the response that started the pause (its Retry-After or reset is in them).
  let pausedBy: Headers | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  const queue: Waiter[] = []

  // Grants tokens to the head of the queue while it can, then arms one timer for the next grant.
  const drain = () => {
    clearTimeout(timer)
    timer = undefined
    const now = Date.now()
    tokens = Math.min(burst, tokens + ((now - last) * perSecond) / 1000)
    last = now
    for (let head = queue[0]; head; head = queue[0]) {
      const wait = paused > now ? paused - now : ((1 - tokens) * 1000) / perSecond
      if (wait > 0) {
        // Timers over 2^31-1 ms fire at once: cap them, drain re-arms for the rest.
        timer = setTimeout(drain, Math.min(Math.ceil(wait), 2 ** 31 - 1))
        return
      }
      tokens--
      queue.shift()
      head.signal?.removeEventListener('abort', head.abort)
      head.resolve(now - head.start)
    }
  }

  // The refusal for a caller whose pause limit the current pause exceeds, if it does.
  const refusal = (limit: PauseLimit | undefined) => {
    const left = paused - Date.now()
    return pausedBy && limit && left > limit.maxMs
      ? new HttpError({
          request: limit.request,
          // A 429 whatever the status of the response that paused it (a 200 may say Remaining: 0).
          response: new Response(null, { status: 429, statusText: 'Too Many Requests', headers: pausedBy }),
          retryAfterMs: left,
          retryable: true,
          note: 'not sent: the rate limit is spent',
        })
      : undefined
  }
  const leave = (waiter: Waiter) => {
    queue.splice(queue.indexOf(waiter), 1)
    waiter.signal?.removeEventListener('abort', waiter.abort)
    if (!queue.length) clearTimeout(timer)
  }

  const limiter: RateLimiter = {
    middleware: async (request, next) => {
      const waited = await limiter.acquire(request.signal, {
        maxMs: request.maxWait,
        request: request.request,
      })
      if (waited > 0) request.emit({ type: 'rate-limit', delayMs: waited })
      const response = await next(request)
      limiter.observe(response)
      return response
    },
    acquire(signal, limit) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const refused = refusal(limit)
        if (refused) return reject(refused)
        const waiter: Waiter = {
          start: Date.now(),
          resolve,
          reject,
          signal,
          limit,
          abort() {
            leave(waiter)
            reject(signal?.reason)
          },
        }
        queue.push(waiter)
        signal?.addEventListener('abort', waiter.abort, { once: true })
        if (queue.length === 1) drain()
      })
    },
    observe(response) {
      if (!limitSpent(response)) return
      const until = Date.now() + (retryAfterMs(response.headers) ?? Number.NaN)
      // A shorter reset never shortens a pause already in force.
      if (!(until > paused)) return
      paused = until
      pausedBy = response.headers
      for (const waiter of [...queue]) {
        const refused = refusal(waiter.limit)
        if (refused) {
          leave(waiter)
          waiter.reject(refused)
        }
      }
      if (queue.length) drain()
    },
    get pausedUntil() {
      return paused > Date.now() ? paused : undefined
    },
    get pending() {
      return queue.length
    },
  }
  return limiter
}
