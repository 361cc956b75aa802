import type { Client } from '@ferry/client'
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import { StrictMode, useLayoutEffect } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { apiQuery, apiQueryKey } from './api-query.js'
import { FerryProvider } from './provider.js'
import { QueryState } from './query-state.js'
import { renderWithQuery } from './test-support/render.js'
import { BASE, server, testClient, untilAborted } from './test-support/server.js'
import { toViewState } from './to-view-state.js'
import { useApiQuery } from './use-api-query.js'

afterEach(() => {
  vi.useRealTimers()
})

interface Order {
  readonly id: number
}

function RawQuery({ client }: { readonly client: Client }) {
  const result = useQuery(apiQuery<Order[]>(client, '/orders'))
  return <p>{result.status}</p>
}

function Adapted({ client }: { readonly client: Client }) {
  const state = toViewState(useQuery(apiQuery<{ data: Order[] }>(client, '/orders')))
  return <p>{state.status}</p>
}

interface CommitLog {
  renders: number
  readonly committed: string[]
}

function Counted({ log }: { readonly log: CommitLog }) {
  log.renders++
  const state = useApiQuery<Order[]>('/orders')
  useLayoutEffect(() => {
    log.committed.push(state.status)
  })
  return <p>{state.status}</p>
}

function ErrorKind() {
  const state = useApiQuery<Order[]>('/orders')
  return <p>{state.status === 'error' ? `error ${state.error.kind}` : state.status}</p>
}

function OrdersView() {
  const state = useApiQuery<Order[]>('/orders', {}, { refetchOnWindowFocus: false })
  return <QueryState state={state}>{(orders) => orders.length}</QueryState>
}

function Disabled() {
  const state = useApiQuery<Order[]>('/orders', {}, { enabled: false })
  return <p>{state.status}</p>
}

function RetryText() {
  const state = useApiQuery<Order[]>('/orders')
  const { retrying } = state
  return (
    <p>
      {retrying
        ? `retry ${retrying.attempt}/${retrying.limit + 1} at +${retrying.at - Date.now()} ms`
        : state.status}
    </p>
  )
}

describe('apiQuery', () => {
  it('keys a request by [path, { method, client, baseUrl, read, params, query, body, headers }]', () => {
    const client = testClient()
    const options = apiQuery(client, '/orders/:id', { params: { id: 7 }, query: { expand: ['items'] } })
    expect(options.queryKey).toEqual([
      '/orders/:id',
      {
        method: 'GET',
        client: expect.any(Number),
        baseUrl: BASE,
        params: { id: 7 },
        query: { expand: ['items'] },
        body: undefined,
        headers: {},
        // schema, unwrap (none), then the request's `use` middleware, by identity.
        read: [undefined, undefined],
      },
    ])
    const search = apiQueryKey(client, '/search', {
      method: 'POST',
      query: new URLSearchParams('q=a&q=b'),
      body: { text: 'tea' },
      scope: 'orders-api',
    })
    expect(search[1]).toMatchObject({
      method: 'POST',
      client: 'orders-api',
      query: { q: ['a', 'b'] },
      body: { text: 'tea' },
    })
    // A scope stands for the client: no base URL, no identities.
    expect(search[1]).not.toHaveProperty('baseUrl')
    expect(search[1]).not.toHaveProperty('read')
    expect(options.retry).toBe(false)
  })

  it("passes TanStack's signal to the client: unmounting aborts the request at the server", async () => {
    let started = 0
    let aborted = 0
    server.use(
      http.get(`${BASE}/orders`, async ({ request }) => {
        started++
        await untilAborted(request.signal)
        aborted++
        return HttpResponse.json([])
      }),
    )
    const client = testClient()
    const view = renderWithQuery(<RawQuery client={client} />, client)
    await vi.waitFor(() => expect(started).toBe(1))
    view.unmount()
    await vi.waitFor(() => expect(aborted).toBe(1))
  })

  it.each([
    ['useQuery(apiQuery(…))', (client: Client) => <RawQuery client={client} />],
    ['useApiQuery', () => <Counted log={{ renders: 0, committed: [] }} />],
  ])(
    '%s sends one request in a StrictMode app, whose first commit unsubscribes and subscribes again',
    async (_, ui) => {
      const sent: AbortSignal[] = []
      const client = testClient({
        // A server that takes a moment: the request is in flight while StrictMode unmounts and remounts.
        fetch: (_input, init) => {
          if (init?.signal) sent.push(init.signal)
          return new Promise((resolve) => setTimeout(() => resolve(Response.json([{ id: 1 }])), 20))
        },
      })
      // As Vite's React template renders an app: the providers inside <StrictMode>.
      render(
        <StrictMode>
          <QueryClientProvider client={new QueryClient()}>
            <FerryProvider client={client}>{ui(client)}</FerryProvider>
          </QueryClientProvider>
        </StrictMode>,
      )
      await screen.findByText('success')
      expect(sent.map((signal) => signal.aborted)).toEqual([false])
    },
  )

  it('adapts a plain useQuery result with toViewState', async () => {
    server.use(http.get(`${BASE}/orders`, () => HttpResponse.json({ data: [] })))
    const client = testClient()
    renderWithQuery(<Adapted client={client} />, client)
    expect(await screen.findByText('empty')).toBeTruthy()
  })
})

