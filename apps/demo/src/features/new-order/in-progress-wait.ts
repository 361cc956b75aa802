import type { Middleware } from '@ferry/client'
import { useEffect, useMemo, useRef, useState } from 'react'

/**
 * The wait for an order the server is still processing, made stoppable.
 *
 * `useApiMutation` answers a 409 "in progress" to a key it sent before by waiting (`Retry-After`) and asking
 * again, staying pending; it takes no signal. The middleware this hook returns (for the mutation's `use`)
 * notices those 409s, and once the user stops waiting, or leaves the screen, it ends the attempt on the wire
 * and refuses every later one: the mutation then settles with the stop's `AbortError` at its next ask.
 */
export type InProgressWait =
  /** Nothing in progress on the server, as far as we know. */
  | { readonly state: 'idle' }
  /** The server said the same order is still being processed; the mutation asks again until it is done. */
  | { readonly state: 'waiting' }
  /** The user stopped waiting: the order may or may not have been created. */
  | { readonly state: 'stopped' }

/** Runs `start` unless `signal` has aborted, and rejects with its reason as soon as it aborts. */
function unlessAborted<T>(start: () => Promise<T>, signal: AbortSignal): Promise<T> {
  signal.throwIfAborted()
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason)
    signal.addEventListener('abort', stop, { once: true })
    start()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', stop))
  })
}

export function useInProgressWait() {
  const [wait, setWait] = useState<InProgressWait>({ state: 'idle' })
  const controller = useRef(new AbortController())
  // Leaving the screen stops the wait: nothing more is asked for an order no one is looking at.
  useEffect(() => {
    const current = controller
    return () => current.current.abort(new DOMException('The new-order screen was left.', 'AbortError'))
  }, [])

  const middleware = useMemo<Middleware>(
    () => async (request, next) => {
      const response = await unlessAborted(() => next(request), controller.current.signal)
      if (response.status === 409) setWait({ state: 'waiting' })
      return response
    },
    [],
  )

  return {
    wait,
    middleware,
    /** Stops waiting: the attempt in flight is dropped and no further one is sent. */
    stop: () => {
      controller.current.abort(new DOMException('The user stopped waiting for the order.', 'AbortError'))
      setWait({ state: 'stopped' })
    },
    /** Before a new submission: a fresh stop, and nothing known yet. */
    reset: () => {
      if (controller.current.signal.aborted) controller.current = new AbortController()
      setWait({ state: 'idle' })
    },
  }
}
