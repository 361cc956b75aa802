import type { Order } from '../../api/schemas'
import { formatDateTime, formatMoney, plural } from '../../ui/format'
import { Link } from '../../ui/link'
import { OrderStatusBadge } from '../orders/order-status-badge'

/** One order in the feed: who, what, how much, and when. */
export function FeedItem({ order }: { readonly order: Order }) {
  const first = order.items[0]
  const more = order.items.length - 1
  return (
    <li className="feed-item">
      <div className="feed-item__avatar" aria-hidden="true">
        {order.customer.name.slice(0, 1)}
      </div>
      <div className="feed-item__body">
        <p className="feed-item__title">
          <Link to={{ view: 'order', id: order.id }}>#{order.number}</Link>
          <span> · {order.customer.name}</span>
        </p>
        <p className="feed-item__meta">
          {first ? `${first.name}${more > 0 ? ` and ${plural(more, 'more item')}` : ''}` : 'No items'} ·{' '}
          <time dateTime={order.createdAt}>{formatDateTime(order.createdAt)}</time>
        </p>
      </div>
      <div className="feed-item__side">
        <span className="feed-item__total">{formatMoney(order.totalCents)}</span>
        <OrderStatusBadge status={order.status} />
      </div>
    </li>
  )
}
