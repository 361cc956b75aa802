import { useEffect, useRef } from 'react'
import { usesMockApi } from './api/client'
import { ChaosView } from './features/chaos/chaos-view'
import { isChaotic, useChaos } from './features/chaos/use-chaos'
import { useRetryWhenCalmed } from './features/chaos/use-retry-when-calmed'
import { ExportView } from './features/export/export-view'
import { FeedView } from './features/feed/feed-view'
import { NewOrderView } from './features/new-order/new-order-view'
import { OrderDetailView } from './features/orders/order-detail-view'
import { OrdersView } from './features/orders/orders-view'
import { RequestLogView } from './features/request-log/request-log-view'
import { CircuitBanner } from './features/status/circuit-banner'
import { RateLimitBanner } from './features/status/rate-limit-banner'
import { AppHeader, type NavItem } from './ui/app-header'
import { Link } from './ui/link'
import { useSearchParams } from './ui/router'
import './ui/app-shell.css'

const nav: ReadonlyArray<NavItem> = [
  { view: 'orders', label: 'Orders' },
  { view: 'feed', label: 'Feed' },
  { view: 'new', label: 'New order' },
  { view: 'export', label: 'Export' },
  { view: 'log', label: 'Request log' },
  { view: 'chaos', label: 'Chaos' },
]

const titles: Readonly<Record<string, string>> = {
  orders: 'Orders',
  order: 'Order',
  feed: 'Feed',
  new: 'New order',
  export: 'Export',
  log: 'Request log',
  chaos: 'Chaos',
}

function ChaosIndicator() {
  const chaos = useChaos()
  if (!usesMockApi || !isChaotic(chaos)) return null
  return (
    <Link className="chaos-indicator" to={{ view: 'chaos' }}>
      <span className="chaos-indicator__dot" aria-hidden="true" />
      Chaos on
    </Link>
  )
}

function CurrentView({ view, params }: { readonly view: string; readonly params: URLSearchParams }) {
  switch (view) {
    case 'order':
      return <OrderDetailView id={params.get('id') ?? ''} />
    case 'feed':
      return <FeedView />
    case 'new':
      return <NewOrderView />
    case 'export':
      return <ExportView />
    case 'log':
      return <RequestLogView />
    case 'chaos':
      return <ChaosView />
    default:
      return <OrdersView />
  }
}

/** The Orders console: header and navigation, the status banners, and the screen named by `?view=`. */
export function App() {
  const params = useSearchParams()
  const view = titles[params.get('view') ?? ''] ? (params.get('view') ?? 'orders') : 'orders'
  const main = useRef<HTMLElement>(null)
  const first = useRef(true)
  useRetryWhenCalmed()

  // On every screen change: the document title follows, and focus moves to the new screen's heading.
  useEffect(() => {
    document.title = `${titles[view] ?? 'Orders'} · Orders console`
    if (first.current) {
      first.current = false
      return
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus({ preventScroll: false })
    window.scrollTo({ top: 0 })
  }, [view])

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppHeader items={nav} current={view === 'order' ? 'orders' : view} status={<ChaosIndicator />} />
      <div className="banners">
        <CircuitBanner />
        <RateLimitBanner />
      </div>
      <main id="main" ref={main} className="app-main">
        <CurrentView view={view} params={params} />
      </main>
      <footer className="app-footer">
        Built with <code>@ferry/client</code> and <code>@ferry/react</code>
        {usesMockApi ? ' on a mock API that runs in your browser.' : '.'}
      </footer>
    </div>
  )
}
