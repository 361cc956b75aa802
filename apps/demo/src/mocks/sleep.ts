/**
 * Waits `ms` on a real timer, ending early when `signal` aborts. 0 (or less) resolves without any timer, so
 * tests with the mock's defaults never depend on time.
 *
 * @example
 * await sleep(getChaos().latencyMs, request.signal)
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms)
    function done(): void {
      clearTimeout(timer)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}

/**
 * Resolves when `signal` aborts (at once if it already has): a request that is never answered.
 *
 * @example
 * await untilAborted(request.signal)
 */
export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve()
    else signal.addEventListener('abort', () => resolve(), { once: true })
  })
}