/** Each render of the orders list: whether a fetch runs, and whether a failed refresh is shown. */
function Refreshable({ seen }: { readonly seen: string[] }) {
  const state = useApiQuery<Order[]>('/orders', {}, { refetchOnWindowFocus: false })
  seen.push(`${state.isFetching ? 'fetching' : 'idle'} ${state.refreshError ? 'stale' : 'fresh'}`)
  return (
    <>
      <QueryState state={state}>{(orders) => <p>{`${orders.length} orders`}</p>}</QueryState>
      <button type="button" onClick={state.refetch}>
        Refresh
      </button>
    </>
  )
}

describe('useApiQuery', () => {
  it('keeps the rows when a refetch fails, hides the notice while the next runs, clears it on success', async () => {
    let answer: 'ok' | 'fail' = 'ok'
    server.use(
      http.get(`${BASE}/orders`, () =>
        answer === 'ok' ? HttpResponse.json([{ id: 1 }, { id: 2 }]) : HttpResponse.json({}, { status: 500 }),
      ),
    )
    const seen: string[] = []
    renderWithQuery(<Refreshable seen={seen} />)
    await screen.findByText('2 orders')
    answer = 'fail'
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }))
    expect((await screen.findByRole('alert')).textContent).toContain('Refreshing failed')
    expect(screen.getByText('2 orders')).toBeTruthy()
    expect(seen.at(-1)).toBe('idle stale')

    // Retry with the server still failing: the notice goes while the refetch runs, and comes back.
    seen.length = 0
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await vi.waitFor(() => expect(seen.at(-1)).toBe('idle stale'))
    expect(seen[0]).toBe('fetching fresh')
    expect(screen.getByText('2 orders')).toBeTruthy()

    answer = 'ok'
    seen.length = 0
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    await vi.waitFor(() => expect(seen.at(-1)).toBe('idle fresh'))
    expect(seen).not.toContain('idle stale')
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.getByText('2 orders')).toBeTruthy()
  })

  it('goes loading → success in exactly two renders', async () => {
    server.use(http.get(`${BASE}/orders`, () => HttpResponse.json([{ id: 1 }])))
    const log: CommitLog = { renders: 0, committed: [] }
    renderWithQuery(<Counted log={log} />)
    await screen.findByText('success')
    expect(log.committed).toEqual(['loading', 'success'])
    expect(log.renders).toBe(2)
  })

  it('makes exactly limit + 1 requests for a failing query: the client retries, TanStack does not', async () => {
    let calls = 0
    server.use(
      http.get(`${BASE}/orders`, () => {
        calls++
        return new HttpResponse(null, { status: 500 })
      }),
    )
    renderWithQuery(<ErrorKind />, testClient({ retry: { limit: 2, baseDelay: 1, maxDelay: 1 } }))
    // TanStack reports the error only after its own retries, so by now any would have happened.
    await screen.findByText('error http')
    expect(calls).toBe(3)
  })

  it('renders every state through <QueryState>, and Retry refetches', async () => {
    let calls = 0
    server.use(
      http.get(`${BASE}/orders`, () => {
        calls++
        return calls === 1 ? new HttpResponse(null, { status: 404 }) : HttpResponse.json([])
      }),
    )
    renderWithQuery(<OrdersView />, testClient({ retry: false }))
    expect(screen.getByRole('status')).toBeTruthy()
    expect((await screen.findByRole('alert')).textContent).toContain('Not found.')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(await screen.findByText('Nothing here yet.')).toBeTruthy()
  })

  it('is idle while disabled', () => {
    renderWithQuery(<Disabled />)
    expect(screen.getByText('idle')).toBeTruthy()
  })

  it('surfaces the client retry progress in retrying, and clears it on success', async () => {
    vi.useFakeTimers()
    let calls = 0
    server.use(
      http.get(`${BASE}/orders`, () => {
        calls++
        return calls === 1
          ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': '2' } })
          : HttpResponse.json([{ id: 1 }])
      }),
    )
    renderWithQuery(<RetryText />)
    await act(() => vi.advanceTimersByTimeAsync(1))
    expect(screen.getByText('retry 2/3 at +1999 ms')).toBeTruthy()
    await act(() => vi.advanceTimersByTimeAsync(2_000))
    expect(screen.getByText('success')).toBeTruthy()
  })

  it('keeps retry progress apart for two QueryClients running the same query', async () => {
    vi.useFakeTimers()
    const healthy = testClient()
    const flaky = testClient()
    let flakyCalls = 0
    server.use(
      http.get(`${BASE}/orders`, ({ request }) => {
        if (request.headers.get('x-tenant') !== 'flaky') return HttpResponse.json([{ id: 1 }])
        flakyCalls++
        return flakyCalls === 1
          ? new HttpResponse(null, { status: 503, headers: { 'Retry-After': '2' } })
          : HttpResponse.json([{ id: 1 }])
      }),
    )
    renderWithQuery(<RetryText />, healthy)
    renderWithQuery(<RetryText />, flaky.extend({ headers: { 'X-Tenant': 'flaky' } }))
    await act(() => vi.advanceTimersByTimeAsync(1))
    expect(screen.getByText('success')).toBeTruthy()
    expect(screen.getByText('retry 2/3 at +1999 ms')).toBeTruthy()
  })
})
