import type { FerryEvent } from '@ferry/client'

/**
 * The app client's events, told to whoever subscribed: the request log, the rate-limit banner. `api/` knows no
 * feature; features subscribe here (in `main.tsx`, stories and tests), so the dependency points feature → api.
 */
export type ApiEventListener = (event: FerryEvent) => void

const listeners = new Set<ApiEventListener>()

/**
 * Calls `listener` with every event of the app's clients from now on; returns the unsubscribe function.
 *
 * @example
 * const stop = subscribeApiEvents((event) => console.debug(event.type, event.url))
 */
export function subscribeApiEvents(listener: ApiEventListener): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/**
 * Tells every subscriber about `event`: the clients built by `createApi` report through it
 * (`events: observe(emitApiEvent, …)`).
 */
export function emitApiEvent(event: FerryEvent): void {
  for (const listener of listeners) listener(event)
}
