import { useEffect, useRef, useState } from 'react'
import { OrderSort } from '../../api/schemas'
import type { OrdersSearch } from './orders-search'
import { StatusFilter } from './status-filter'
import '../../ui/toolbar.css'

export const sortLabels: Readonly<Record<OrderSort, string>> = {
  '-createdAt': 'Newest first',
  createdAt: 'Oldest first',
  '-totalCents': 'Highest total',
  totalCents: 'Lowest total',
  '-number': 'Order number, high to low',
  number: 'Order number, low to high',
}

interface OrdersToolbarProps {
  readonly search: OrdersSearch
  /** A change of filters; `replace` for keystrokes, so history is not flooded. */
  readonly onChange: (patch: Partial<OrdersSearch>, replace?: boolean) => void
}

const typingDelayMs = 300

/** Search, status filter and sort of the orders table. */
export function OrdersToolbar({ search, onChange }: OrdersToolbarProps) {
  const [text, setText] = useState(search.q)
  const sent = useRef(search.q)
  const change = useRef(onChange)
  change.current = onChange

  // The URL changed elsewhere (back button, "Clear filters"): show its query.
  useEffect(() => {
    if (search.q !== sent.current) {
      sent.current = search.q
      setText(search.q)
    }
  }, [search.q])

  // Typing settles for a moment before the URL (and the request) follows.
  useEffect(() => {
    const q = text.trim()
    if (q === sent.current) return
    const timer = setTimeout(() => {
      sent.current = q
      change.current({ q, page: 1 }, true)
    }, typingDelayMs)
    return () => clearTimeout(timer)
  }, [text])

  return (
    <search aria-label="Filter orders">
      <form
        className="toolbar"
        onSubmit={(event) => {
          // Enter searches at once, without waiting for typing to settle.
          event.preventDefault()
          const q = text.trim()
          sent.current = q
          onChange({ q, page: 1 })
        }}
      >
        <div className="toolbar__search">
          <label className="field__label" htmlFor="orders-q">
            Search
          </label>
          <input
            id="orders-q"
            className="input"
            type="search"
            placeholder="Order ID, customer name or email"
            value={text}
            onChange={(event) => setText(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <StatusFilter
          id="orders-status"
          value={search.status}
          onChange={(status) => onChange({ status, page: 1 })}
        />
        <div className="toolbar__filter">
          <label className="field__label" htmlFor="orders-sort">
            Sort
          </label>
          <select
            id="orders-sort"
            className="select"
            value={search.sort}
            onChange={(event) => {
              const sort = OrderSort.safeParse(event.target.value)
              if (sort.success) onChange({ sort: sort.data, page: 1 })
            }}
          >
            {OrderSort.options.map((sort) => (
              <option key={sort} value={sort}>
                {sortLabels[sort]}
              </option>
            ))}
          </select>
        </div>
      </form>
    </search>
  )
}
