/**
 * The mock backend's payment records and the log of webhook deliveries it received: what the order page and
 * the request log show. No imports from the rest of the mock, so `resetData()` can reset it.
 */

export type PaymentStatus = 'processing' | 'succeeded' | 'failed'

export interface PaymentRecord {
  readonly orderId: string
  readonly intentId: string
  readonly amountCents: number
  readonly status: PaymentStatus
  readonly failureMessage?: string
  /** `created` (Unix seconds) and sequence of the newest event applied: older ones are stale. */
  readonly appliedRank: number
  readonly updatedAt: string
}

/** How one delivery went, as the provider's dashboard would list it. */
export type DeliveryVariant = 'original' | 'duplicate' | 'late' | 'retry' | 'tampered'
export type DeliveryOutcome = 'applied' | 'stale' | 'duplicate' | 'in-progress' | 'refused' | 'failed'

export interface DeliveryRecord {
  readonly id: string
  readonly orderId: string
  readonly eventId: string
  readonly eventType: string
  readonly variant: DeliveryVariant
  readonly status: number
  readonly outcome: DeliveryOutcome
  /** Why, in words: the refusal's message, what the event changed, or why it changed nothing. */
  readonly detail: string
  readonly at: number
}

const payments = new Map<string, PaymentRecord>()
let deliveries: DeliveryRecord[] = []
const listeners = new Set<(delivery: DeliveryRecord) => void>()
let generation = 0

export const getPayment = (orderId: string): PaymentRecord | undefined => payments.get(orderId)

export function savePayment(record: PaymentRecord): void {
  payments.set(record.orderId, record)
}

/** The deliveries for one order, oldest first. */
export const deliveriesFor = (orderId: string): DeliveryRecord[] =>
  deliveries.filter((d) => d.orderId === orderId)

export function recordDelivery(delivery: DeliveryRecord): void {
  deliveries = [...deliveries, delivery]
  for (const listener of listeners) listener(delivery)
}

/**
 * Calls `listener` with every delivery the backend answers (the request log shows them). Returns the unsubscribe.
 *
 * @example
 * subscribeDeliveries((delivery) => console.log(delivery.eventType, delivery.outcome))
 */
export function subscribeDeliveries(listener: (delivery: DeliveryRecord) => void): () => void {
  listeners.add(listener)
  return () => {
    listeners.delete(listener)
  }
}

/** What handling an event did to the order, by event id, for the delivery log. */
export interface EventEffect {
  readonly outcome: 'applied' | 'stale'
  readonly detail: string
}
const effects = new Map<string, EventEffect>()

export const effectOf = (eventId: string): EventEffect | undefined => effects.get(eventId)

export function recordEffect(eventId: string, effect: EventEffect): void {
  effects.set(eventId, effect)
}

/** Changes on every reset: a delivery loop started before it stops. */
export const currentGeneration = () => generation

/** Forgets every payment and delivery (part of `resetData()`). */
export function resetPayments(): void {
  payments.clear()
  effects.clear()
  deliveries = []
  generation += 1
}
