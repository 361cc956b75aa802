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

/** The longest delay one timer takes; past it `startTimer` chains timers. */
const MAX_DELAY = 2 ** 31 - 1

// A class, not a closure per field: a request creates one or two of these, and prototype methods cost no
// allocation per link (the hot path's per-request cost is what the overhead bench measures).
class Link implements LinkedSignal {
  readonly controller = new AbortController()
  readonly signal = this.controller.signal
  timedOut = false
  /** The pending race's reject: the abort reaches it directly, without a listener per race. */
  cut: (() => void) | undefined
  timer: ReturnType<typeof setTimeout> | undefined
  stop: (() => void) | undefined
  readonly onAbort: (() => void) | undefined

  constructor(
    readonly parent: AbortSignal | undefined,
    ms: number | undefined,
  ) {
    if (parent) {
      this.onAbort = () => this.abort(parent.reason)
      if (parent.aborted) this.onAbort()
      else parent.addEventListener('abort', this.onAbort)
    }
    // No time at all is up now, not after a timer tick: nothing may be sent meanwhile.
    if (ms === undefined || this.signal.aborted) return
    if (ms <= 0) expire(this, ms)
    else if (ms <= MAX_DELAY) this.timer = setTimeout(expire, ms, this, ms)
    else this.stop = startTimer(ms, () => expire(this, ms))
  }

  abort(reason: unknown): void {
    this.controller.abort(reason)
    this.cut?.()
  }

  race<T>(promise: Promise<T>, late?: (value: T) => void, fail = same): Promise<T> {
    const signal = this.signal
    if (signal.aborted) {
      // Handled either way: what settles after the abort must not be an unhandled rejection.
      promise.then(late, nothing)
      return Promise.reject(fail(signal.reason))
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false
      this.cut = () => {
        settled = true
        reject(fail(signal.reason))
      }
      promise.then(
        (value) => {
          if (settled) late?.(value)
          else {
            this.cut = undefined
            resolve(value)
          }
        },
        (error: unknown) => {
          this.cut = undefined
          reject(fail(error))
        },
      )
    })
  }

  stopTimer(): void {
    clearTimeout(this.timer)
    this.stop?.()
  }

  dispose(): void {
    this.stopTimer()
    this.cut = undefined
    if (this.onAbort) this.parent?.removeEventListener('abort', this.onAbort)
  }
}

function expire(link: Link, ms: number): void {
  link.timedOut = true
  link.abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError'))
}

export function linkSignal(parent: AbortSignal | undefined, ms: number | undefined): LinkedSignal {
  return new Link(parent, ms)
}

/** The caller's own signal seen as a `LinkedSignal`: no controller, no timer, nothing to dispose. */
export function follow(signal: AbortSignal | undefined): LinkedSignal {
  return signal
    ? {
        signal,
        timedOut: false,
        race: (promise, late, fail) => raceSignal(promise, signal, late, fail),
        stopTimer: nothing,
        dispose: nothing,
      }
    : UNBOUNDED
}

/** No signal at all (no caller signal, no timer): shared, as it holds nothing of a request. */
const UNBOUNDED: LinkedSignal = {
  signal: undefined,
  timedOut: false,
  race: (promise, _late, fail) =>
    fail ? promise.catch((error: unknown) => Promise.reject(fail(error))) : promise,
  stopTimer: nothing,
  dispose: nothing,
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
