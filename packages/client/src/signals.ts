import { startTimer } from './timers.js'

const same = (error: unknown): unknown => error

/**
 * A signal for one attempt (or one call): it aborts when `parent` aborts, with the parent's reason, or when
 * `ms` elapse; without `ms` it is the parent itself (no controller to pay for). `race` bounds a promise by it
 * without trusting the transport: a `fetch` (or a body) that ignores its signal still loses to the timer.
 * `dispose()` removes the listener from `parent`: Node < 23.1 leaks every signal combined with
 * `AbortSignal.any` into a long-lived parent (nodejs/node#55351), so combining is done by hand.
 *
 * @example
 * const link = new LinkedSignal(callerSignal, 5_000)
 * try { return await link.race(fetch(url, { signal: link.signal })) } finally { link.dispose() }
 */
// A class, not a closure per field: a request creates one or two, and prototype methods cost no allocation per
// link (the per-request cost is what the overhead bench measures).
export class LinkedSignal {
  readonly signal: AbortSignal | undefined
  /** True once the timer, not the parent, aborted the signal. */
  timedOut = false
  /**
   * The pending race's reject: an abort reaches it directly, without a listener per race. One race at a time
   * per link (the engine awaits each before starting the next); a second one would take this over.
   */
  #cut: (() => void) | undefined
  #stop: (() => void) | undefined
  #off: (() => void) | undefined
  #listen: (() => void) | undefined

  constructor(parent: AbortSignal | undefined, ms?: number) {
    let abort = (_reason: unknown) => this.#cut?.()
    if (ms === undefined) this.signal = parent
    else {
      const controller = new AbortController()
      this.signal = controller.signal
      abort = (reason) => {
        controller.abort(reason)
        this.#cut?.()
      }
    }
    if (parent?.aborted) abort(parent.reason)
    else if (parent) {
      this.#listen = () => {
        const onAbort = () => abort(parent.reason)
        parent.addEventListener('abort', onAbort)
        this.#off = () => parent.removeEventListener('abort', onAbort)
        this.#listen = undefined
      }
    }
    // A follower listens only once it races: most calls never race their call's signal (one listener per call).
    if (ms === undefined || this.signal?.aborted) return
    this.#listen?.()
    const expire = () => {
      this.timedOut = true
      abort(new DOMException(`The operation timed out after ${ms} ms.`, 'TimeoutError'))
    }
    // No time at all is up now, not after a timer tick: nothing may be sent meanwhile.
    if (ms > 0) this.#stop = startTimer(ms, expire)
    else expire()
  }

  /**
   * Settles as `promise` does, or rejects as soon as the signal aborts. A value that arrives after that goes to
   * `late` (to cancel a response's body). `fail` maps either rejection to what to reject with.
   */
  race<T>(promise: Promise<T>, late?: (value: T) => void, fail = same): Promise<T> {
    const signal = this.signal
    this.#listen?.()
    return new Promise<T>((resolve, reject) => {
      let cut = false
      this.#cut = () => {
        cut = true
        reject(fail(signal?.reason))
      }
      if (signal?.aborted) this.#cut()
      promise.then(
        (value) => {
          if (cut) late?.(value)
          else {
            this.#cut = undefined
            resolve(value)
          }
        },
        (error: unknown) => {
          // Once cut, the signal stays aborted: a later race rejects at once, so no newer `cut` is lost here.
          this.#cut = undefined
          reject(fail(error))
        },
      )
    })
  }

  /** Stops the timer but keeps following the parent (a body handed to the caller stays abortable). */
  stopTimer(): void {
    this.#stop?.()
  }

  dispose(): void {
    this.#stop?.()
    this.#off?.()
    this.#cut = this.#listen = undefined
  }
}

/** Waits `ms`, or rejects at once with the signal's reason when it aborts first. Leaves no listener behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  const link = new LinkedSignal(signal)
  let stop = () => {}
  return link
    .race(
      new Promise<void>((resolve) => {
        stop = startTimer(ms, resolve)
      }),
    )
    .finally(() => {
      stop()
      link.dispose()
    })
}
