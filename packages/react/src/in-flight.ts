/** One request and how many hooks wait for it. */
interface Flight {
  readonly promise: Promise<unknown>
  readonly controller: AbortController
  users: number
}

// The requests in flight by key. Not a cache: an entry leaves when its request settles or is aborted.
const flights = new Map<string, Flight>()

/** A hook's share of a request: its outcome, and `leave()` (the last one to leave aborts it). */
export interface Share<T> {
  readonly promise: Promise<T>
  leave(): void
}

/**
 * Joins the request in flight for `key`, or starts one with `start` (always, with `fresh`: a refetch wants a
 * new answer; whoever waits for the old request keeps it). The request is aborted when the last hook leaves
 * and no hook joins it again within the same commit.
 */
export function join<T>(key: string, start: (signal: AbortSignal) => Promise<T>, fresh = false): Share<T> {
  let flight = fresh ? undefined : flights.get(key)
  if (!flight) {
    const controller = new AbortController()
    const started: Flight = { promise: start(controller.signal), controller, users: 0 }
    const done = () => {
      if (flights.get(key) === started) flights.delete(key)
    }
    started.promise.then(done, done)
    flights.set(key, started)
    flight = started
  }
  const joined = flight
  joined.users++
  let left = false
  return {
    // Every hook that shares a key asked for the same request (same client, path, options and schema), so
    // the first one's result type is each one's: the map's `unknown` cannot say so.
    promise: joined.promise as Promise<T>,
    leave: () => {
      if (left) return
      left = true
      if (--joined.users > 0) return
      // Decided a microtask later: a hook that joins again within the same commit (StrictMode's second mount,
      // a component that takes over another's key) keeps the request instead of aborting it and sending it
      // again. Aborting a request that has settled changes nothing.
      queueMicrotask(() => {
        if (joined.users > 0) return
        joined.controller.abort()
        if (flights.get(key) === joined) flights.delete(key)
      })
    },
  }
}
