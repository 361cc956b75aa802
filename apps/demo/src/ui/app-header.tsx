import type { ReactNode } from 'react'
import { Link } from './link'
import './app-shell.css'

export interface NavItem {
  readonly view: string
  readonly label: string
}

interface AppHeaderProps {
  readonly items: ReadonlyArray<NavItem>
  /** The view shown (the nav item of a sub-screen, like an order's detail, is its parent). */
  readonly current: string
  /** Shown at the right: the chaos indicator. */
  readonly status?: ReactNode
}

/** The brand, the main navigation and a status slot. */
export function AppHeader({ items, current, status }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__bar">
        <Link className="brand" to={{ view: 'orders' }}>
          <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
            <rect width="32" height="32" rx="8" />
            <path d="M7 20c3 3 6 3 9 0s6-3 9 0M10 15h12l-2-6h-8z" />
          </svg>
          <span className="brand__name">Orders console</span>
        </Link>
        <nav className="app-nav" aria-label="Main">
          <ul className="app-nav__list">
            {items.map((item) => (
              <li key={item.view}>
                <Link
                  className="app-nav__link"
                  to={{ view: item.view }}
                  aria-current={item.view === current ? 'page' : undefined}
                >
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="app-header__status">{status}</div>
      </div>
    </header>
  )
}
