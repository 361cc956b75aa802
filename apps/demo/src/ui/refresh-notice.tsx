import { describeError } from '@ferry/react'
import './states.css'

interface RefreshNoticeProps {
  readonly error: unknown
  /** What is shown below, as the sentence names it: "the orders". */
  readonly what: string
  readonly onRetry: () => void
}

/**
 * A failed refresh of data already on screen: the data stays, this says it may be out of date and why. The
 * `refreshError` slot of `<QueryState>` on every data screen.
 */
export function RefreshNotice({ error, what, onRetry }: RefreshNoticeProps) {
  return (
    <div className="notice notice--error refresh-notice" role="alert">
      <p>
        <strong>Could not refresh {what}; what you see may be out of date.</strong> {describeError(error)}
      </p>
      <button type="button" className="button" onClick={onRetry}>
        Retry
      </button>
    </div>
  )
}
