import type { Order, OrderSort } from '../../api/schemas'
import { formatDate, formatMoney, plural } from '../../ui/format'
import { Link } from '../../ui/link'
import { OrderStatusBadge } from './order-status-badge'
import '../../ui/table.css'

type SortField = 'number' | 'createdAt' | 'totalCents'

interface OrdersTableProps {
  readonly rows: ReadonlyArray<Order>
  readonly sort: OrderSort
  readonly onSort: (sort: OrderSort) => void
  /** The rows belong to the previous page while the next one loads: dimmed, marked busy. */
  readonly stale: boolean
}

function SortHeader({
  field,
  label,
  sort,
  onSort,
  className,
}: {
  readonly field: SortField
  readonly label: string
  readonly sort: OrderSort
  readonly onSort: (sort: OrderSort) => void
  readonly className?: string
}) {
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none'
  // A first click sorts numbers and dates descending (biggest, newest first); a second flips it.
  const next: OrderSort = direction === 'descending' ? field : `-${field}`
  return (
    <th scope="col" aria-sort={direction} className={className}>
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label}
        <span className="sort-button__icon" aria-hidden="true">
          {direction === 'ascending' ? '↑' : direction === 'descending' ? '↓' : '↕'}
        </span>
      </button>
    </th>
  )
}

/** The orders of one page. */
export function OrdersTable({ rows, sort, onSort, stale }: OrdersTableProps) {
  return (
    <div className={`table-wrap${stale ? ' table-wrap--stale' : ''}`}>
      <table className="table" aria-label="Orders" aria-busy={stale}>
        <thead>
          <tr>
            <SortHeader field="number" label="Order" sort={sort} onSort={onSort} />
            <th scope="col">Customer</th>
            <th scope="col" className="hide-sm">
              Items
            </th>
            <SortHeader field="createdAt" label="Date" sort={sort} onSort={onSort} className="hide-sm" />
            <th scope="col" className="hide-sm">
              Status
            </th>
            <SortHeader field="totalCents" label="Total" sort={sort} onSort={onSort} className="num" />
          </tr>
        </thead>
        <tbody>
          {rows.map((order) => (
            <tr key={order.id}>
              <td>
                <Link className="table__id" to={{ view: 'order', id: order.id }}>
                  #{order.number}
                </Link>
                <span className="show-sm">
                  <OrderStatusBadge status={order.status} />
                </span>
              </td>
              <td>
                <span className="table__primary">{order.customer.name}</span>
                <span className="table__secondary hide-sm">{order.customer.email}</span>
              </td>
              <td className="hide-sm">
                {plural(
                  order.items.reduce((n, item) => n + item.quantity, 0),
                  'item',
                )}
              </td>
              <td className="hide-sm">
                <time dateTime={order.createdAt}>{formatDate(order.createdAt)}</time>
              </td>
              <td className="hide-sm">
                <OrderStatusBadge status={order.status} />
              </td>
              <td className="num">{formatMoney(order.totalCents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
