import { act, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { Component, type ReactNode, Suspense, useLayoutEffect, version } from 'react'
import { describe, expect, it, vi } from 'vitest'
import { describeError } from './describe-error.js'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient, wait } from './test-support/server.js'
import { type SuspenseViewState, useSuspenseApiQuery } from './use-suspense-api-query.js'

interface Order {
  readonly id: number
}

class Boundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state = { error: null }
  static getDerivedStateFromError(error: unknown) {
    return { error }
  }
  override render() {
    return this.state.error ? <p role="alert">{describeError(this.state.error)}</p> : this.props.children
  }
}

interface Box {
  state?: SuspenseViewState<Order[]>
}

function Orders({ box }: { readonly box: Box }) {
  const orders = useSuspenseApiQuery<Order[]>('/orders')
  box.state = orders
  return (
    <p>
      {orders.status === 'empty' ? 'No orders' : `${orders.data.length} orders`}
      {orders.refreshError ? ' (stale)' : ''}
    </p>
  )
}

interface RenderLog {
  /** One entry per call of the component: 'suspended' until the hook returns, then the status it returned. */
  readonly renders: string[]
  readonly committed: string[]
}

function Counted({ log }: { readonly log: RenderLog }) {
  const index = log.renders.push('suspended') - 1
  const orders = useSuspenseApiQuery<Order[]>('/orders')
  log.renders[index] = orders.status
  useLayoutEffect(() => {
    log.committed.push(orders.status)
  })
  return <p>{orders.status}</p>
}

function app(box: Box) {
  return (
    <Boundary>
      <Suspense fallback={<p>Loading orders…</p>}>
        <Orders box={box} />
      </Suspense>
    </Boundary>
  )
}

/** GET /orders answers from `replies` in order (the last one repeats). */
function ordersApi(...replies: Array<'two' | 'none' | 'fail'>) {
  server.use(
    http.get(`${BASE}/orders`, () => {
      const reply = replies.length > 1 ? replies.shift() : replies[0]
      if (reply === 'fail') return new HttpResponse(null, { status: 404 })
      return HttpResponse.json(reply === 'two' ? [{ id: 1 }, { id: 2 }] : [])
    }),
  )
}

describe('useSuspenseApiQuery', () => {
  it('suspends for the first load, then renders success with the data', async () => {
    ordersApi('two')
    const box: Box = {}
    renderWithQuery(app(box), testClient({ retry: false }))
    expect(screen.getByText('Loading orders…')).toBeTruthy()
    expect(await screen.findByText('2 orders')).toBeTruthy()
    expect(box.state?.status).toBe('success')
    expect(box.state?.isFetching).toBe(false)
    expect(box.state?.retrying).toBeNull()
  })

  it('renders once with data and not again once committed; React 19 adds one suspended pre-warm render', async () => {
    ordersApi('two')
    const log: RenderLog = { renders: [], committed: [] }
    renderWithQuery(
      <Suspense fallback={<p>Loading orders…</p>}>
        <Counted log={log} />
      </Suspense>,
      testClient({ retry: false }),
    )
    await screen.findByText('success')
    // Time for a store update after the commit (the subscription's own result) to show up as a render.
    await act(() => wait(20))
    // React 19 commits the fallback at once, then renders the suspended tree again to "pre-warm" its siblings
    // (react#30800, react#29898): that render suspends too, since the data has not arrived. React 18 does not.
    // No render follows the commit: the subscription's result equals the one rendered with the data.
    const suspended = version.startsWith('18.') ? ['suspended'] : ['suspended', 'suspended']
    expect(log.renders).toEqual([...suspended, 'success'])
    expect(log.committed).toEqual(['success'])
  })

  it('says empty for an empty answer', async () => {
    ordersApi('none')
    const box: Box = {}
    renderWithQuery(app(box), testClient({ retry: false }))
    expect(await screen.findByText('No orders')).toBeTruthy()
    expect(box.state?.status).toBe('empty')
  })

  it('throws a failed first load to the error boundary', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    ordersApi('fail')
    renderWithQuery(app({}), testClient({ retry: false }))
    expect((await screen.findByRole('alert')).textContent).toBe('Not found.')
    vi.mocked(console.error).mockRestore()
  })

  it('keeps the data when a refetch fails, with the error in refreshError, and no boundary', async () => {
    ordersApi('two', 'fail')
    const box: Box = {}
    renderWithQuery(app(box), testClient({ retry: false }))
    await screen.findByText('2 orders')
    await act(async () => {
      box.state?.refetch()
    })
    expect(await screen.findByText('2 orders (stale)')).toBeTruthy()
    expect(box.state?.status).toBe('success')
    expect(box.state?.refreshError?.kind).toBe('http')
    expect(screen.queryByRole('alert')).toBeNull()
  })
})
