import type { Product } from '../../api/schemas'
import { Field } from '../../ui/field'
import { formatMoney } from '../../ui/format'
import { type DraftItem, type FieldErrors, newItem } from './draft'

interface ItemRowsProps {
  readonly items: ReadonlyArray<DraftItem>
  readonly products: ReadonlyArray<Product>
  readonly errors: FieldErrors
  readonly onChange: (items: ReadonlyArray<DraftItem>) => void
}

const maxItems = 10

/** The order's lines: a product and a quantity each; lines can be added and removed. */
export function ItemRows({ items, products, errors, onChange }: ItemRowsProps) {
  const update = (key: string, patch: Partial<DraftItem>) =>
    onChange(items.map((item) => (item.key === key ? { ...item, ...patch } : item)))
  return (
    <fieldset className="fieldset" aria-describedby={errors.items ? 'items-error' : undefined}>
      <legend className="fieldset__legend">Items</legend>
      <ol className="item-rows">
        {items.map((item, index) => (
          <li key={item.key} className="item-row">
            <Field
              label={`Product ${index + 1}`}
              error={errors[`items.${index}.sku`]}
              className="item-row__product"
            >
              {(control) => (
                <select
                  {...control}
                  className="select"
                  value={item.sku}
                  onChange={(event) => update(item.key, { sku: event.target.value })}
                >
                  <option value="">Choose a product…</option>
                  {products.map((product) => (
                    <option key={product.sku} value={product.sku}>
                      {product.name} — {formatMoney(product.unitPriceCents)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field
              label={`Quantity ${index + 1}`}
              error={errors[`items.${index}.quantity`]}
              className="item-row__qty"
            >
              {(control) => (
                <input
                  {...control}
                  className="input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={99}
                  value={item.quantity}
                  onChange={(event) => update(item.key, { quantity: event.target.value })}
                />
              )}
            </Field>
            <button
              type="button"
              className="button button--ghost item-row__remove"
              aria-label={`Remove item ${index + 1}`}
              onClick={() => onChange(items.filter((other) => other.key !== item.key))}
              disabled={items.length === 1}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      {errors.items && (
        <p className="field__error" id="items-error">
          {errors.items}
        </p>
      )}
      <button
        type="button"
        className="button button--small"
        onClick={() => onChange([...items, newItem()])}
        disabled={items.length >= maxItems}
      >
        + Add item
      </button>
    </fieldset>
  )
}
