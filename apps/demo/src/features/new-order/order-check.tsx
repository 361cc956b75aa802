import { useFerryClient } from '@ferry/react'
import { useState } from 'react'
import { type Order, OrdersPage } from '../../api/schemas'
import { formatDateTime } from '../../ui/format'
import { Link } from '../../ui/link'

type Check =
  | { readonly state: 'idle' | 'checking' | 'none' | 'failed' }
  | { readonly state: 'found'; readonly order: Order }

/**
 * "Check whether it was placed": looks for an order of this customer created since the submission (a plain
 * GET, so checking can never create the order a second time), and says what it found.
 */
export function OrderCheck({ email, since }: { readonly email: string; readonly since: number }) {
  const api = useFerryClient()
  const [check, setCheck] = useState<Check>({ state: 'idle' })
  const look = async () => {
    setCheck({ state: 'checking' })
    try {
      const page = await api.get('/orders', {
        query: { q: email, sort: '-createdAt', pageSize: 5 },
        schema: OrdersPage,
      })
      // A minute of slack for a clock that differs between browser and server.
      const order = page.data.find((o) => Date.parse(o.createdAt) >= since - 60_000)
      setCheck(order ? { state: 'found', order } : { state: 'none' })
    } catch {
      setCheck({ state: 'failed' })
    }
  }
  return (
    <div className="order-check">
      <button type="button" className="button" onClick={look} aria-busy={check.state === 'checking'}>
        Check whether it was placed
      </button>
      <p className="order-check__result" role="status">
        {check.state === 'checking' && 'Looking for the order…'}
        {check.state === 'found' && (
          <>
            Order #{check.order.number} for {check.order.customer.name} was placed at{' '}
            {formatDateTime(check.order.createdAt)}.{' '}
            <Link to={{ view: 'order', id: check.order.id }}>View order #{check.order.number}</Link>
          </>
        )}
        {check.state === 'none' &&
          `No order for ${email} yet. The server may still be working on it: check again in a moment.`}
        {check.state === 'failed' && 'The check failed; try it again.'}
      </p>
    </div>
  )
}
