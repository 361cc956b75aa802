import type { RequestDescriptor } from './errors.js'
import type { EventInput, FerryEvent } from './events.js'
import type { ClientOptions } from './options.js'

/** The reporter of a client without `onEvent`: calls to it build nothing. */
export const ignore = (): void => {}

/** The `onEvent` reporter of one request; a no-op without an observer, so the common case builds no event. */
export function eventsFor(client: ClientOptions, request: RequestDescriptor): (event: EventInput) => void {
  const observer = client.onEvent
  if (!observer) return ignore
  return (event) => {
    const full: FerryEvent = event.type === 'circuit' ? event : { ...request, ...event, time: Date.now() }
    try {
      observer(full)
    } catch {
      // An observer's bug must not break the request it observes.
    }
  }
}

/** The header names an `auth` step has set (`Auth.secretHeaders`), for the view to mask. */
const secretsOf = (auth: ClientOptions['auth']): ReadonlySet<string> | undefined =>
  auth && 'secretHeaders' in auth && auth.secretHeaders instanceof Set ? auth.secretHeaders : undefined

/**
 * `{ headers }` for an event when the client asked for them, through its `includeHeaders` view, which is told
 * the names of the client's credential headers. A view that throws gives no headers, like `onEvent`'s bugs
 * it must not break the request.
 */
export function eventHeaders(client: ClientOptions, source: Headers): { headers?: Record<string, string> } {
  const view = client.onEvent && client.includeHeaders
  if (!view) return {}
  try {
    return { headers: view(source, secretsOf(client.auth)) }
  } catch {
    return {}
  }
}
