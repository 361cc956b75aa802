import type { Middleware } from '@ferry/client'

const hex = (bytes: number) =>
  Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('')

/**
 * The W3C trace context header of one attempt: the trace id is the request id's 32 hex digits (so every
 * attempt of a request is one trace, and the request log can show it), the span id is new per attempt.
 *
 * @example
 * traceparent('4bf92f35-77b3-4da6-a3ce-929d0e0e4736') // '00-4bf92f3577b34da6a3ce929d0e0e4736-<16 hex>-01'
 */
export function traceparent(requestId: string): string {
  const fromId = requestId.replace(/-/g, '').toLowerCase()
  // A request id that is not a UUID (set by hand) gets a random trace id; all zeros is invalid in W3C.
  const traceId = /^[\da-f]{32}$/.test(fromId) && /[^0]/.test(fromId) ? fromId : hex(16)
  return `00-${traceId}-${hex(8)}-01`
}

/**
 * The demo's own middleware: a `traceparent` header on every attempt sent to the app's API (not to other
 * origins, where a custom header would need a CORS preflight and could leak the trace).
 *
 * @example
 * const api = createClient({ baseUrl: '/api', use: [tracing] })
 */
export const tracing: Middleware = (request, next) => {
  if (request.trusted) request.headers.set('traceparent', traceparent(request.request.requestId))
  return next(request)
}
