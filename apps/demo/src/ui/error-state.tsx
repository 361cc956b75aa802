import { isCircuitOpenError, isFerryError } from '@ferry/client'
import { describeError } from '@ferry/react'
import { type ReactNode, useId } from 'react'
import { usesMockApi } from '../api/client'
import { waitingErrorText } from './announced-wait'
import { useAnnouncedWait } from './use-announced-wait'
import './states.css'

interface ErrorStateProps {
  readonly error: unknown
  /** What failed, as a heading: "Could not load orders". */
  readonly title: string
  readonly onRetry?: (() => void) | undefined
  /** Extra actions next to Retry (a link back, for example). */
  readonly children?: ReactNode
}

/** What happens next, in words: a countdown to the retry it will make on its own, or that it will not. */
function nextStep(left: number | undefined, canRetry: boolean): string | undefined {
  if (left !== undefined)
    return canRetry
      ? left > 0
        ? `Trying again on its own in ${left} s.`
        : 'Trying again now…'
      : `Try again in ${left} s.`
  if (!canRetry) return undefined
  return usesMockApi
    ? 'It tries again on its own when the chaos is calmed; or press Retry.'
    : 'It will not try again on its own: press Retry.'
}

/**
 * Why the request failed, in words, with the request id for support and a Retry button. A wait the error
 * announces (a 429's Retry-After, an open circuit) counts down each second and, when over, retries on its own.
 *
 * Only what failed and why is an alert, spoken once; it names the wait as it was when the error came. The
 * countdown ticks outside it, so a screen reader does not announce the alert again every second.
 */
export function ErrorState({ error, title, onRetry, children }: ErrorStateProps) {
  const wait = useAnnouncedWait(error, onRetry)
  const titleId = useId()
  const left = wait?.left
  const requestId = isFerryError(error) && !isCircuitOpenError(error) ? error.request.requestId : undefined
  const step = nextStep(left, onRetry !== undefined)
  const spokenWait =
    wait === undefined
      ? undefined
      : `${onRetry ? 'It tries again on its own in' : 'Try again in'} ${wait.seconds} seconds.`
  return (
    <section className="state state--error" aria-labelledby={titleId}>
      <div className="state__alert" role="alert">
        <h2 className="state__title" id={titleId}>
          {title}
        </h2>
        <p className="state__text">
          {(left !== undefined && waitingErrorText(error)) || describeError(error)}
          {spokenWait && <span className="visually-hidden"> {spokenWait}</span>}
        </p>
        {isCircuitOpenError(error) && (
          <p className="state__hint">
            The server failed several times in a row, so requests are paused briefly.
          </p>
        )}
      </div>
      {/* Outside the alert: the countdown changes each second, and is read when the user gets to it. */}
      {step && <p className="state__hint state__next">{step}</p>}
      {requestId && <p className="state__hint">Request ID: {requestId}</p>}
      <div className="state__actions">
        {onRetry && (
          <button type="button" className="button button--primary" onClick={onRetry}>
            Retry
          </button>
        )}
        {children}
      </div>
    </section>
  )
}
