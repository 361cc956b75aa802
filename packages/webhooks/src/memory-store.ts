import { type ClaimResult, claimToken, type StoreTtlOptions, storeTtls, type WebhookStore } from './store.js'

/** Options of {@link memoryStore}. */
export interface MemoryStoreOptions extends StoreTtlOptions {
  /** The clock, in ms since the epoch. Default `Date.now`. */
  readonly now?: () => number
}

type Entry = { readonly state: 'pending'; readonly token: string; readonly expiresAt: number } | DoneEntry
type DoneEntry = { readonly state: 'done'; readonly expiresAt: number }

/**
 * An in-memory {@link WebhookStore} with TTLs: the default, right for one process. Several processes or
 * instances behind a load balancer need a shared store such as {@link redisStore}.
 *
 * @example
 * const handler = createWebhookHandler({ secret, store: memoryStore({ ttlMs: 24 * 60 * 60 * 1000 }), handle })
 */
export function memoryStore(options: MemoryStoreOptions = {}): WebhookStore {
  const { ttlMs, lockTtlMs } = storeTtls(options, 'memoryStore')
  const now = options.now ?? Date.now
  const entries = new Map<string, Entry>()
  let nextSweep = 0

  // Expired entries are dropped in one pass at most once a minute, so memory follows the TTL without a timer
  // keeping the process alive.
  const sweep = (time: number) => {
    if (time < nextSweep) return
    nextSweep = time + 60_000
    for (const [id, entry] of entries) if (entry.expiresAt <= time) entries.delete(id)
  }

  return {
    // Synchronous from the lookup to the write: two concurrent claims of one id cannot both see it free.
    async claim(eventId): Promise<ClaimResult> {
      const time = now()
      sweep(time)
      const entry = entries.get(eventId)
      if (entry && entry.expiresAt > time)
        return entry.state === 'done' ? { status: 'done' } : { status: 'in-progress' }
      const token = claimToken()
      entries.set(eventId, { state: 'pending', token, expiresAt: time + lockTtlMs })
      return { status: 'claimed', token }
    },
    // Unconditional: the event *was* handled, even if a stale claim of ours was taken over meanwhile.
    async complete(eventId) {
      entries.set(eventId, { state: 'done', expiresAt: now() + ttlMs })
    },
    async release(eventId, token) {
      const entry = entries.get(eventId)
      if (entry?.state === 'pending' && entry.token === token) entries.delete(eventId)
    },
  }
}
