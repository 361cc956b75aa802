import { formatClock } from '../../ui/format'
import { outcomeLabels, variantLabels } from './delivery-text'
import type { Delivery } from './payment-api'

/** The webhook deliveries of one payment, oldest first: each accepted, ignored or refused, and why. */
export function DeliveryList({ deliveries }: { readonly deliveries: ReadonlyArray<Delivery> }) {
  return (
    <ol className="deliveries" aria-label="Webhook deliveries">
      {deliveries.map((delivery) => {
        const outcome = outcomeLabels[delivery.outcome]
        const variant = variantLabels[delivery.variant]
        return (
          <li key={delivery.id} className={`delivery delivery--${outcome.tone}`}>
            <div className="delivery__head">
              <code className="delivery__type">{delivery.eventType}</code>
              {variant && <span className="delivery__variant">{variant}</span>}
              <span className={`pill pill--${outcome.tone}`}>
                {outcome.text} · {delivery.status}
              </span>
            </div>
            <p className="delivery__detail">{delivery.detail}</p>
            <p className="delivery__meta">
              <time dateTime={new Date(delivery.at).toISOString()}>{formatClock(delivery.at)}</time>
              {' · '}
              <span className="delivery__id">{delivery.eventId}</span>
            </p>
          </li>
        )
      })}
    </ol>
  )
}
