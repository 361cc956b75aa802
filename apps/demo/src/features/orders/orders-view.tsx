import { QueryState } from '@ferry/react'
import { useEffect, useRef } from 'react'
import { useOrdersPage } from '../../api/queries'
import type { OrdersPage } from '../../api/schemas'
import { EmptyState } from '../../ui/empty-state'
import { ErrorState } from '../../ui/error-state'
import { formatCount, plural } from '../../ui/format'
import { Link } from '../../ui/link'
import { LoadingState } from '../../ui/loading-state'
import { PageHeader } from '../../ui/page-header'
import { RefreshNotice } from '../../ui/refresh-notice'
import { RetryNotice } from '../../ui/retry-notice'
import { navigate, useSearchParams } from '../../ui/router'
import { rememberOrdersRoute } from './last-orders-route'
import { OrdersPlaceholder } from './orders-placeholder'
import { isFiltered, type OrdersSearch, ordersRoute, parseOrdersSearch } from './orders-search'
import { OrdersTable } from './orders-table'
import { OrdersToolbar } from './orders-toolbar'
import { Pagination } from './pagination'
import './orders.css'

/**
 * "2,400 orders.", "1 order matches these filters." While another filter's rows stand in (a placeholder
 * whose filters differ), their count is not this filter's: "Counting the matching orders…".
 */
function describeCount(
  orders: { readonly data?: OrdersPage | undefined; readonly isPlaceholder: boolean },
  filtered: boolean,
  sameFilters: boolean,
) {
  if (orders.isPlaceholder && !sameFilters) return 'Counting the matching orders…'
  const total = orders.data?.meta.total ?? 0
  if (total === 0) return 'Every order placed in the shop.'
  const count = plural(total, 'order')
  return filtered ? `${count} ${total === 1 ? 'matches' : 'match'} these filters.` : `${count}.`
}

/** What the total depends on: the status and the search, not the page, its size or the sort. */
const countKey = ({ status, q }: OrdersSearch) => JSON.stringify([status ?? '', q])

/** The orders table: filters, search, sort and page live in the URL. */
export function OrdersView() {
  const search = parseOrdersSearch(useSearchParams())
  const orders = useOrdersPage(search)
  const route = ordersRoute(search)
  const go = (patch: Partial<OrdersSearch>, replace = false) =>
    navigate(ordersRoute({ ...search, ...patch }), { replace })
  const clearFilters = () => go({ q: '', status: undefined, page: 1 })

  useEffect(() => rememberOrdersRoute(route))

  // The filters of the last page that arrived: a placeholder page from other filters has another count.
  const filters = countKey(search)
  const shownFilters = useRef(filters)
  if (!orders.isPlaceholder && orders.data !== undefined) shownFilters.current = filters

  // A refetch of the rows on screen (not the next page behind a placeholder).
  const refreshing = orders.isFetching && !orders.isPlaceholder && orders.data !== undefined
  // A retry of the page being fetched behind the rows still shown (paging under chaos).
  const background = orders.status === 'success' || orders.status === 'empty' ? orders.retrying : null

  return (
    <>
      <PageHeader
        title="Orders"
        description={describeCount(orders, isFiltered(search), shownFilters.current === filters)}
        actions={
          <>
            <button
              type="button"
              className="button"
              // aria-disabled, not disabled: the button keeps keyboard focus while the refresh runs.
              aria-disabled={refreshing}
              aria-busy={refreshing}
              onClick={() => {
                if (!refreshing) orders.refetch()
              }}
            >
              {refreshing ? 'Refreshing…' : 'Refresh'}
            </button>
            <Link className="button button--primary" to={{ view: 'new' }}>
              New order
            </Link>
          </>
        }
      />
      <OrdersToolbar search={search} onChange={go} />
      <RetryNotice retrying={background} />
      <QueryState
        state={orders}
        loading={(retrying) => (
          <LoadingState
            label="Loading orders"
            retrying={retrying}
            placeholder={<OrdersPlaceholder rows={search.pageSize} />}
          />
        )}
        error={(error, retry) => <ErrorState title="Could not load orders" error={error} onRetry={retry} />}
        refreshError={(error, retry) => <RefreshNotice what="the orders" error={error} onRetry={retry} />}
        empty={(page) =>
          search.page > 1 && page.meta.total > 0 ? (
            <EmptyState
              title={`There is no page ${formatCount(search.page)}`}
              action={
                <button type="button" className="button" onClick={() => go({ page: 1 })}>
                  Go to the first page
                </button>
              }
            >
              These filters give {formatCount(page.meta.totalPages)} pages.
            </EmptyState>
          ) : isFiltered(search) ? (
            <EmptyState
              title="No orders match these filters"
              action={
                <button type="button" className="button" onClick={clearFilters}>
                  Clear filters
                </button>
              }
            >
              Try another search term or status.
            </EmptyState>
          ) : (
            <EmptyState
              title="No orders yet"
              action={
                <Link className="button button--primary" to={{ view: 'new' }}>
                  Place the first order
                </Link>
              }
            >
              Orders appear here as soon as they are placed.
            </EmptyState>
          )
        }
      >
        {(page, state) => (
          <>
            <OrdersTable
              rows={page.data}
              sort={search.sort}
              onSort={(sort) => go({ sort, page: 1 })}
              stale={state.isPlaceholder}
            />
            <Pagination
              page={search.page}
              totalPages={Math.max(1, page.meta.totalPages)}
              total={page.meta.total}
              first={(page.meta.page - 1) * page.meta.pageSize + 1}
              last={(page.meta.page - 1) * page.meta.pageSize + page.data.length}
              pageSize={search.pageSize}
              onPage={(n) => go({ page: n })}
              onPageSize={(pageSize) => go({ pageSize, page: 1 })}
            />
          </>
        )}
      </QueryState>
    </>
  )
}
