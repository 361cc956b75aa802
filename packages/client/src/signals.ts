/**
 * A signal for one attempt (or one call): it aborts when `parent` aborts, with the parent's reason, or when
 * `ms` elapse. `dispose()` removes the listener from `parent`: Node < 23.1 leaks every signal combined with
 * `AbortSignal.any` into a long-lived parent (nodejs/node#55351), so combining is done by hand.
 */
export interface LinkedSignal {
  readonly signal: AbortSignal | undefined
  /** True once the timer, not the parent, aborted the signal. */
  readonly timedOut: boolean
  /** Stops the timer but keeps following the parent (a body handed to the caller stays abortable). */
  stopTimer(): void
  dispose(): void
}

export function linkSignal(parent: AbortSignal | undefined, ms: number | undefined): LinkedSignal {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const onAbort = () => controller.abort(parent?.reason)
  const stopTimer = () => clearTimeout(timer)
  // A plain data property, not a getter: V8 creates object literals with accessors far more slowly.
  const link = {
    signal: controller.signal,
    timedOut: false,
    stopTimer,
    dispose() {
      stopTimer()
      parent?.removeEventListener('abort', onAbort)
    },
  }
  if (parent?.aborted) onAbort()
  else parent?.addEventListener('abort', onAbort)
  if (ms !== undefined && !controller.signal.aborted) {
    timer = setTimeout(() => {
      link.timedOut = true
      controller.abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError'))
    }, ms)
  }
  return link
}

const nothing = () => {}

/** The caller's own signal seen as a `LinkedSignal`: no controller, no timer, nothing to dispose. */
export function follow(signal: AbortSignal | undefined): LinkedSignal {
  return { signal, timedOut: false, stopTimer: nothing, dispose: nothing }
}

/** Waits `ms`, or rejects at once with the signal's reason when it aborts first. Leaves no listener behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal?.reason)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
