import { subscribeApiEvents } from './api/events'
import { recordEvent } from './features/request-log/request-log-store'
import { observeRateLimit } from './features/status/rate-limit-store'

/**
 * Subscribes the features that watch the API to its event channel: the request log and the rate-limit banner.
 * Called by `main.tsx`, Storybook's preview and the component tests. Calling it again changes nothing (a
 * listener is subscribed once).
 */
export function connectApiEvents(): void {
  subscribeApiEvents(recordEvent)
  subscribeApiEvents(observeRateLimit)
}
