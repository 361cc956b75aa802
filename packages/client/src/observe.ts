import type { RequestDescriptor } from './errors.js'
import type { EventInput, FerryEvent } from './events.js'
import type { Middleware } from './middleware.js'
import type { HeaderView } from './redacted-headers.js'

/** Options of `observe`. */
export interface ObserveOptions {
  /**
   * Puts request and response headers in events, as this view shows them: `redactedHeaders()` (secrets
   * masked, more names if you list them). Default: no headers in events.
   *
   * @example
   * observe(log, { includeHeaders: redactedHeaders(['X-Session']) })
   */
  readonly includeHeaders?: HeaderView | undefined
}

/**
 * The events step, for the client's `events` option: what `observe` returns. The core reports each call's
 * `request` (once an attempt is sure to be sent), `retry`, `warning` and terminal event through `report`; the
 * step around each fetch (placed after `auth`, so a replay after a refresh is seen) hands over the request's
 * headers and reports `response`.
 */
export interface Observer {
  /** Reports `event` of the call `request`, adding its id, method, URL and the time. */
  readonly report: (request: RequestDescriptor, event: EventInput) => void
  /** The step around each fetch, told the client's `auth` (whose credential headers a view masks). */
  readonly around: (auth: Middleware | undefined) => Middleware
}

/**
 * Observability as a step: `onEvent` is called synchronously with every event of every call (see
 * `FerryEvent`); an exception it throws is swallowed. A client without `events` carries none of this code.
 *
 * @example
 * const api = createClient({ baseUrl: '/api', events: observe((event) => log(event)) })
 * const audited = createClient({ events: observe(log, { includeHeaders: redactedHeaders(['X-Session']) }) })
 */
export function observe(onEvent: (event: FerryEvent) => void, options: ObserveOptions = {}): Observer {
  const view = options.includeHeaders
  // The headers of the attempt a call is about to send, as the view shows them: the core reports `request`
  // only once nothing can stop the send (no event for an attempt that time or an abort ended first).
  const sending = new WeakMap<RequestDescriptor, { headers?: Record<string, string> }>()
  return {
    report: (request, event) => {
      try {
        onEvent(
          event.type === 'circuit'
            ? event
            : {
                ...request,
                ...event,
                ...(event.type === 'request' && sending.get(request)),
                time: Date.now(),
              },
        )
      } catch {
        // An observer's bug must not break the request it observes.
      }
    },
    around: (auth) => {
      const secrets =
        auth && 'secretHeaders' in auth && auth.secretHeaders instanceof Set ? auth.secretHeaders : undefined
      /** `{ headers }` as the view shows them; a view that throws gives none, and must not break the request. */
      const headersOf = (source: Headers): { headers?: Record<string, string> } => {
        try {
          return view ? { headers: view(source, secrets) } : {}
        } catch {
          return {}
        }
      }
      return async (request, next) => {
        const { attempt } = request
        if (view) sending.set(request.request, headersOf(request.headers))
        const sentAt = Date.now()
        const response = await next(request)
        request.emit({
          type: 'response',
          attempt,
          status: response.status,
          durationMs: Date.now() - sentAt,
          ...headersOf(response.headers),
        })
        return response
      }
    },
  }
}
