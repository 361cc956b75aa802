import { http, type RequestHandler } from 'msw'
import { apiRoute, type RouteContext } from '../api-route.js'
import { findOrder } from '../data.js'
import { problem } from '../problem.js'
import { testCards } from './payment-events.js'
import { deliveriesFor, getPayment, savePayment } from './payment-state.js'
import { createPaymentIntent, deliveringFor } from './provider.js'
import { receiveWebhook } from './receiver.js'

// The payment endpoints of the mock API: the app's GET/POST /api/orders/:id/payment (through the same chaos
// as every /api route), and the provider's POST /api/webhooks/payments.

function paymentView(orderId: string): Response {
  const payment = getPayment(orderId)
  return Response.json({
    payment: payment ?? null,
    deliveries: deliveriesFor(orderId),
    delivering: deliveringFor(orderId),
  })
}

function noOrder(id: string): Response {
  return problem(404, 'not-found', 'Order not found', `There is no order with the id "${id}".`, {
    orderId: id,
  })
}

function readPayment({ id }: RouteContext): Response {
  const order = findOrder(id)
  return order ? paymentView(order.id) : noOrder(id)
}

async function pay({ id, request }: RouteContext): Promise<Response> {
  const order = findOrder(id)
  if (!order) return noOrder(id)
  const key = request.headers.get('Idempotency-Key')?.trim()
  if (!key) {
    return problem(
      400,
      'idempotency-key-required',
      'Idempotency-Key required',
      'A payment needs an Idempotency-Key so that a retried request cannot charge twice.',
    )
  }
  const body: unknown = await request.json().catch(() => null)
  const card = typeof body === 'object' && body !== null ? Reflect.get(body, 'card') : undefined
  if (card !== 'succeeds' && card !== 'declined') {
    return problem(
      422,
      'invalid-card',
      'Invalid card',
      `card must be one of ${Object.keys(testCards).join(', ')}.`,
    )
  }
  const current = getPayment(order.id)
  const payable =
    order.status === 'pending' && current?.status !== 'processing' && current?.status !== 'succeeded'
  const created = createPaymentIntent(
    `${order.id}:${key}`,
    { orderId: order.id, amountCents: order.totalCents, card },
    payable,
  )
  if (!created.ok && created.reason === 'not-payable') {
    const state = current ? `its payment is ${current.status}` : `it is ${order.status}`
    return problem(
      409,
      'not-payable',
      'Order cannot be paid',
      `Order ${order.id} cannot be paid now: ${state}.`,
    )
  }
  if (!created.ok) {
    return problem(
      422,
      'idempotency-key-reused',
      'Idempotency-Key reused',
      'This key was used for another payment.',
    )
  }
  if (created.replayed) {
    const response = paymentView(order.id)
    response.headers.set('Idempotent-Replayed', 'true')
    return response
  }
  savePayment({
    orderId: order.id,
    intentId: created.intent.id,
    amountCents: created.intent.amountCents,
    status: 'processing',
    appliedRank: 0,
    updatedAt: new Date().toISOString(),
  })
  const response = paymentView(order.id)
  return new Response(response.body, { status: 201, headers: response.headers })
}

/** The payment routes; they go before the API's catch-all. */
export const paymentHandlers: RequestHandler[] = [
  http.get('*/api/orders/:id/payment', apiRoute('json', readPayment)),
  http.post('*/api/orders/:id/payment', apiRoute('json', pay)),
  http.post('*/api/webhooks/payments', ({ request }) => receiveWebhook(request)),
]
