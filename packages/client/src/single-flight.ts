/**
 * One run of `task` shared by every caller that asks while it runs; each caller waits under its own signal.
 * A caller whose signal aborts stops waiting at once (with the signal's reason); when every caller has left,
 * the run is abandoned: its signal aborts (so the task can stop its own fetch), what it later returns is
 * ignored, and the next call starts a new run instead of waiting for one that may never settle.
 *
 * @example
 * const refresh = singleFlight((signal) => renewToken(signal))
 * await refresh(request.signal)
 */
export function singleFlight(
  task: (signal: AbortSignal) => Promise<void>,
): (signal?: AbortSignal) => Promise<void> {
  let flight: Flight | undefined
  return (signal) => {
    if (!flight) {
      const controller = new AbortController()
      const run: Flight = { controller, waiters: 0, done: Promise.resolve() }
      run.done = task(controller.signal).finally(() => {
        if (flight === run) flight = undefined
      })
      flight = run
    }
    return join(flight, signal, () => {
      if (flight?.waiters === 0) {
        flight.controller.abort(signal?.reason)
        flight = undefined
      }
    })
  }
}

interface Flight {
  readonly controller: AbortController
  waiters: number
  done: Promise<void>
}

/** Waits for `flight` until it settles or `signal` aborts; `abandoned` runs after a waiter left by its signal. */
function join(flight: Flight, signal: AbortSignal | undefined, abandoned: () => void): Promise<void> {
  flight.waiters++
  return new Promise<void>((resolve, reject) => {
    let waiting = true
    const leave = () => {
      waiting = false
      flight.waiters--
      signal?.removeEventListener('abort', onAbort)
    }
    const onAbort = () => {
      if (!waiting) return
      leave()
      abandoned()
      reject(signal?.reason)
    }
    if (signal?.aborted) return onAbort()
    signal?.addEventListener('abort', onAbort, { once: true })
    flight.done.then(
      () => {
        if (!waiting) return
        leave()
        resolve()
      },
      (error: unknown) => {
        if (!waiting) return
        leave()
        reject(error)
      },
    )
  })
}
