import { useEffect, useRef } from 'react'
import type { Order } from '../../api/schemas'
import { formatMoney, plural } from '../../ui/format'
import { Link } from '../../ui/link'
import '../../ui/states.css'

interface OrderPlacedProps {
  readonly order: Order
  /** The server answered from its idempotency store: a repeated submission, not a new order. */
  readonly replayed: boolean
  readonly idempotencyKey: string | undefined
  readonly onAnother: () => void
}

/** The confirmation after a successful submission, saying when the server replayed it. */
export function OrderPlaced({ order, replayed, idempotencyKey, onAnother }: OrderPlacedProps) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className="card confirmation" aria-labelledby="order-placed">
      <div className="confirmation__icon" aria-hidden="true">
        ✓
      </div>
      <h2 id="order-placed" className="confirmation__title" ref={heading} tabIndex={-1}>
        Order #{order.number} placed
      </h2>
      <p>
        {plural(order.items.length, 'product')} for {order.customer.name}, {formatMoney(order.totalCents)} in
        total.
      </p>
      {replayed && (
        <p className="notice notice--info" role="status">
          <strong>Replayed by the server.</strong> The same submission arrived more than once (a double click
          or a retry), so the server returned the original order instead of creating another one. Only one
          order exists.
        </p>
      )}
      {idempotencyKey && (
        <p className="confirmation__key">
          Idempotency key <code>{idempotencyKey}</code>
        </p>
      )}
      <div className="state__actions">
        <Link className="button button--primary" to={{ view: 'order', id: order.id }}>
          View order
        </Link>
        <button type="button" className="button" onClick={onAnother}>
          Place another order
        </button>
      </div>
    </section>
  )
}
