import { isAbortError, isHttpError } from '@ferry/client'
import { describeError } from '@ferry/react'
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react'
import { useCreateOrder } from '../../api/queries'
import type { Product } from '../../api/schemas'
import { Field } from '../../ui/field'
import { formatMoney } from '../../ui/format'
import { type Draft, emptyDraft, serverFieldErrors, validateDraft } from './draft'
import { useInProgressWait } from './in-progress-wait'
import { ItemRows } from './item-rows'
import { OrderCheck } from './order-check'
import { OrderPlaced } from './order-placed'

/** Total of the lines that name a product and a sensible quantity. */
function draftTotal(draft: Draft, products: ReadonlyArray<Product>): number {
  return draft.items.reduce((sum, item) => {
    const price = products.find((p) => p.sku === item.sku)?.unitPriceCents ?? 0
    const quantity = Number(item.quantity)
    return Number.isInteger(quantity) && quantity > 0 ? sum + price * quantity : sum
  }, 0)
}

/**
 * The new-order form: validated with the API's schema (errors inline, shown after the first submit and then
 * live), submitted idempotently. A second click while the first is in flight sends the same submission with
 * the same Idempotency-Key, so the server replays it instead of creating a second order.
 */
export function NewOrderForm({ products }: { readonly products: ReadonlyArray<Product> }) {
  const inProgress = useInProgressWait()
  const use = useMemo(() => [inProgress.middleware], [inProgress.middleware])
  const create = useCreateOrder(use)
  // When the latest submission was sent: "check whether it was placed" looks for orders since then.
  const [sentAt, setSentAt] = useState(0)
  const [draft, setDraft] = useState<Draft>(emptyDraft)
  const [submitted, setSubmitted] = useState(false)
  const [focusRequest, setFocusRequest] = useState(0)
  const form = useRef<HTMLFormElement>(null)
  const checked = validateDraft(draft)
  const errors = { ...serverFieldErrors(create.error), ...(submitted && !checked.ok ? checked.errors : {}) }

  // After a refused submit, the first invalid field gets the focus.
  useEffect(() => {
    if (focusRequest > 0) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusRequest])

  const submit = (event: FormEvent) => {
    event.preventDefault()
    setSubmitted(true)
    if (!checked.ok) {
      setFocusRequest((n) => n + 1)
      return
    }
    inProgress.reset()
    setSentAt(Date.now())
    create.mutate(checked.order)
  }

  if (create.isSuccess)
    return (
      <OrderPlaced
        order={create.data}
        replayed={create.replayed}
        idempotencyKey={create.idempotencyKey}
        onAnother={() => {
          create.reset()
          setDraft(emptyDraft())
          setSubmitted(false)
        }}
      />
    )

  const set = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }))
  // The server said this very order is still being processed (a 409), and the wait for it ended: it may
  // have been created, or may still be.
  const stillProcessing = create.isError && isHttpError(create.error) && create.error.status === 409
  const stopped = inProgress.wait.state === 'stopped' || (create.isError && isAbortError(create.error))
  const waiting = create.isPending && inProgress.wait.state === 'waiting' && !stopped
  const ambiguous =
    create.isError &&
    !stopped &&
    !stillProcessing &&
    !(isHttpError(create.error) && create.error.status < 500)

  return (
    <form ref={form} className="card form" onSubmit={submit} noValidate aria-labelledby="new-order-title">
      <h2 id="new-order-title" className="card__title">
        Order details
      </h2>
      <div className="form__row">
        <Field label="Customer name" error={errors.customerName}>
          {(control) => (
            <input
              {...control}
              className="input"
              autoComplete="name"
              value={draft.customerName}
              onChange={(e) => set({ customerName: e.target.value })}
            />
          )}
        </Field>
        <Field label="Email" error={errors.email}>
          {(control) => (
            <input
              {...control}
              className="input"
              type="email"
              autoComplete="email"
              value={draft.email}
              onChange={(e) => set({ email: e.target.value })}
            />
          )}
        </Field>
      </div>
      <ItemRows
        items={draft.items}
        products={products}
        errors={errors}
        onChange={(items) => set({ items })}
      />
      <Field
        label="Note (optional)"
        error={errors.note}
        hint="Shown on the packing slip. Up to 500 characters."
      >
        {(control) => (
          <textarea
            {...control}
            className="input textarea"
            rows={3}
            value={draft.note}
            onChange={(e) => set({ note: e.target.value })}
          />
        )}
      </Field>
      {waiting && (
        <div className="notice notice--info in-progress" role="status">
          <p>
            <strong>The same order is still being processed by the server — waiting for it.</strong> It is
            asked again every few seconds; the order is placed once, whatever happens.
          </p>
          <button type="button" className="button" onClick={inProgress.stop}>
            Stop waiting
          </button>
        </div>
      )}
      {(stopped || stillProcessing) && (
        <div className="notice notice--warning in-progress" role="alert">
          <p>
            <strong>
              {stopped
                ? 'Stopped waiting.'
                : 'The server was still processing the order when we stopped asking.'}
            </strong>{' '}
            The order may have been created, or may still be: check before placing it again.
          </p>
          <OrderCheck email={draft.email.trim()} since={sentAt} />
        </div>
      )}
      {create.isError && !stopped && !stillProcessing && (
        <div className="notice notice--error" role="alert">
          <p>
            <strong>The order was not placed.</strong> {describeError(create.error)}
          </p>
          {ambiguous && (
            <p>
              Trying again is safe: it sends the same Idempotency-Key, so the order cannot be created twice.
            </p>
          )}
        </div>
      )}
      <div className="form__footer">
        <p className="form__total">
          Total <strong>{formatMoney(draftTotal(draft, products))}</strong>
        </p>
        {create.isPending && (
          <span className="form__pending" role="status">
            Placing order…
          </span>
        )}
        <button type="submit" className="button button--primary" aria-busy={create.isPending}>
          {create.isError && ambiguous ? 'Try again' : 'Place order'}
        </button>
      </div>
    </form>
  )
}
