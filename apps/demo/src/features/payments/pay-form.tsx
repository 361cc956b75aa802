import { describeError } from '@ferry/react'
import { useId, useState } from 'react'
import { formatMoney } from '../../ui/format'
import { type TestCard, usePay } from './payment-api'

const cards: ReadonlyArray<{ readonly value: TestCard; readonly label: string; readonly hint: string }> = [
  { value: 'succeeds', label: 'Visa ·· 4242', hint: 'succeeds' },
  { value: 'declined', label: 'Visa ·· 0002', hint: 'is declined' },
]

/** Pays the order with a test card. The request carries an Idempotency-Key: a double click charges once. */
export function PayForm({ orderId, totalCents }: { readonly orderId: string; readonly totalCents: number }) {
  const [card, setCard] = useState<TestCard>('succeeds')
  const pay = usePay(orderId)
  const name = useId()
  return (
    <form
      className="pay-form"
      onSubmit={(event) => {
        event.preventDefault()
        pay.mutate(card)
      }}
    >
      <fieldset className="pay-form__cards">
        <legend className="field__label">Test card</legend>
        {cards.map((option) => (
          <label key={option.value} className="pay-form__card">
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={card === option.value}
              onChange={() => setCard(option.value)}
            />
            <span>
              {option.label} <span className="field__hint">({option.hint})</span>
            </span>
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button button--primary" disabled={pay.isPending}>
        {pay.isPending ? 'Paying…' : `Pay ${formatMoney(totalCents)}`}
      </button>
      {pay.isError && (
        <p className="notice notice--error" role="alert">
          The payment was not started: {describeError(pay.error)}
        </p>
      )}
    </form>
  )
}
