import { startTimer } from './timers.js'

/**
 * A signal for one attempt (or one call): it aborts when `parent` aborts, with the parent's reason, or when
 * `ms` elapse. `race` bounds a promise by it without trusting the transport: a `fetch` (or a body) that
 * ignores its signal still loses to the timer. `dispose()` removes the listener from `parent`: Node < 23.1
 * leaks every signal combined with `AbortSignal.any` into a long-lived parent (nodejs/node#55351), so
 * combining is done by hand.
 */
export interface LinkedSignal {
  readonly signal: AbortSignal | undefined
  /** True once the timer, not the parent, aborted the signal. */
  readonly timedOut: boolean
  /**
   * Settles as `promise` does, or rejects with the signal's reason as soon as it aborts. A value that arrives
   * after that goes to `late` (to cancel a response's body, for example). `fail` maps a rejection (both kinds)
   * to what to reject with: no `.catch` after it, one promise less per race on the hot path.
   */
  race<T>(promise: Promise<T>, late?: (value: T) => void, fail?: Fail): Promise<T>
  /** Stops the timer but keeps following the parent (a body handed to the caller stays abortable). */
  stopTimer(): void
  dispose(): void
}

const nothing = () => {}
type Fail = (error: unknown) => unknown
const same: Fail = (error) => error

export function linkSignal(parent: AbortSignal | undefined, ms: number | undefined): LinkedSignal {
  const controller = new AbortController()
  let stopTimer = nothing
  // The pending race's reject: the abort reaches it directly, without a listener per race.
  let cut: (() => void) | undefined
  const abort = (reason: unknown) => {
    controller.abort(reason)
    cut?.()
  }
  const onAbort = () => abort(parent?.reason)
  // A plain data property, not a getter: V8 creates object literals with accessors far more slowly.
  const link = {
    signal: controller.signal,
    timedOut: false,
    race<T>(promise: Promise<T>, late?: (value: T) => void, fail = same): Promise<T> {
      const signal = controller.signal
      if (signal.aborted) {
        // Handled either way: what settles after the abort must not be an unhandled rejection.
        promise.then(late, nothing)
        return Promise.reject(fail(signal.reason))
      }
      return new Promise<T>((resolve, reject) => {
        let settled = false
        cut = () => {
          settled = true
          reject(fail(signal.reason))
        }
        promise.then(
          (value) => {
            if (settled) late?.(value)
            else {
              cut = undefined
              resolve(value)
            }
          },
          (error: unknown) => {
            cut = undefined
            reject(fail(error))
          },
        )
      })
    },
    stopTimer: () => stopTimer(),
    dispose() {
      stopTimer()
      cut = undefined
      parent?.removeEventListener('abort', onAbort)
    },
  }
  if (parent?.aborted) onAbort()
  else parent?.addEventListener('abort', onAbort)
  const expire = () => {
    link.timedOut = true
    abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError'))
  }
  // No time at all is up now, not after a timer tick: nothing may be sent meanwhile.
  if (ms !== undefined && !controller.signal.aborted) {
    if (ms <= 0) expire()
    else stopTimer = startTimer(ms, expire)
  }
  return link
}

/** The caller's own signal seen as a `LinkedSignal`: no controller, no timer, nothing to dispose. */
export function follow(signal: AbortSignal | undefined): LinkedSignal {
  return {
    signal,
    timedOut: false,
    race: signal
      ? (promise, late, fail) => raceSignal(promise, signal, late, fail)
      : (promise, _late, fail) =>
          fail ? promise.catch((error: unknown) => Promise.reject(fail(error))) : promise,
    stopTimer: nothing,
    dispose: nothing,
  }
}

/** `promise`, or the signal's reason as soon as it aborts; a value arriving after that goes to `late`. */
function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  late?: (value: T) => void,
  fail = same,
): Promise<T> {
  if (signal.aborted) {
    promise.then(late, nothing)
    return Promise.reject(fail(signal.reason))
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(fail(signal.reason))
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(
      (value) => {
        if (signal.aborted) late?.(value)
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(fail(error))
      },
    )
  })
}

/** Waits `ms`, or rejects at once with the signal's reason when it aborts first. Leaves no listener behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const onAbort = () => {
      cancel()
      reject(signal?.reason)
    }
    const cancel = startTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    })
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
