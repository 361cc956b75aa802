import { QueryState } from '@ferry/react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import type { OrderStatus } from '../../api/schemas'
import { ErrorState } from '../../ui/error-state'
import { formatMoney } from '../../ui/format'
import { LoadingState } from '../../ui/loading-state'
import { DeliveryList } from './delivery-list'
import { PayForm } from './pay-form'
import { type PaymentView, usePayment } from './payment-api'
import './payments.css'

interface PaymentPanelProps {
  readonly orderId: string
  readonly orderStatus: OrderStatus
  readonly totalCents: number
}

function statusText({ payment }: PaymentView, orderStatus: OrderStatus): { text: string; tone: string } {
  if (!payment) {
    return orderStatus === 'pending'
      ? { text: 'Not paid yet.', tone: 'none' }
      : { text: `Nothing to pay here: the order is ${orderStatus}.`, tone: 'none' }
  }
  switch (payment.status) {
    case 'processing':
      return { text: 'Processing: waiting for the provider’s signed webhook…', tone: 'pending' }
    case 'succeeded':
      return { text: `Paid ${formatMoney(payment.amountCents)}, confirmed by a signed webhook.`, tone: 'ok' }
    default:
      return { text: `Payment failed: ${payment.failureMessage ?? 'declined'}`, tone: 'failed' }
  }
}

function PaymentBody({ view, orderId, orderStatus, totalCents }: PaymentPanelProps & { view: PaymentView }) {
  const queryClient = useQueryClient()
  const succeeded = view.payment?.status === 'succeeded'
  // The webhook marked the order paid on the server: refresh the order so its status badge follows.
  useEffect(() => {
    if (succeeded && orderStatus === 'pending') {
      queryClient
        .invalidateQueries({ queryKey: ['/orders/:id', { params: { id: orderId } }] })
        .catch(() => {})
    }
  }, [succeeded, orderStatus, orderId, queryClient])
  const status = statusText(view, orderStatus)
  const payable = orderStatus === 'pending' && (!view.payment || view.payment.status === 'failed')
  return (
    <>
      <p className={`payment__status payment__status--${status.tone}`} role="status">
        {status.text}
      </p>
      {payable && <PayForm orderId={orderId} totalCents={totalCents} />}
      {(view.deliveries.length > 0 || view.delivering) && (
        <>
          <h3 className="payment__subtitle">Webhook deliveries</h3>
          {view.deliveries.length > 0 && <DeliveryList deliveries={view.deliveries} />}
          {view.delivering && <p className="field__hint">The provider is still delivering…</p>}
        </>
      )}
    </>
  )
}

/**
 * An order's payment: pay with a test card, then watch the provider's signed webhooks arrive and the backend
 * (verifying them with @ferry/webhooks) accept, ignore or refuse each one.
 */
export function PaymentPanel(props: PaymentPanelProps) {
  const payment = usePayment(props.orderId)
  return (
    <section className="card payment" aria-labelledby="order-payment">
      <h2 id="order-payment" className="card__title">
        Payment
      </h2>
      <QueryState
        state={payment}
        loading={(retrying) => <LoadingState label="Loading the payment" retrying={retrying} lines={2} />}
        error={(error, retry) => (
          <ErrorState title="Could not load the payment" error={error} onRetry={retry} />
        )}
      >
        {(view) => <PaymentBody {...props} view={view} />}
      </QueryState>
    </section>
  )
}
