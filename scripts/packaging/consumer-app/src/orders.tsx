// Two components written the way the package READMEs teach: one on useFetch (no cache), one on the
// TanStack Query hooks. The query hooks come through ./query-hooks.ts, whose import path the test script writes.
import { QueryState, useFetch } from '@ferry/react'
import type { ReactElement } from 'react'
import { useApiQuery } from './query-hooks'

export interface Order {
  id: string
  total: number
}

export function OrderDetail({ id }: { id: string }): ReactElement {
  const order = useFetch<Order>('/orders/:id', { params: { id } })
  return (
    <QueryState state={order}>
      {(o) => (
        <p>
          Order {o.id}: {o.total} EUR
        </p>
      )}
    </QueryState>
  )
}

export function OrderList(): ReactElement {
  const orders = useApiQuery<{ data: Order[] }>('/orders', { query: { status: 'open' } })
  return (
    <QueryState state={orders} empty={<p>No open orders.</p>}>
      {(page) => (
        <ul>
          {page.data.map((o) => (
            <li key={o.id}>order {o.id}</li>
          ))}
        </ul>
      )}
    </QueryState>
  )
}
