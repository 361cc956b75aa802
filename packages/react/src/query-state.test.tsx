import { act, fireEvent, render, screen, within } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { FerryProvider } from './provider.js'
import { QueryState } from './query-state.js'
import { BASE, server, testClient } from './test-support/server.js'
import { type QueryOutcome, toViewState } from './to-view-state.js'
import { useFetch } from './use-fetch.js'

afterEach(() => {
  vi.useRealTimers()
})

interface Order {
  readonly id: number
}

function Orders({ path = '/orders' }: { readonly path?: string | null | undefined }) {
  const state = useFetch<Order[]>(path)
  return (
    <QueryState state={state}>
      {(orders) => (
        <ul>
          {orders.map((order) => (
            <li key={order.id}>order {order.id}</li>
          ))}
        </ul>
      )}
    </QueryState>
  )
}

const client = testClient()
const renderOrders = (path?: string | null) =>
  render(
    <FerryProvider client={client}>
      <Orders path={path} />
    </FerryProvider>,
  )

describe('<QueryState> defaults', () => {
  it('shows loading as a busy status region', async () => {
    server.use(http.get(`${BASE}/orders`, () => HttpResponse.json([{ id: 1 }])))
    renderOrders()
    const status = screen.getByRole('status')
    expect(status.getAttribute('aria-busy')).toBe('true')
    expect(status.textContent).toBe('Loading…')
    await screen.findByText('order 1')
    expect(screen.queryByRole('status')).toBeNull()
  })

  it('shows success through the children', async () => {
    server.use(http.get(`${BASE}/orders`, () => HttpResponse.json([{ id: 1 }, { id: 2 }])))
    renderOrders()
    expect(await screen.findAllByRole('listitem')).toHaveLength(2)
  })

  it('shows empty with a message', async () => {
    server.use(http.get(`${BASE}/orders`, () => HttpResponse.json([])))
    renderOrders()
    expect(await screen.findByText('Nothing here yet.')).toBeTruthy()
    expect(screen.queryByRole('list')).toBeNull()
  })

  it('shows an error as an alert with a human message and a Retry button that refetches', async () => {
    let calls = 0
    server.use(
      http.get(`${BASE}/orders`, () => {
        calls++
        return calls === 1
          ? HttpResponse.json(
              { title: 'Gone', detail: 'The orders archive moved.' },
              {
                status: 404,
                headers: { 'Content-Type': 'application/problem+json' },
              },
            )
          : HttpResponse.json([{ id: 3 }])
      }),
    )
    renderOrders()
    const alert = await screen.findByRole('alert')
    expect(alert.textContent).toContain('The orders archive moved.')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText('order 3')).toBeTruthy()
    expect(calls).toBe(2)
  })

  it('renders nothing while idle', () => {
    const view = renderOrders(null)
    expect(view.container.textContent).toBe('')
  })

  it('counts down the client retries inside the loading region, then shows the data', async () => {
    vi.useFakeTimers()
    let calls = 0
    server.use(
      http.get(`${BASE}/orders`, () => {
        calls++
        return calls === 1
          ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': '3' } })
          : HttpResponse.json([{ id: 4 }])
      }),
    )
    renderOrders()
    await act(() => vi.advanceTimersByTimeAsync(1))
    const status = screen.getByRole('status')
    expect(status.textContent).toBe('Retrying in 3 s (2 of 3)…')
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(status.textContent).toBe('Retrying in 2 s (2 of 3)…')
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(status.textContent).toBe('Retrying in 1 s (2 of 3)…')
    await act(() => vi.advanceTimersByTimeAsync(1_000))
    expect(screen.getByText('order 4')).toBeTruthy()
    expect(screen.queryByRole('status')).toBeNull()
  })
})

