import type { ReactNode } from 'react'
import './page-header.css'

interface PageHeaderProps {
  readonly title: ReactNode
  readonly description?: ReactNode
  /** Buttons or links on the right. */
  readonly actions?: ReactNode
  /** Above the title: a back link. */
  readonly eyebrow?: ReactNode
}

/** A screen's title (the page's only h1; focused on navigation), its purpose and its main actions. */
export function PageHeader({ title, description, actions, eyebrow }: PageHeaderProps) {
  return (
    <header className="page-header">
      <div className="page-header__text">
        {eyebrow && <div className="page-header__eyebrow">{eyebrow}</div>}
        <h1 className="page-header__title" tabIndex={-1}>
          {title}
        </h1>
        {description && <p className="page-header__description">{description}</p>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  )
}
