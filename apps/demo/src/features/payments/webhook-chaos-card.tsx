import { useSyncExternalStore } from 'react'
import {
  getWebhookChaos,
  setWebhookChaos,
  subscribeWebhookChaos,
  type WebhookChaos,
} from '../../mocks/payments/webhook-chaos'

const switches: ReadonlyArray<{
  readonly key: keyof WebhookChaos
  readonly label: string
  readonly hint: string
}> = [
  { key: 'duplicate', label: 'Deliver twice', hint: 'Every event arrives a second time.' },
  {
    key: 'late',
    label: 'Deliver late',
    hint: 'The first delivery is signed 10 minutes ago, outside the 5-minute window; the retry is fresh.',
  },
  { key: 'outOfOrder', label: 'Out of order', hint: 'A payment’s events arrive newest first.' },
  {
    key: 'tampered',
    label: 'Tampered copy',
    hint: 'A copy of the final event with a changed body arrives first, under the genuine signature.',
  },
]

/** The chaos panel's webhook group: how the mock payment provider misdelivers (see the order page's Payment). */
export function WebhookChaosCard({ disabled = false }: { readonly disabled?: boolean }) {
  const chaos = useSyncExternalStore(subscribeWebhookChaos, getWebhookChaos, getWebhookChaos)
  return (
    <section className="card" aria-labelledby="chaos-webhooks">
      <h2 id="chaos-webhooks" className="card__title">
        Payment webhooks
      </h2>
      {switches.map(({ key, label, hint }) => (
        <label key={key} className="switch">
          <input
            type="checkbox"
            checked={chaos[key]}
            disabled={disabled}
            onChange={(event) => setWebhookChaos({ [key]: event.target.checked })}
          />
          <span className="switch__text">
            <span className="switch__label">{label}</span>
            <span className="field__hint">{hint}</span>
          </span>
        </label>
      ))}
    </section>
  )
}
