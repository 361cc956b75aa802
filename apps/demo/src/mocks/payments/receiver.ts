import { createWebhookHandler, memoryStore, type WebhookEvent } from '@ferry/webhooks'
import { setOrderStatus } from '../data.js'
import { PaymentEvent, webhookSecret } from './payment-events.js'
import {
  currentGeneration,
  getPayment,
  type PaymentStatus,
  recordEffect,
  savePayment,
} from './payment-state.js'

// The mock backend's webhook endpoint, POST /api/webhooks/payments: @ferry/webhooks verifies the signature
// (Web Crypto, in the browser), checks the replay window and runs `apply` once per event id.

const statusOf: Readonly<Record<PaymentEvent['type'], PaymentStatus>> = {
  'payment_intent.processing': 'processing',
  'payment_intent.succeeded': 'succeeded',
  'payment_intent.payment_failed': 'failed',
}

/** Applies a verified event to its order, unless it is older than what was applied already (out of order). */
function apply(raw: WebhookEvent): void {
  const parsed = PaymentEvent.safeParse(raw)
  if (!parsed.success) {
    recordEffect(raw.id, { outcome: 'stale', detail: `Not a payment event (${raw.type}): nothing to do.` })
    return
  }
  const event = parsed.data
  const intent = event.data.object
  const record = getPayment(intent.metadata.orderId)
  if (!record || record.intentId !== intent.id) {
    recordEffect(event.id, {
      outcome: 'stale',
      detail: 'For a payment this order no longer uses: no change.',
    })
    return
  }
  if (event.created <= record.appliedRank) {
    recordEffect(event.id, {
      outcome: 'stale',
      detail: `Older than the state already applied (${record.status}): delivered out of order, no change.`,
    })
    return
  }
  const status = statusOf[event.type]
  savePayment({
    ...record,
    status,
    appliedRank: event.created,
    updatedAt: new Date().toISOString(),
    ...(intent.last_payment_error ? { failureMessage: intent.last_payment_error.message } : {}),
  })
  if (status === 'succeeded') setOrderStatus(record.orderId, 'paid')
  const detail = {
    processing: 'Payment processing.',
    succeeded: 'Payment succeeded: order marked paid.',
    failed: `Payment failed: ${intent.last_payment_error?.message ?? 'declined'}`,
  }[status]
  recordEffect(event.id, { outcome: 'applied', detail })
}

let receiver = { generation: -1, handle: (_request: Request) => Promise.resolve(new Response()) }

/**
 * Answers one webhook delivery. A fresh handler (and memory store) per `resetData()`.
 *
 * @example
 * http.post('*\/api/webhooks/payments', ({ request }) => receiveWebhook(request))
 */
export function receiveWebhook(request: Request): Promise<Response> {
  if (receiver.generation !== currentGeneration()) {
    receiver = {
      generation: currentGeneration(),
      handle: createWebhookHandler({ secret: webhookSecret, store: memoryStore(), handle: apply }),
    }
  }
  return receiver.handle(request)
}
