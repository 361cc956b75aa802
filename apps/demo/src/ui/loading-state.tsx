import type { Retrying } from '@ferry/react'
import { RetryNotice } from './retry-notice'

interface LoadingStateProps {
  /** What is loading, for screen readers and the visible caption: "Loading orders". */
  readonly label: string
  readonly retrying: Retrying | null
  /** Placeholder lines drawn while waiting. */
  readonly lines?: number
}

/** The loading state: a labelled status region with skeleton lines and the client's retry countdown. */
export function LoadingState({ label, retrying, lines = 6 }: LoadingStateProps) {
  return (
    <div className="loading-state" role="status" aria-busy="true" aria-live="polite">
      <p className="loading-state__label">{label}…</p>
      <RetryNotice retrying={retrying} />
      <div className="skeleton" aria-hidden="true">
        {Array.from({ length: lines }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholder lines, never reordered
          <span key={index} className="skeleton__line" />
        ))}
      </div>
    </div>
  )
}
