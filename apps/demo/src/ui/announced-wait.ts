import { isCircuitOpenError, isHttpError } from '@ferry/client'

/**
 * The wait an error announces, as a deadline: an open circuit's `retryAt`, or a 429's Retry-After counted from
 * `seenAt` (when the screen first showed the error). Undefined when the error names no wait; then nothing
 * retries on its own.
 */
export function announcedWaitUntil(error: unknown, seenAt: number): number | undefined {
  if (isCircuitOpenError(error)) return error.retryAt
  if (isHttpError(error) && error.status === 429 && error.retryAfterMs !== undefined)
    return seenAt + error.retryAfterMs
  return undefined
}

/** The first sentence of an error that announces a wait, without describeError's frozen "Try again in N s". */
export function waitingErrorText(error: unknown): string | undefined {
  if (isCircuitOpenError(error)) return 'The service is unavailable.'
  if (isHttpError(error) && error.status === 429) return 'Too many requests.'
  return undefined
}
