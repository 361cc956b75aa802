import {
  type Client,
  type ClientOptions,
  circuitBreaker,
  createClient,
  envelope,
  observe,
  rateLimit,
  redactedHeaders,
} from '@ferry/client'
import { emitApiEvent } from './events'
import { fetchWhenReady } from './ready'
import { tracing } from './tracing'

const configured: unknown = import.meta.env.VITE_API_BASE_URL

/** A real backend's URL from `VITE_API_BASE_URL`, or undefined when the app runs on its mock API. */
export const apiBaseUrl = typeof configured === 'string' && configured !== '' ? configured : undefined

/** True when the embedded mock API (MSW) answers, so the chaos panel applies. */
export const usesMockApi = apiBaseUrl === undefined

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * The API's "200 but error" envelope, `{ error: { code, message } }`: thrown so the client reports an
 * `ApiError`; any other body is the data.
 */
export function unwrapEnvelope(body: unknown): unknown {
  if (isRecord(body) && isRecord(body.error) && typeof body.error.message === 'string') {
    const { code, message } = body.error
    throw Object.assign(new Error(message), { code: typeof code === 'string' ? code : 'unknown' })
  }
  return body
}

/**
 * Builds the app's client: retries with backoff and Retry-After, per-attempt and total timeouts, a circuit
 * breaker and a rate limiter of its own, a `traceparent` on every request (`tracing`, the demo's own
 * middleware), events on the `api/events` channel, and the envelope check. Tests pass `overrides` (a tiny
 * `baseDelay`, for example).
 */
export function createApi(overrides: Partial<ClientOptions> = {}): Client {
  return createClient({
    baseUrl: apiBaseUrl ?? '/api',
    timeout: 8_000,
    totalTimeout: 30_000,
    retry: { limit: 2 },
    circuitBreaker: circuitBreaker({ threshold: 5, resetAfter: 15_000 }),
    rateLimit: rateLimit({ perSecond: 10, burst: 20 }),
    // Headers (secrets masked) for the request log's trace ids and rate-limit figures, and the 429 banner.
    events: observe(emitApiEvent, { includeHeaders: redactedHeaders() }),
    fetch: fetchWhenReady,
    unwrap: envelope(unwrapEnvelope),
    use: [tracing],
    ...overrides,
  })
}

/** The one client of the app. */
export const api = createApi()
