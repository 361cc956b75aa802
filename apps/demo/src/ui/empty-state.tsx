import type { ReactNode } from 'react'
import './states.css'

interface EmptyStateProps {
  readonly title: string
  readonly children?: ReactNode
  /** A way out: clear the filters, create the first order… */
  readonly action?: ReactNode
}

/** Nothing to show, said plainly, with a way forward. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <div className="state state--empty">
      <svg className="state__icon" viewBox="0 0 24 24" aria-hidden="true">
        <path d="M4 7h16M4 12h10M4 17h7" />
      </svg>
      <h2 className="state__title">{title}</h2>
      {children && <p className="state__text">{children}</p>}
      {action && <div className="state__actions">{action}</div>}
    </div>
  )
}
