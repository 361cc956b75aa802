import type { FerryEvent } from '@ferry/client'

/**
 * When the API told us to slow down (a 429 with Retry-After), and until when. Fed by the client's events;
 * read by the rate-limit banner.
 */

let until = 0
let askedMs = 0
const listeners = new Set<() => void>()

/** Seconds (or an HTTP date) from a Retry-After header, as epoch ms from `now`; undefined when unreadable. */
export function retryAfterUntil(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return now + Math.max(0, seconds) * 1000
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : date
}

function extend(next: number | undefined, now: number): void {
  if (next === undefined || next <= until) return
  until = next
  askedMs = next - now
  for (const listener of listeners) listener()
}

/** Notes a 429's Retry-After (response events carry headers when the client's `observe` has `includeHeaders`). */
export function observeRateLimit(event: FerryEvent): void {
  if (event.type === 'response' && event.status === 429)
    extend(retryAfterUntil(event.headers?.['retry-after'], event.time) ?? event.time + 1000, event.time)
  else if (event.type === 'retry' && event.status === 429) extend(event.time + event.delayMs, event.time)
}

/** Epoch ms until which the API asked us to wait (may be in the past). */
export const getRateLimitedUntil = () => until

/** How long the API asked us to wait the last time, in ms. */
export const getRateLimitWaitMs = () => askedMs

export function subscribeRateLimit(listener: () => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** Forgets any pause (tests). */
export function resetRateLimit(): void {
  until = 0
  askedMs = 0
  for (const listener of listeners) listener()
}
