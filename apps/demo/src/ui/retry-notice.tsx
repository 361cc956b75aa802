import type { Retrying } from '@ferry/react'
import { secondsUntil } from './format'
import { useNow } from './use-now'
import './states.css'

/**
 * "Retrying in 3 s (attempt 2 of 3)", counting down to the client's next attempt; once that attempt has
 * started (a hanging server keeps it running until the timeout), "Attempt 2 of 3 running…".
 */
export function retryText(retrying: Retrying, now: number): string {
  const of = `${retrying.attempt} of ${retrying.limit + 1}`
  const seconds = secondsUntil(retrying.at, now)
  return seconds > 0 ? `Retrying in ${seconds} s (attempt ${of})` : `Attempt ${of} running…`
}

/** The client's retry progress as a live line of text; nothing when no retry is scheduled. */
export function RetryNotice({ retrying }: { readonly retrying: Retrying | null }) {
  const now = useNow(retrying !== null)
  if (!retrying) return null
  return (
    <p className="retry-notice">
      <span className="retry-notice__dot" aria-hidden="true" />
      {retryText(retrying, now)}
    </p>
  )
}
