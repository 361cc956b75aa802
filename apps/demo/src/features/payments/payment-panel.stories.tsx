import type { Meta, StoryObj } from '@storybook/react-vite'
import { http } from 'msw'
import { withAppFrame } from '../../stories/app-frame'
import { type Endpoint, stateStory } from '../../stories/network'
import type { Delivery, PaymentView } from './payment-api'
import { PaymentPanel } from './payment-panel'

/** `GET /api/orders/:id/payment`: each payment state is this endpoint's answer, reached through the network. */
const payment: Endpoint = { path: '/api/orders/:id/payment' }

const at = Date.UTC(2026, 10, 24, 17, 30)
const intent = 'pi_demo42'
const delivery = (
  n: number,
  eventType: string,
  patch: Partial<Delivery> & Pick<Delivery, 'outcome' | 'detail'>,
): Delivery => ({
  id: `d${n}`,
  eventId: `evt_demo42_${eventType.endsWith('processing') ? 1 : 2}`,
  eventType,
  variant: 'original',
  status: 200,
  at: at + n * 700,
  ...patch,
})
const processing = delivery(1, 'payment_intent.processing', {
  outcome: 'applied',
  detail: 'Payment processing.',
})
const succeeded = delivery(2, 'payment_intent.succeeded', {
  outcome: 'applied',
  detail: 'Payment succeeded: order marked paid.',
})

/** The answer of the payment endpoint for one story. */
function answering(view: PaymentView) {
  return { msw: { handlers: [http.get(`*${payment.path}`, () => Response.json(view))] } }
}

const paymentOf = (status: 'processing' | 'succeeded' | 'failed') => ({
  intentId: intent,
  amountCents: 2490,
  status,
  updatedAt: new Date(at).toISOString(),
  ...(status === 'failed' ? { failureMessage: 'Your card was declined.' } : {}),
})

const meta = {
  title: 'Payments/Payment panel',
  component: PaymentPanel,
  decorators: [withAppFrame],
  args: { orderId: 'ORD-12399', orderStatus: 'pending', totalCents: 2490 },
} satisfies Meta<typeof PaymentPanel>

export default meta
type Story = StoryObj<typeof meta>

export const Loading: Story = stateStory('loading', payment)
export const ServerError: Story = stateStory('serverError', payment)

/** A pending order with no payment yet: the test cards and the Pay button. */
export const NotPaid: Story = {
  name: 'Not paid',
  parameters: {
    ...answering({ payment: null, deliveries: [], delivering: false }),
    preview: { state: 'success', shows: 'Not paid yet.' },
  },
}

/** Paid, the provider's webhook not yet in: the panel polls until it is. */
export const Processing: Story = {
  parameters: {
    ...answering({ payment: paymentOf('processing'), deliveries: [processing], delivering: true }),
    preview: { state: 'success', shows: 'Processing: waiting for the provider’s signed webhook…' },
  },
}

/** The succeeded webhook arrived and was verified: the order is paid. */
export const Paid: Story = {
  args: { orderStatus: 'paid' },
  parameters: {
    ...answering({ payment: paymentOf('succeeded'), deliveries: [processing, succeeded], delivering: false }),
    preview: { state: 'success', shows: 'Paid €24.90, confirmed by a signed webhook.' },
  },
}

/** The card was declined: the payment failed, the order is still pending and can be paid again. */
export const Declined: Story = {
  parameters: {
    ...answering({
      payment: paymentOf('failed'),
      deliveries: [
        processing,
        delivery(2, 'payment_intent.payment_failed', {
          outcome: 'applied',
          detail: 'Payment failed: Your card was declined.',
        }),
      ],
      delivering: false,
    }),
    preview: { state: 'success', shows: 'Test card' },
  },
}

/** Webhook chaos: a tampered copy and a late delivery refused, a duplicate ignored, an old event out of order. */
export const HostileDeliveries: Story = {
  name: 'Hostile deliveries',
  args: { orderStatus: 'paid' },
  parameters: {
    ...answering({
      payment: paymentOf('succeeded'),
      deliveries: [
        delivery(1, 'payment_intent.succeeded', {
          variant: 'tampered',
          status: 400,
          outcome: 'refused',
          detail: 'no-matching-signature: No signature in the header matches the body.',
        }),
        delivery(2, 'payment_intent.succeeded', {
          variant: 'late',
          status: 400,
          outcome: 'refused',
          detail: 'outside-tolerance: The signature is 600 s old, outside the 300 s replay window.',
        }),
        delivery(3, 'payment_intent.succeeded', {
          variant: 'retry',
          outcome: 'applied',
          detail: 'Payment succeeded: order marked paid.',
        }),
        delivery(4, 'payment_intent.succeeded', {
          variant: 'duplicate',
          outcome: 'duplicate',
          detail: 'Already handled: acknowledged with 200 and not applied again.',
        }),
        delivery(5, 'payment_intent.processing', {
          outcome: 'stale',
          detail: 'Older than the state already applied (succeeded): delivered out of order, no change.',
        }),
      ],
      delivering: false,
    }),
    preview: { state: 'success', shows: 'tampered copy' },
  },
}
