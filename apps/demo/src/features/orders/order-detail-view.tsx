import { isHttpError } from '@ferry/client'
import { QueryState } from '@ferry/react'
import { useOrder } from '../../api/queries'
import type { Order } from '../../api/schemas'
import { EmptyState } from '../../ui/empty-state'
import { ErrorState } from '../../ui/error-state'
import { formatDateTime, formatMoney } from '../../ui/format'
import { Link } from '../../ui/link'
import { LoadingState } from '../../ui/loading-state'
import { PageHeader } from '../../ui/page-header'
import { RefreshNotice } from '../../ui/refresh-notice'
import { PaymentPanel } from '../payments/payment-panel'
import { InvoiceButton } from './invoice-button'
import { lastOrdersRoute } from './last-orders-route'
import { OrderStatusBadge } from './order-status-badge'
import '../../ui/table.css'
import './order-detail.css'

function BackLink() {
  return (
    <Link className="back-link" to={lastOrdersRoute()}>
      <span aria-hidden="true">← </span>Back to orders
    </Link>
  )
}

function OrderSummary({ order }: { readonly order: Order }) {
  return (
    <div className="detail">
      <section className="card detail__facts" aria-labelledby="order-facts">
        <h2 id="order-facts" className="card__title">
          Summary
        </h2>
        <dl className="facts">
          <dt>Status</dt>
          <dd>
            <OrderStatusBadge status={order.status} />
          </dd>
          <dt>Placed</dt>
          <dd>
            <time dateTime={order.createdAt}>{formatDateTime(order.createdAt)}</time>
          </dd>
          <dt>Customer</dt>
          <dd>{order.customer.name}</dd>
          <dt>Email</dt>
          <dd>
            <a href={`mailto:${order.customer.email}`}>{order.customer.email}</a>
          </dd>
          <dt>Total</dt>
          <dd className="facts__total">{formatMoney(order.totalCents)}</dd>
        </dl>
        <InvoiceButton orderId={order.id} />
      </section>
      <section className="card detail__items" aria-labelledby="order-items">
        <h2 id="order-items" className="card__title">
          Items
        </h2>
        <div className="table-wrap">
          <table className="table table--compact" aria-labelledby="order-items">
            <thead>
              <tr>
                <th scope="col">Product</th>
                <th scope="col" className="num">
                  Qty
                </th>
                <th scope="col" className="num hide-sm">
                  Unit price
                </th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {order.items.map((item) => (
                <tr key={item.sku}>
                  <td>
                    <span className="table__primary">{item.name}</span>
                    <span className="table__secondary">{item.sku}</span>
                  </td>
                  <td className="num">{item.quantity}</td>
                  <td className="num hide-sm">{formatMoney(item.unitPriceCents)}</td>
                  <td className="num">{formatMoney(item.unitPriceCents * item.quantity)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td className="num hide-sm" />
                <td className="num">{formatMoney(order.totalCents)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
      <PaymentPanel orderId={order.id} orderStatus={order.status} totalCents={order.totalCents} />
    </div>
  )
}

/** A link to an order that names none (`?view=order` alone): nothing to ask the server, nothing to retry. */
function NoOrderNamed() {
  return (
    <>
      <PageHeader eyebrow={<BackLink />} title="Order not found" />
      <EmptyState
        title="This link names no order"
        action={
          <Link className="button button--primary" to={lastOrdersRoute()}>
            Go to the orders list
          </Link>
        }
      >
        Open an order from the orders list to see its details.
      </EmptyState>
    </>
  )
}

/** One order: its summary, items and invoice; "not found" when the link names no order. */
export function OrderDetailView({ id }: { readonly id: string }) {
  return id.trim() === '' ? <NoOrderNamed /> : <OrderDetail id={id} />
}

function OrderDetail({ id }: { readonly id: string }) {
  const order = useOrder(id)
  return (
    <>
      <PageHeader
        eyebrow={<BackLink />}
        title={order.status === 'success' ? `Order #${order.data.number}` : `Order ${id}`}
        description={
          order.status === 'success' ? `${order.data.id} · ${order.data.customer.name}` : undefined
        }
      />
      <QueryState
        state={order}
        loading={(retrying) => <LoadingState label="Loading the order" retrying={retrying} lines={5} />}
        error={(error, retry) =>
          isHttpError(error) && error.status === 404 ? (
            <ErrorState title="Order not found" error={error}>
              <Link className="button button--primary" to={lastOrdersRoute()}>
                Back to orders
              </Link>
            </ErrorState>
          ) : (
            <ErrorState title="Could not load the order" error={error} onRetry={retry} />
          )
        }
        refreshError={(error, retry) => <RefreshNotice what="the order" error={error} onRetry={retry} />}
      >
        {(data) => <OrderSummary order={data} />}
      </QueryState>
    </>
  )
}