describe('<QueryState> slots', () => {
  /** A `ViewState` of number rows in the given outcome. */
  const view = (outcome: QueryOutcome<number[], Error>, refetch = () => {}, isPlaceholderData = false) =>
    toViewState({ ...outcome, isFetching: outcome.status === 'pending', isPlaceholderData, refetch })

  it('replaces every slot', () => {
    const { rerender } = render(
      <QueryState state={view({ status: 'pending' })} loading={<p>wait</p>}>
        {() => null}
      </QueryState>,
    )
    expect(screen.getByText('wait')).toBeTruthy()
    const refetch = vi.fn()
    rerender(
      <QueryState
        state={view({ status: 'error', error: new Error('x') }, refetch)}
        error={(error, retry) => (
          <button type="button" onClick={retry}>
            again after {error.message}
          </button>
        )}
      >
        {() => null}
      </QueryState>,
    )
    fireEvent.click(screen.getByText('again after x'))
    expect(refetch).toHaveBeenCalledTimes(1)
    rerender(
      <QueryState state={view({ status: 'success', data: [] })} empty={(data) => `${data.length} rows`}>
        {() => null}
      </QueryState>,
    )
    expect(screen.getByText('0 rows')).toBeTruthy()
    rerender(
      <QueryState
        state={toViewState<number[], Error>({
          status: 'pending',
          isFetching: false,
          isPlaceholderData: false,
          refetch: () => {},
        })}
        idle="pick a filter"
      >
        {() => null}
      </QueryState>,
    )
    expect(screen.getByText('pick a filter')).toBeTruthy()
  })

  it('keeps the data after a failed refresh, with an alert whose Retry refetches', () => {
    const refetch = vi.fn()
    const failed = view({ status: 'error', error: new Error('gone'), data: [1, 2] }, refetch)
    const { rerender } = render(
      <QueryState state={failed}>{(data) => <p>{`${data.length} rows`}</p>}</QueryState>,
    )
    expect(screen.getByText('2 rows')).toBeTruthy()
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Refreshing failed; this may be out of date.')
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }))
    expect(refetch).toHaveBeenCalledTimes(1)

    rerender(
      <QueryState
        state={failed}
        refreshError={(error, retry) => (
          <button onClick={retry} type="button">{`stale: ${error.message}`}</button>
        )}
      >
        {(data) => <p>{`${data.length} rows`}</p>}
      </QueryState>,
    )
    expect(screen.getByText('stale: gone')).toBeTruthy()
    expect(screen.getByText('2 rows')).toBeTruthy()

    rerender(
      <QueryState state={failed} refreshError={false}>
        {(data) => <p>{`${data.length} rows`}</p>}
      </QueryState>,
    )
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByText('2 rows')).toBeTruthy()
  })

  it('keeps the data’s elements (and what was typed in them) when a refresh notice comes and goes', () => {
    const ok = view({ status: 'success', data: [1] })
    const failed = view({ status: 'error', error: new Error('gone'), data: [1] })
    const form = () => <input aria-label="note" defaultValue="" />
    const { rerender } = render(<QueryState state={ok}>{form}</QueryState>)
    const input = screen.getByRole('textbox', { name: 'note' })
    fireEvent.change(input, { target: { value: 'half-typed' } })
    rerender(<QueryState state={failed}>{form}</QueryState>)
    expect(screen.getByRole('alert')).toBeTruthy()
    expect(screen.getByRole('textbox', { name: 'note' })).toBe(input)
    rerender(<QueryState state={ok}>{form}</QueryState>)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByRole('textbox', { name: 'note' })).toBe(input)
    expect(input).toHaveProperty('value', 'half-typed')
  })

  it('passes the state to the children, for placeholder styling', () => {
    render(
      <QueryState state={view({ status: 'success', data: [1] }, undefined, true)}>
        {(data, state) => <p>{`${data.length} row${state.isPlaceholder ? ' (previous page)' : ''}`}</p>}
      </QueryState>,
    )
    expect(screen.getByText('1 row (previous page)')).toBeTruthy()
  })
})
