import { QueryState } from '@ferry/react'
import { usePaginatedQuery } from '@ferry/react/query'
import { useEffect, useRef, useState } from 'react'
import { OrdersPage } from '../api/schemas'
import { formatMoney } from '../ui/format'
import type { Endpoint } from './network'

interface RecentOrdersProps {
  /** Rows per page. */
  readonly pageSize?: number
  /** Moves to page 2 as soon as page 1 is shown, like a user clicking "Next page" at once. */
  readonly autoNext?: boolean
  /**
   * Refreshes page 1 once as soon as it is shown. Its requests carry `?cell=refresh-<id>`, new for every
   * mount, so a handler can let the first one through and fail the refresh.
   */
  readonly autoRefresh?: boolean
  /**
   * Sent as `?cell=`, which the API ignores, to give each gallery cell its own query key: @ferry/react keeps
   * retry progress by query key for every QueryClient at once, so equal keys would share their countdown.
   */
  readonly cell?: string
}

/**
 * `<QueryState>` with its default slots over `usePaginatedQuery('/orders')`: what the README shows, nothing
 * of the demo's own design. The previews of its states are the library's defaults.
 */
export function RecentOrders({
  pageSize = 5,
  autoNext = false,
  autoRefresh = false,
  cell,
}: RecentOrdersProps) {
  const [page, setPage] = useState(1)
  const [mount] = useState(() => `refresh-${Math.random().toString(36).slice(2)}`)
  const orders = usePaginatedQuery('/orders', {
    page,
    query: { pageSize, sort: '-createdAt', cell: autoRefresh ? mount : cell },
    schema: OrdersPage,
  })
  const shown = orders.status === 'success' && !orders.isPlaceholder
  useEffect(() => {
    if (autoNext && shown && page === 1) setPage(2)
  }, [autoNext, shown, page])
  const refreshed = useRef(false)
  const { refetch } = orders
  useEffect(() => {
    if (autoRefresh && shown && !refreshed.current) {
      refreshed.current = true
      refetch()
    }
  }, [autoRefresh, shown, refetch])
  return (
    <div className="card">
      <h2 className="card__title">Recent orders · page {page}</h2>
      <QueryState state={orders}>
        {(data, state) => (
          <ul
            aria-label="Recent orders"
            aria-busy={state.isPlaceholder}
            style={{ opacity: state.isPlaceholder ? 0.5 : 1 }}
          >
            {data.data.map((order) => (
              <li key={order.id}>
                #{order.number} · {order.customer.name} · {formatMoney(order.totalCents)}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <button
        type="button"
        className="button"
        onClick={() => setPage(page + 1)}
        disabled={!orders.hasNextPage}
      >
        Next page
      </button>
    </div>
  )
}

/** `GET /api/orders`: the first page is answered by the mock API, later pages hang in the paging state. */
export const recentOrdersEndpoint: Endpoint = {
  path: '/api/orders',
  empty: () =>
    Response.json({ data: [], meta: { page: 1, pageSize: 5, total: 0, totalPages: 0, hasNextPage: false } }),
  isLaterPage: (url) => (url.searchParams.get('page') ?? '1') !== '1',
}
