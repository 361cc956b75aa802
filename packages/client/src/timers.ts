/** The longest delay `setTimeout` takes: a longer one fires after 1 ms in Node and browsers. */
const MAX_DELAY = 2 ** 31 - 1

/**
 * Reads a `timeout` / `totalTimeout` option: the number of ms, or `undefined` for no timer. `false` and
 * `Infinity` mean none; `0` means the time is already up (the call fails with a `TimeoutError` without
 * sending); any other non-negative number is honoured exactly, however large (timers are chained past
 * 2^31−1 ms). A negative number, NaN or a non-number throws a `TypeError`.
 *
 * @example
 * timerValue('timeout', 5_000) // 5000
 * timerValue('totalTimeout', Infinity) // undefined
 * timerValue('timeout', -1) // throws TypeError
 */
export function timerValue(name: string, value: unknown): number | undefined {
  if (value === false || value === Infinity) return undefined
  if (typeof value !== 'number' || !(value >= 0)) {
    // String(): a template literal throws its own TypeError for a Symbol.
    throw new TypeError(
      `Ferry: \`${name}\` must be a number of ms (0 or more), or false or Infinity; got ${String(value)}.`,
    )
  }
  return value
}

/**
 * Calls `fire` after `ms`, chaining timers for delays beyond what one timer takes. Returns the canceller.
 *
 * @example
 * const cancel = startTimer(3 * 2 ** 31, () => console.log('much later'))
 */
export function startTimer(ms: number, fire: () => void): () => void {
  let timer: ReturnType<typeof setTimeout>
  const arm = (left: number) => {
    timer = setTimeout(left > MAX_DELAY ? () => arm(left - MAX_DELAY) : fire, Math.min(left, MAX_DELAY))
  }
  arm(ms)
  return () => clearTimeout(timer)
}
