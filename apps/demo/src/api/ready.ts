/**
 * Requests wait for the API to be able to answer: the mock API's service worker starts while the app's shell
 * is already on screen, and the first requests go out once it controls the page. With a real backend there is
 * nothing to wait for.
 */
let ready: Promise<unknown> = Promise.resolve()

/** Holds every request of the app's clients until `until` settles (fulfilled or not). */
export function holdRequestsUntil(until: Promise<unknown>): void {
  ready = until.then(
    () => undefined,
    () => undefined,
  )
}

/** `fetch`, once the API is ready: the `fetch` option of the app's clients. */
export const fetchWhenReady: typeof fetch = (input, init) => ready.then(() => fetch(input, init))
