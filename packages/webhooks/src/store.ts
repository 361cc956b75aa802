/**
 * What a store answers when a delivery claims its event id:
 * - `claimed`: this delivery handles the event; it must `complete` or `release` with `token`.
 * - `in-progress`: another delivery holds the claim right now.
 * - `done`: the event was handled already.
 */
export type ClaimResult =
  | { readonly status: 'claimed'; readonly token: string }
  | { readonly status: 'in-progress' }
  | { readonly status: 'done' }

/**
 * Where the handler records which events it claimed and handled, so that each runs once. `memoryStore()` for
 * one process, `redisStore(client)` for several receivers; any object of this shape works (a database table
 * with a unique key, …).
 *
 * @example
 * const handler = createWebhookHandler({ secret, store: memoryStore(), handle })
 */
export interface WebhookStore {
  /** Atomically claims `eventId` unless it is claimed or done. */
  claim(eventId: string): Promise<ClaimResult>
  /** Marks the event handled, remembered for the store's TTL. */
  complete(eventId: string, token: string): Promise<void>
  /** Gives up a claim (the handler failed), but only the claim that `token` names. */
  release(eventId: string, token: string): Promise<void>
}

/** TTLs shared by the built-in stores. */
export interface StoreTtlOptions {
  /**
   * How long a handled event id is remembered, in ms. Default 3 days: Stripe redelivers for up to three days,
   * with a fresh signature each time, so the replay window alone does not stop those duplicates.
   */
  readonly ttlMs?: number
  /**
   * How long a claim lasts without `complete` or `release` (a crashed or hung handler), in ms; then the event
   * can be claimed again. Default 60 s; keep it above your slowest handler, or the event may run twice.
   */
  readonly lockTtlMs?: number
}

export const DEFAULT_TTL_MS = 3 * 24 * 60 * 60 * 1000
export const DEFAULT_LOCK_TTL_MS = 60_000

/** The TTLs with defaults, refusing values a timer or Redis would misread. */
export function storeTtls(options: StoreTtlOptions, caller: string): { ttlMs: number; lockTtlMs: number } {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS
  const lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS
  for (const [name, value] of [
    ['ttlMs', ttlMs],
    ['lockTtlMs', lockTtlMs],
  ] as const) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new TypeError(`${caller}: ${name} must be a whole number of milliseconds > 0, got ${value}.`)
    }
  }
  return { ttlMs, lockTtlMs }
}

/** A random claim token (which claim a `complete`/`release` belongs to). */
export function claimToken(): string {
  return globalThis.crypto.randomUUID()
}
