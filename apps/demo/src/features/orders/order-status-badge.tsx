import type { OrderStatus } from '../../api/schemas'

export const statusLabels: Readonly<Record<OrderStatus, string>> = {
  pending: 'Pending',
  paid: 'Paid',
  shipped: 'Shipped',
  delivered: 'Delivered',
  cancelled: 'Cancelled',
  refunded: 'Refunded',
}

/** An order's status as a coloured pill (the colour repeats the word, it never replaces it). */
export function OrderStatusBadge({ status }: { readonly status: OrderStatus }) {
  return <span className={`badge badge--${status}`}>{statusLabels[status]}</span>
}
