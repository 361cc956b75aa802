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

/**
 * What a screen reader hears of a retry: the wait as scheduled, then that the attempt runs. It changes only at
 * those two moments, while the visible countdown changes every second.
 */
export function spokenRetryText(retrying: Retrying, now: number): string {
  const of = `${retrying.attempt} of ${retrying.limit + 1}`
  return secondsUntil(retrying.at, now) > 0
    ? `Retrying: attempt ${of} in ${Math.max(1, Math.ceil(retrying.delayMs / 1000))} s.`
    : `Attempt ${of} running…`
}

/**
 * The client's retry progress as a line of text; nothing when no retry is scheduled. It sits in the loading
 * state's live region, so the ticking countdown is hidden from screen readers and a steady sentence is read.
 */
export function RetryNotice({ retrying }: { readonly retrying: Retrying | null }) {
  const now = useNow(retrying !== null)
  if (!retrying) return null
  return (
    <p className="retry-notice">
      <span className="retry-notice__dot" aria-hidden="true" />
      <span aria-hidden="true">{retryText(retrying, now)}</span>
      <span className="visually-hidden">{spokenRetryText(retrying, now)}</span>
    </p>
  )
}
