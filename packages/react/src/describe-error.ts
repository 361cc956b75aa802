import {
  isApiError,
  isCircuitOpenError,
  isFerryError,
  isHttpError,
  isNetworkError,
  isTimeoutError,
} from '@ferry/client'

const tryAgain = (ms: number | undefined) =>
  `Try again ${ms === undefined ? 'later' : `in ${Math.max(1, Math.ceil(ms / 1000))} s`}.`

/**
 * A short message for a person, by error kind: offline, timed out, rate-limited ("Try again in 12 s."),
 * server error, not found, unexpected data, the service paused (circuit open), or the server's own words
 * (a problem+json `detail`, an envelope error's message). For logs use `error.message`, which names the request.
 *
 * @example
 * <p role="alert">{describeError(state.error)}</p>
 */
export function describeError(error: unknown): string {
  if (isNetworkError(error))
    return typeof navigator !== 'undefined' && !navigator.onLine
      ? 'You are offline.'
      : 'Could not reach the server.'
  if (isTimeoutError(error)) return 'The server took too long to respond.'
  if (isCircuitOpenError(error)) return `The service is unavailable. ${tryAgain(error.retryAt - Date.now())}`
  if (isHttpError(error)) {
    const { status } = error
    if (status === 429) return `Too many requests. ${tryAgain(error.retryAfterMs)}`
    return (
      error.problem?.detail ??
      (status === 404
        ? 'Not found.'
        : status > 499
          ? `Server error. ${tryAgain(undefined)}`
          : `Request refused (${status}).`)
    )
  }
  // An envelope error carries the API's own words ("SKU A-1 is out of stock"): better than a generic line.
  if (isApiError(error)) return error.detail
  return isFerryError(error) ? 'The server sent unexpected data.' : 'Something went wrong.'
}
