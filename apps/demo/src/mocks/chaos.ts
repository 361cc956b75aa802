/**
 * The chaos settings: how hostile the mock API is. Shared by the handlers (which obey them) and the UI's chaos
 * panel (which shows and changes them). Settings persist to localStorage so they survive a reload.
 */
export interface ChaosSettings {
  /** Added to every /api response, in ms (0–5000). */
  latencyMs: number
  /** Share (0..1) of requests answered with a 5xx. */
  serverErrorRate: number
  /** mixed = some 503 + Retry-After: 2, some HTML 502 pages, some 500 problem+json. */
  serverErrorKind: 'mixed' | '503' | '502-html' | '500'
  /** Share (0..1) of requests that fail at the network level (`HttpResponse.error()`). */
  networkErrorRate: number
  /** Share (0..1) of requests never answered (until the client aborts). */
  hangRate: number
  /** Share (0..1) of "200 but error" answers: status 200, body `{ error: { code, message } }`. */
  envelopeErrorRate: number
  /** Share (0..1) of 200 application/json answers with a truncated body. */
  malformedJsonRate: number
  /** List endpoints return no rows. */
  forceEmpty: boolean
  /** Every /api request is answered 429 with Retry-After: 5 and X-RateLimit-Remaining: 0. */
  rateLimited: boolean
  /** Downloads (export, invoice) are sent without Content-Length, as a chunked or compressed body often is. */
  unsizedDownloads: boolean
  /**
   * A new order takes `slowOrderProcessingMs` to process, and the gateway gives up first (504 with
   * Retry-After: 120) while the server carries on; the same Idempotency-Key meanwhile gets 409 "in progress".
   */
  slowOrders: boolean
}

/** How long the server works on an order while `slowOrders` is on. */
export const slowOrderProcessingMs = 10_000
/** When the gateway answers 504 to a slow order (the server carries on). */
export const slowOrderGatewayMs = 2_000

export const serverErrorKinds = ['mixed', '503', '502-html', '500'] as const

/** A well-behaved API: no latency, no faults. */
export const defaultChaos: ChaosSettings = Object.freeze({
  latencyMs: 0,
  serverErrorRate: 0,
  serverErrorKind: 'mixed',
  networkErrorRate: 0,
  hangRate: 0,
  envelopeErrorRate: 0,
  malformedJsonRate: 0,
  forceEmpty: false,
  rateLimited: false,
  unsizedDownloads: false,
  slowOrders: false,
})

/** The localStorage key the settings persist under. */
export const chaosStorageKey = 'ferry-demo:chaos'

const maxLatencyMs = 5000
type Listener = (settings: ChaosSettings) => void
const listeners = new Set<Listener>()
let current: ChaosSettings | undefined

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined
  } catch {
    // Access can throw (storage disabled, sandboxed iframes).
    return undefined
  }
}

function rate(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback
}

/** Keeps only valid fields of an untrusted object (localStorage, a patch from the UI), clamped to range. */
function sanitize(input: Record<string, unknown>, base: ChaosSettings): ChaosSettings {
  const { latencyMs, serverErrorKind, forceEmpty, rateLimited, unsizedDownloads, slowOrders } = input
  const kind = serverErrorKinds.find((k) => k === serverErrorKind)
  return {
    latencyMs:
      typeof latencyMs === 'number' && Number.isFinite(latencyMs)
        ? Math.round(Math.min(maxLatencyMs, Math.max(0, latencyMs)))
        : base.latencyMs,
    serverErrorRate: rate(input.serverErrorRate, base.serverErrorRate),
    serverErrorKind: kind ?? base.serverErrorKind,
    networkErrorRate: rate(input.networkErrorRate, base.networkErrorRate),
    hangRate: rate(input.hangRate, base.hangRate),
    envelopeErrorRate: rate(input.envelopeErrorRate, base.envelopeErrorRate),
    malformedJsonRate: rate(input.malformedJsonRate, base.malformedJsonRate),
    forceEmpty: typeof forceEmpty === 'boolean' ? forceEmpty : base.forceEmpty,
    rateLimited: typeof rateLimited === 'boolean' ? rateLimited : base.rateLimited,
    unsizedDownloads: typeof unsizedDownloads === 'boolean' ? unsizedDownloads : base.unsizedDownloads,
    slowOrders: typeof slowOrders === 'boolean' ? slowOrders : base.slowOrders,
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function load(): ChaosSettings {
  try {
    const saved: unknown = JSON.parse(storage()?.getItem(chaosStorageKey) ?? 'null')
    return isRecord(saved) ? sanitize(saved, defaultChaos) : { ...defaultChaos }
  } catch {
    return { ...defaultChaos }
  }
}

function commit(next: ChaosSettings, persist: boolean | 'already'): void {
  current = Object.freeze(next)
  try {
    if (persist === true) storage()?.setItem(chaosStorageKey, JSON.stringify(next))
    else if (persist === false) storage()?.removeItem(chaosStorageKey)
  } catch {
    // Quota or disabled storage: the settings still apply for this page's life.
  }
  for (const listener of listeners) listener(current)
}

// Another tab changed the chaos (the panel open beside the table): apply it here too, without writing back.
globalThis.addEventListener?.('storage', (event) => {
  if (event instanceof StorageEvent && event.key === chaosStorageKey) commit(load(), 'already')
})

/**
 * The current settings (read from localStorage on first use). The returned object is frozen and replaced on
 * every change, so it can be compared by identity (e.g. `useSyncExternalStore(subscribeChaos, getChaos)`).
 *
 * @example
 * if (getChaos().rateLimited) showBadge()
 */
export function getChaos(): ChaosSettings {
  current ??= Object.freeze(load())
  return current
}

/**
 * Changes some settings (invalid values are ignored, numbers clamped to range), persists them to localStorage
 * 'ferry-demo:chaos' when available and notifies subscribers.
 *
 * @example
 * setChaos({ serverErrorRate: 1, serverErrorKind: '503' })
 */
export function setChaos(patch: Partial<ChaosSettings>): void {
  commit(sanitize({ ...patch }, getChaos()), true)
}

/**
 * Back to `defaultChaos`; forgets the persisted settings.
 *
 * @example
 * afterEach(() => resetChaos())
 */
export function resetChaos(): void {
  commit({ ...defaultChaos }, false)
}

/**
 * Calls `listener` with the new settings after every change. Returns the unsubscribe function.
 *
 * @example
 * const stop = subscribeChaos((settings) => render(settings))
 */
export function subscribeChaos(listener: (settings: ChaosSettings) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}
