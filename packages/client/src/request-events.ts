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

/** `{ headers }` for an event when the client asked for them, through its `includeHeaders` view. */
export const eventHeaders = (client: ClientOptions, source: Headers) =>
  client.onEvent && client.includeHeaders ? { headers: client.includeHeaders(source) } : {}
