import { OrderStatus } from '../../api/schemas'
import { statusLabels } from './order-status-badge'

/** The labelled "Status" select shared by the orders toolbar and the export: one status, or all. */
export function StatusFilter({
  id,
  value,
  disabled,
  onChange,
}: {
  readonly id: string
  readonly value: OrderStatus | undefined
  readonly disabled?: boolean
  readonly onChange: (status: OrderStatus | undefined) => void
}) {
  return (
    <div className="toolbar__filter">
      <label className="field__label" htmlFor={id}>
        Status
      </label>
      <select
        id={id}
        className="select"
        value={value ?? ''}
        disabled={disabled}
        onChange={(event) => {
          const parsed = OrderStatus.safeParse(event.target.value)
          onChange(parsed.success ? parsed.data : undefined)
        }}
      >
        <option value="">All statuses</option>
        {OrderStatus.options.map((status) => (
          <option key={status} value={status}>
            {statusLabels[status]}
          </option>
        ))}
      </select>
    </div>
  )
}
