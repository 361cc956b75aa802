// The Payments flow at the HTTP level (msw/node): the app's POST /api/orders/:id/payment, the mock provider's
// signed webhook deliveries (real fetches to POST /api/webhooks/payments) and the backend verifying them with
// @ferry/webhooks, under each kind of webhook chaos.
import { signWebhook } from '@ferry/webhooks'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type Delivery, PaymentView } from '../../features/payments/payment-api.js'
import { resetChaos } from '../chaos.js'
import { findOrder, getOrders, resetData } from '../data.js'
import { server } from '../node.js'
import { webhookSecret } from './payment-events.js'
import { subscribeDeliveries } from './payment-state.js'
import { configureProvider, whenDelivered } from './provider.js'
import { resetWebhookChaos, setWebhookChaos } from './webhook-chaos.js'

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' })
  configureProvider({ deliveryDelayMs: 0 })
})
afterEach(async () => {
  await whenDelivered()
  server.resetHandlers()
  resetData()
  resetChaos()
  resetWebhookChaos()
})
afterAll(() => server.close())

const pendingOrder = () => {
  const order = getOrders().find((o) => o.status === 'pending')
  if (!order) throw new Error('the seed has no pending order')
  return order
}

function pay(orderId: string, card: string, key = `key-${Math.random()}`): Promise<Response> {
  return fetch(`/api/orders/${orderId}/payment`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ card }),
  })
}

async function paymentOf(orderId: string) {
  const response = await fetch(`/api/orders/${orderId}/payment`)
  return PaymentView.parse(await response.json())
}

const summary = (deliveries: Delivery[]) =>
  deliveries.map((d) => `${d.eventType} ${d.variant} → ${d.outcome}`)

describe('paying an order', () => {
  it('creates the payment, then the processing and succeeded webhooks mark the order paid', async () => {
    const order = pendingOrder()
    const response = await pay(order.id, 'succeeds')
    expect(response.status).toBe(201)
    expect((await response.json()).payment).toMatchObject({
      status: 'processing',
      amountCents: order.totalCents,
    })
    await whenDelivered()
    const { payment, deliveries } = await paymentOf(order.id)
    expect(payment?.status).toBe('succeeded')
    expect(findOrder(order.id)?.status).toBe('paid')
    expect(summary(deliveries)).toEqual([
      'payment_intent.processing original → applied',
      'payment_intent.succeeded original → applied',
    ])
    expect(deliveries.map((d) => d.status)).toEqual([200, 200])
  })

  it('records a declined card as a failed payment and leaves the order pending', async () => {
    const order = pendingOrder()
    await pay(order.id, 'declined')
    await whenDelivered()
    const { payment, deliveries } = await paymentOf(order.id)
    expect(payment).toMatchObject({ status: 'failed', failureMessage: 'Your card was declined.' })
    expect(findOrder(order.id)?.status).toBe('pending')
    expect(deliveries.at(-1)?.detail).toBe('Payment failed: Your card was declined.')
  })

  it('charges once for a replayed request: same Idempotency-Key, same payment, no second delivery run', async () => {
    const order = pendingOrder()
    const first = await pay(order.id, 'succeeds', 'same-key')
    const again = await pay(order.id, 'succeeds', 'same-key')
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
    await whenDelivered()
    expect((await paymentOf(order.id)).deliveries).toHaveLength(2)
    // A new payment of a paid order is refused.
    expect((await pay(order.id, 'succeeds', 'another-key')).status).toBe(409)
  })
})

describe('webhook chaos', () => {
  it('delivers twice: the second copy is acknowledged as a duplicate and not applied again', async () => {
    setWebhookChaos({ duplicate: true })
    const order = pendingOrder()
    await pay(order.id, 'succeeds')
    await whenDelivered()
    expect(summary((await paymentOf(order.id)).deliveries)).toEqual([
      'payment_intent.processing original → applied',
      'payment_intent.processing duplicate → duplicate',
      'payment_intent.succeeded original → applied',
      'payment_intent.succeeded duplicate → duplicate',
    ])
  })

  it('delivers late: refused outside the replay window, then accepted on the retry with a fresh signature', async () => {
    setWebhookChaos({ late: true })
    const order = pendingOrder()
    await pay(order.id, 'succeeds')
    await whenDelivered()
    const { deliveries } = await paymentOf(order.id)
    expect(summary(deliveries)).toEqual([
      'payment_intent.processing late → refused',
      'payment_intent.processing retry → applied',
      'payment_intent.succeeded late → refused',
      'payment_intent.succeeded retry → applied',
    ])
    expect(deliveries[0]?.status).toBe(400)
    expect(deliveries[0]?.detail).toMatch(/^outside-tolerance: The signature is 60[01] s old/)
    expect(findOrder(order.id)?.status).toBe('paid')
  })

  it('delivers out of order: the older processing event arrives after succeeded and changes nothing', async () => {
    setWebhookChaos({ outOfOrder: true })
    const order = pendingOrder()
    await pay(order.id, 'succeeds')
    await whenDelivered()
    const { payment, deliveries } = await paymentOf(order.id)
    expect(summary(deliveries)).toEqual([
      'payment_intent.succeeded original → applied',
      'payment_intent.processing original → stale',
    ])
    expect(deliveries[1]?.detail).toMatch(/delivered out of order, no change/)
    expect(payment?.status).toBe('succeeded')
  })

  it('refuses a tampered copy (a declined payment forged into "succeeded") and applies the genuine event', async () => {
    setWebhookChaos({ tampered: true })
    const order = pendingOrder()
    await pay(order.id, 'declined')
    await whenDelivered()
    const { payment, deliveries } = await paymentOf(order.id)
    expect(summary(deliveries)).toEqual([
      'payment_intent.processing original → applied',
      'payment_intent.payment_failed tampered → refused',
      'payment_intent.payment_failed original → applied',
    ])
    expect(deliveries[1]?.detail).toMatch(/^no-matching-signature/)
    expect(payment?.status).toBe('failed')
    expect(findOrder(order.id)?.status).toBe('pending')
  })

  it('tells subscribers (the request log) about every delivery', async () => {
    const seen: string[] = []
    const stop = subscribeDeliveries((d) => seen.push(d.outcome))
    setWebhookChaos({ duplicate: true })
    await pay(pendingOrder().id, 'succeeds')
    await whenDelivered()
    stop()
    expect(seen).toEqual(['applied', 'duplicate', 'applied', 'duplicate'])
  })
})

describe('POST /api/webhooks/payments', () => {
  it('refuses an unsigned or forged delivery with 400 and the reason', async () => {
    const body = JSON.stringify({ id: 'evt_x', type: 'payment_intent.succeeded' })
    const unsigned = await fetch('/api/webhooks/payments', { method: 'POST', body })
    expect(unsigned.status).toBe(400)
    expect(await unsigned.json()).toMatchObject({ error: 'missing-header' })
    const forged = await fetch('/api/webhooks/payments', {
      method: 'POST',
      body,
      headers: { 'stripe-signature': await signWebhook(body, 'whsec_guess') },
    })
    expect(await forged.json()).toMatchObject({ error: 'no-matching-signature' })
    const genuine = await fetch('/api/webhooks/payments', {
      method: 'POST',
      body,
      headers: { 'stripe-signature': await signWebhook(body, webhookSecret) },
    })
    expect(genuine.status).toBe(200)
  })
})
