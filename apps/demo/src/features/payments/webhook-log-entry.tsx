import { formatClock } from '../../ui/format'
import type { WebhookRecord } from '../request-log/request-log-store'
import { outcomeLabels, variantLabels } from './delivery-text'
import './payments.css'

/** A webhook delivery in the request log: the provider calling the backend, and what the backend answered. */
export function WebhookLogEntry({ record }: { readonly record: WebhookRecord }) {
  const outcome = outcomeLabels[record.outcome]
  const variant = variantLabels[record.variant]
  return (
    <li className={`log-entry delivery delivery--${outcome.tone}`}>
      <div className="log-entry__head">
        <span className="log-entry__method">Webhook</span>
        <span className="log-entry__url">
          {record.eventType}
          {variant ? ` (${variant})` : ''}
        </span>
        <span className={`pill pill--${outcome.tone}`}>
          {outcome.text} · {record.status}
        </span>
      </div>
      <p className="delivery__detail">{record.detail}</p>
      <p className="log-entry__meta">
        <time dateTime={new Date(record.at).toISOString()}>{formatClock(record.at)}</time>
        {' · '}
        {record.orderId} · <span className="log-entry__id">{record.eventId}</span>
      </p>
    </li>
  )
}
