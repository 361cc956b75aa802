import { isCircuitOpenError, isFerryError } from '@ferry/client'
import { describeError } from '@ferry/react'
import type { ReactNode } from 'react'
import { useNow } from './use-now'

interface ErrorStateProps {
  readonly error: unknown
  /** What failed, as a heading: "Could not load orders". */
  readonly title: string
  readonly onRetry?: (() => void) | undefined
  /** Extra actions next to Retry (a link back, for example). */
  readonly children?: ReactNode
}

/** Why the request failed, in words, with the request id for support and a Retry button. */
export function ErrorState({ error, title, onRetry, children }: ErrorStateProps) {
  // "Try again in 13 s" for an open circuit counts down with the banner above it.
  useNow(isCircuitOpenError(error), 1000)
  const requestId = isFerryError(error) && !isCircuitOpenError(error) ? error.request.requestId : undefined
  return (
    <div className="state state--error" role="alert">
      <h2 className="state__title">{title}</h2>
      <p className="state__text">{describeError(error)}</p>
      {isCircuitOpenError(error) && (
        <p className="state__hint">
          The server failed several times in a row, so requests are paused briefly.
        </p>
      )}
      {requestId && <p className="state__hint">Request ID: {requestId}</p>}
      <div className="state__actions">
        {onRetry && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            Retry
          </button>
        )}
        {children}
      </div>
    </div>
  )
}
