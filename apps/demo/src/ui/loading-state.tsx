import type { Retrying } from '@ferry/react'
import type { ReactNode } from 'react'
import { RetryNotice } from './retry-notice'
import './states.css'

interface LoadingStateProps {
  /** What is loading, for screen readers and the visible caption: "Loading orders". */
  readonly label: string
  readonly retrying: Retrying | null
  /** Placeholder lines drawn while waiting. */
  readonly lines?: number
  /**
   * A placeholder shaped like what replaces it (the table and its pagination), drawn instead of the lines; the
   * label is then for screen readers only, so the placeholder alone decides the height.
   */
  readonly placeholder?: ReactNode
}

/** The loading state: a labelled status region with skeleton lines and the client's retry countdown. */
export function LoadingState({ label, retrying, lines = 6, placeholder }: LoadingStateProps) {
  if (placeholder !== undefined)
    return (
      <div className="loading-state loading-state--shaped" role="status" aria-busy="true" aria-live="polite">
        <p className="visually-hidden">{label}…</p>
        <RetryNotice retrying={retrying} />
        {placeholder}
      </div>
    )
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
