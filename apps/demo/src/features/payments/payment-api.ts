import { useApiMutation, useApiQuery } from '@ferry/react/query'
import { useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'

/**
 * The payment of one order as the API reports it (`GET /api/orders/:id/payment`): the payment, the webhook
 * deliveries the backend received for it (accepted, ignored or refused, and why), and whether the provider is
 * still delivering.
 */
export const Delivery = z.object({
  id: z.string(),
  eventId: z.string(),
  eventType: z.string(),
  variant: z.enum(['original', 'duplicate', 'late', 'retry', 'tampered']),
  status: z.number().int(),
  outcome: z.enum(['applied', 'stale', 'duplicate', 'in-progress', 'refused', 'failed']),
  detail: z.string(),
  at: z.number(),
})
export type Delivery = z.infer<typeof Delivery>

export const PaymentView = z.object({
  payment: z
    .object({
      intentId: z.string(),
      amountCents: z.number().int(),
      status: z.enum(['processing', 'succeeded', 'failed']),
      failureMessage: z.string().optional(),
      updatedAt: z.string(),
    })
    .nullable(),
  deliveries: z.array(Delivery),
  delivering: z.boolean(),
})
export type PaymentView = z.infer<typeof PaymentView>

export type TestCard = 'succeeds' | 'declined'

/** How often the panel asks again while the provider is still delivering. */
export const paymentPollMs = 500

/** An order's payment; polled while webhooks are on their way. */
export function usePayment(orderId: string) {
  return useApiQuery(
    '/orders/:id/payment',
    { params: { id: orderId }, schema: PaymentView },
    {
      refetchInterval: (query) => {
        const data = query.state.data
        return data && (data.delivering || data.payment?.status === 'processing') ? paymentPollMs : false
      },
    },
  )
}

/** Pays an order with a test card, idempotently (a double click or a retry charges once). */
export function usePay(orderId: string) {
  const queryClient = useQueryClient()
  return useApiMutation(
    'POST',
    '/orders/:id/payment',
    { schema: PaymentView, toRequest: (card: TestCard) => ({ params: { id: orderId }, body: { card } }) },
    {
      onSuccess: () => {
        queryClient
          .invalidateQueries({ queryKey: ['/orders/:id/payment', { params: { id: orderId } }] })
          .catch(() => {})
      },
    },
  )
}
