import { OrdersTable } from './orders-table'
import { Pagination } from './pagination'
import { placeholderOrder } from './placeholder-order'

const noop = () => {}

/**
 * What the orders table looks like before its first page arrives: the table itself, `rows` placeholder rows
 * and its pagination bar, drawn as shimmering blocks. Being the same components, it has the same height, so
 * nothing below moves when the rows arrive. Inert and hidden from assistive technology (the loading state
 * around it says "Loading orders").
 */
export function OrdersPlaceholder({ rows }: { readonly rows: number }) {
  return (
    <div className="placeholder" aria-hidden="true" inert>
      <OrdersTable
        rows={Array.from({ length: rows }, (_, index) => placeholderOrder(index))}
        sort="-createdAt"
        onSort={noop}
        stale={false}
      />
      <Pagination
        page={1}
        totalPages={1}
        total={rows}
        first={1}
        last={rows}
        pageSize={rows}
        onPage={noop}
        onPageSize={noop}
      />
    </div>
  )
}
