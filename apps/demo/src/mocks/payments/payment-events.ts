import { z } from 'zod'

/** The provider's webhook secret for the demo's endpoint (a demo value; a real one lives in the server's env). */
export const webhookSecret = 'whsec_demo_orders_console_0b7e'

/** The test cards the payment form offers, Stripe-style: one succeeds, one is declined. */
export const testCards = {
  succeeds: { number: '4242 4242 4242 4242', label: 'Visa ·· 4242 (succeeds)' },
  declined: { number: '4000 0000 0000 0002', label: 'Visa ·· 0002 (declined)' },
} as const
export type TestCard = keyof typeof testCards

/** The event types the provider sends for a payment, in the order they happen. */
export const PaymentEventType = z.enum([
  'payment_intent.processing',
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
])
export type PaymentEventType = z.infer<typeof PaymentEventType>

/** A payment webhook's body, as the backend checks it (after `@ferry/webhooks` verified its signature). */
export const PaymentEvent = z.object({
  id: z.string(),
  type: PaymentEventType,
  /** Unix seconds: orders the events of one payment. */
  created: z.number().int(),
  data: z.object({
    object: z.object({
      id: z.string(),
      amount: z.number().int(),
      status: z.string(),
      metadata: z.object({ orderId: z.string() }),
      last_payment_error: z.object({ message: z.string() }).nullable(),
    }),
  }),
})
export type PaymentEvent = z.infer<typeof PaymentEvent>

/** One payment intent at the provider. */
export interface Intent {
  readonly id: string
  readonly orderId: string
  readonly amountCents: number
  readonly card: TestCard
  /** Unix seconds. */
  readonly created: number
}

/** The events a payment produces: processing, then succeeded or payment_failed one second later. */
export function paymentEvents(intent: Intent): readonly [PaymentEvent, PaymentEvent] {
  const event = (n: number, type: PaymentEventType, status: string, error: string | null): PaymentEvent => ({
    id: `evt_${intent.id.slice(3)}_${n}`,
    type,
    created: intent.created + n - 1,
    data: {
      object: {
        id: intent.id,
        amount: intent.amountCents,
        status,
        metadata: { orderId: intent.orderId },
        last_payment_error: error === null ? null : { message: error },
      },
    },
  })
  return [
    event(1, 'payment_intent.processing', 'processing', null),
    intent.card === 'succeeds'
      ? event(2, 'payment_intent.succeeded', 'succeeded', null)
      : event(2, 'payment_intent.payment_failed', 'requires_payment_method', 'Your card was declined.'),
  ]
}
