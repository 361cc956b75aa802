import { signWebhook } from '@ferry/webhooks'
import {
  type Intent,
  type PaymentEvent,
  paymentEvents,
  type TestCard,
  webhookSecret,
} from './payment-events.js'
import { currentGeneration, type DeliveryVariant, effectOf, recordDelivery } from './payment-state.js'
import { getWebhookChaos } from './webhook-chaos.js'

// The mock payment provider: creates payment intents idempotently, then delivers their signed webhooks to the
// backend over fetch (through the MSW worker, like a real provider's POST), at least once, with the chaos
// panel's duplicates, late signatures, reordering and tampered copies.

/** Pause before each delivery, in ms: slow enough to watch "processing" in the browser; 0 in tests. */
let deliveryDelayMs = 700
const intents = new Map<string, Intent & { readonly fingerprint: string }>()
let intentsGeneration = -1
let intentCounter = 0
const running = new Map<string, Promise<void>>()

/**
 * Sets the pause before each delivery (tests use 0).
 *
 * @example
 * configureProvider({ deliveryDelayMs: 0 })
 */
export function configureProvider(options: { readonly deliveryDelayMs: number }): void {
  deliveryDelayMs = options.deliveryDelayMs
}

export type CreateIntentResult =
  | { readonly ok: true; readonly intent: Intent; readonly replayed: boolean }
  | { readonly ok: false; readonly reason: 'key-reused' | 'not-payable' }

/**
 * Creates a payment intent, or returns the one this idempotency key created before (same parameters), so a
 * retried or double-clicked payment charges once. Deliveries start for a new intent only.
 *
 * @example
 * createPaymentIntent('ORD-12401:key-1', { orderId: 'ORD-12401', amountCents: 1450, card: 'succeeds' })
 */
export function createPaymentIntent(
  idempotencyKey: string,
  params: { readonly orderId: string; readonly amountCents: number; readonly card: TestCard },
  /** False when the order cannot take a new payment: only a replay of a known key is answered then. */
  allowNew = true,
): CreateIntentResult {
  if (intentsGeneration !== currentGeneration()) {
    intents.clear()
    intentsGeneration = currentGeneration()
  }
  const fingerprint = JSON.stringify([params.orderId, params.amountCents, params.card])
  const known = intents.get(idempotencyKey)
  if (known)
    return known.fingerprint === fingerprint
      ? { ok: true, intent: known, replayed: true }
      : { ok: false, reason: 'key-reused' }
  if (!allowNew) return { ok: false, reason: 'not-payable' }
  intentCounter += 1
  const intent = {
    id: `pi_${Date.now().toString(36)}${intentCounter.toString(36)}`,
    ...params,
    created: Math.floor(Date.now() / 1000),
    fingerprint,
  }
  intents.set(idempotencyKey, intent)
  const delivery = deliverAll(intent).finally(() => running.delete(intent.orderId))
  running.set(intent.orderId, delivery)
  return { ok: true, intent, replayed: false }
}

/** Whether the provider still has deliveries to make for this order. */
export const deliveringFor = (orderId: string): boolean => running.has(orderId)

/**
 * Resolves once every delivery started so far is done (for tests).
 *
 * @example
 * await whenDelivered()
 */
export async function whenDelivered(): Promise<void> {
  while (running.size > 0) await Promise.all(running.values())
}

class Stopped extends Error {}

async function deliverAll(intent: Intent): Promise<void> {
  const generation = currentGeneration()
  const chaos = getWebhookChaos()
  const events = paymentEvents(intent)
  const final = events[1]
  try {
    for (const event of chaos.outOfOrder ? [...events].reverse() : events) {
      const body = JSON.stringify(event)
      if (chaos.tampered && event === final) {
        // Someone replays the genuine signature with a body that says what they would like it to say.
        await send(
          generation,
          intent,
          event,
          tamper(event),
          () => signWebhook(body, webhookSecret),
          'tampered',
        )
      }
      // The provider retries until the backend says 2xx (a real one for days; three tries are enough here),
      // each time with a fresh signature.
      let variant: DeliveryVariant = chaos.late ? 'late' : 'original'
      for (let attempt = 1; attempt <= 3; attempt++) {
        const age = variant === 'late' ? 600 : 0
        const sign = () =>
          signWebhook(body, webhookSecret, { timestamp: Math.floor(Date.now() / 1000) - age })
        if (await send(generation, intent, event, body, sign, variant)) break
        variant = 'retry'
      }
      if (chaos.duplicate) {
        await send(generation, intent, event, body, () => signWebhook(body, webhookSecret), 'duplicate')
      }
    }
  } catch (error) {
    if (!(error instanceof Stopped)) throw error
  }
}

function tamper(event: PaymentEvent): string {
  const forged =
    event.type === 'payment_intent.succeeded'
      ? { ...event, data: { object: { ...event.data.object, amount: 1 } } }
      : {
          ...event,
          type: 'payment_intent.succeeded',
          data: { object: { ...event.data.object, status: 'succeeded' } },
        }
  return JSON.stringify(forged)
}

/** Signs and POSTs one delivery, records how the backend answered, and resolves with whether it was a 2xx. */
async function send(
  generation: number,
  intent: Intent,
  event: PaymentEvent,
  body: string,
  sign: () => Promise<string>,
  variant: DeliveryVariant,
): Promise<boolean> {
  if (deliveryDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, deliveryDelayMs))
  if (generation !== currentGeneration()) throw new Stopped()
  // Signed when sent, as a provider does: a late delivery is then exactly as old as it claims.
  const header = await sign()
  const response = await fetch(
    new URL('/api/webhooks/payments', globalThis.location?.href ?? 'http://localhost/'),
    {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': header },
      body,
    },
  )
  const answer: unknown = await response.json().catch(() => ({}))
  const field = (name: string) => {
    const value: unknown =
      typeof answer === 'object' && answer !== null ? Reflect.get(answer, name) : undefined
    return typeof value === 'string' ? value : ''
  }
  const outcome = field('outcome')
  const effect = effectOf(event.id)
  const base = {
    id: `${event.id}:${variant}:${Date.now()}`,
    orderId: intent.orderId,
    eventId: event.id,
    eventType: event.type,
  }
  const at = Date.now()
  if (outcome === 'handled' && effect) {
    recordDelivery({
      ...base,
      variant,
      status: response.status,
      outcome: effect.outcome,
      detail: effect.detail,
      at,
    })
  } else if (outcome === 'duplicate') {
    recordDelivery({
      ...base,
      variant,
      status: response.status,
      outcome: 'duplicate',
      detail: 'Already handled: acknowledged with 200 and not applied again.',
      at,
    })
  } else if (outcome === 'refused') {
    recordDelivery({
      ...base,
      variant,
      status: response.status,
      outcome: 'refused',
      detail: `${field('error')}: ${field('message')}`,
      at,
    })
  } else {
    recordDelivery({
      ...base,
      variant,
      status: response.status,
      outcome: outcome === 'in-progress' ? 'in-progress' : 'failed',
      detail: field('message') || `HTTP ${response.status}`,
      at,
    })
  }
  return response.ok
}
