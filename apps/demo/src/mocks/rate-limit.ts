/**
 * A fixed per-minute window, like many real APIs: every /api request counts; over the limit → 429.
 */
export const rateLimitPerMinute = 600
const windowMs = 60_000

let windowStart = 0
let used = 0

export interface RateLimitVerdict {
  readonly allowed: boolean
  /** The X-RateLimit-* (and, when refused, Retry-After) headers for the response. */
  readonly headers: Record<string, string>
}

/**
 * Counts one request against the current window.
 *
 * @example
 * const { allowed, headers } = takeRateLimit()
 */
export function takeRateLimit(now: number = Date.now()): RateLimitVerdict {
  if (now - windowStart >= windowMs || now < windowStart) {
    windowStart = now - (now % windowMs)
    used = 0
  }
  const allowed = used < rateLimitPerMinute
  if (allowed) used += 1
  const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000))
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(rateLimitPerMinute),
    'X-RateLimit-Remaining': String(rateLimitPerMinute - used),
    'X-RateLimit-Reset': String(resetSeconds),
  }
  if (!allowed) headers['Retry-After'] = String(resetSeconds)
  return { allowed, headers }
}

/** Starts a fresh window. For tests (via resetData). */
export function resetRateLimit(): void {
  windowStart = 0
  used = 0
}
