import { limitSpent, retryAfterMs } from './retry.js'

export interface RateLimitOptions {
  /** Tokens added per second (may be fractional: 0.5 = one request every 2 s). */
  readonly perSecond: number
  /** Tokens available at once, the size of a burst. Default `perSecond` (at least 1). */
  readonly burst?: number
}

export interface RateLimiter {
  /**
   * Resolves with the ms waited once a token is granted. FIFO: a later caller never overtakes an earlier
   * one. An abort rejects at once with `signal.reason` and removes the caller from the queue (the others keep
   * their order) without using a token.
   */
  acquire(signal?: AbortSignal | null): Promise<number>
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
  readonly abort: () => void
  readonly signal: AbortSignal | null | undefined
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

  return {
    acquire(signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason)
        const waiter: Waiter = {
          start: Date.now(),
          resolve,
          signal,
          abort() {
            queue.splice(queue.indexOf(waiter), 1)
            if (!queue.length) clearTimeout(timer)
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
      if (queue.length) drain()
    },
    get pausedUntil() {
      return paused > Date.now() ? paused : undefined
    },
    get pending() {
      return queue.length
    },
  }
}
