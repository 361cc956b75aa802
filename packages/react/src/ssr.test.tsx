import {
  type DehydratedState,
  dehydrate,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
} from '@tanstack/react-query'
import { act } from '@testing-library/react'
import { HttpResponse, http } from 'msw'
import type { ReactNode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { apiQuery } from './api-query.js'
import { FerryProvider } from './provider.js'
import { QueryState } from './query-state.js'
import { BASE, server, testClient } from './test-support/server.js'
import { useApiQuery } from './use-api-query.js'
import { useFetch } from './use-fetch.js'

interface Order {
  readonly id: number
}

// The server's client and the browser's are different objects: `scope` gives both the same key.
const scope = 'orders-api'

function Orders() {
  const orders = useApiQuery<Order[]>('/orders', { scope }, { staleTime: 60_000 })
  return (
    <QueryState state={orders}>
      {(rows) => (
        <ul>
          {rows.map((order) => (
            <li key={order.id}>{`Order ${order.id}`}</li>
          ))}
        </ul>
      )}
    </QueryState>
  )
}

// Two bundles (server, browser), two module instances: equal schemas, different objects.
const schema = () => z.array(z.object({ id: z.number() }))

function Scoped({ of }: { of: z.ZodType<Order[]> }) {
  const orders = useApiQuery('/orders', { scope, schema: of }, { staleTime: 60_000 })
  return <QueryState state={orders}>{(rows) => rows.map((o) => `Order ${o.id}`).join(', ')}</QueryState>
}

function Light() {
  const state = useFetch<Order[]>('/orders')
  return <QueryState state={state}>{(rows) => rows.length}</QueryState>
}

function App({
  queryClient,
  client,
  children,
}: {
  queryClient: QueryClient
  client: ReturnType<typeof testClient>
  children: ReactNode
}) {
  return (
    <QueryClientProvider client={queryClient}>
      <FerryProvider client={client}>{children}</FerryProvider>
    </QueryClientProvider>
  )
}

function ordersApi() {
  let requests = 0
  server.use(
    http.get(`${BASE}/orders`, () => {
      requests++
      return HttpResponse.json([{ id: 1 }, { id: 2 }])
    }),
  )
  return () => requests
}

/** What a server does for one page: fetch, render to HTML, dehydrate the cache (as JSON, as it travels). */
async function serverRender() {
  const client = testClient({ headers: { Authorization: 'Bearer server-secret' } })
  const queryClient = new QueryClient()
  await queryClient.prefetchQuery(apiQuery<Order[]>(client, '/orders', { scope }))
  const html = renderToString(
    <App queryClient={queryClient} client={client}>
      <Orders />
    </App>,
  )
  return { html, state: JSON.stringify(dehydrate(queryClient)) }
}

/**
 * What the browser does with a server's page: the HTML in the document, then `hydrateRoot` with the
 * dehydrated state (as JSON, as it travels), a new QueryClient and the browser's client. Returns the text
 * shown at once, the recoverable (mismatch) errors, and how to leave.
 */
async function hydrateInBrowser(
  html: string,
  state: string,
  client: ReturnType<typeof testClient>,
  node: ReactNode,
) {
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)
  const recoverable = vi.fn()
  const dehydrated: DehydratedState = JSON.parse(state)
  const root = await act(async () =>
    hydrateRoot(
      container,
      <App queryClient={new QueryClient()} client={client}>
        <HydrationBoundary state={dehydrated}>{node}</HydrationBoundary>
      </App>,
      { onRecoverableError: recoverable },
    ),
  )
  const text = container.textContent
  // Anything the hydrated page would still send, it sends now.
  await act(() => new Promise((resolve) => setTimeout(resolve, 20)))
  return {
    text,
    recoverable,
    leave: () => {
      act(() => root.unmount())
      container.remove()
    },
  }
}

describe('server rendering and hydration', () => {
  it('renders the prefetched data to HTML, and hydrates it in the browser without a request or a mismatch', async () => {
    const requests = ordersApi()
    const { html, state } = await serverRender()
    expect(html).toContain('Order 2')
    expect(html).not.toContain('role="status"')
    expect(state).not.toContain('server-secret')
    expect(requests()).toBe(1)

    // The browser: another client (same base URL and headers, same scope), another QueryClient.
    const browser = testClient({ headers: { Authorization: 'Bearer server-secret' } })
    const page = await hydrateInBrowser(html, state, browser, <Orders />)
    expect(page.text).toBe('Order 1Order 2')
    expect(page.recoverable).not.toHaveBeenCalled()
    expect(requests()).toBe(1)
    page.leave()
  })

  it('renders useFetch as loading on the server, without sending anything', () => {
    const requests = ordersApi()
    const html = renderToString(
      <FerryProvider client={testClient()}>
        <Light />
      </FerryProvider>,
    )
    expect(html).toContain('role="status"')
    expect(requests()).toBe(0)
  })

  it('hydrates with a scope although the server’s client has another base URL and headers, and its own schema object', async () => {
    // The server reaches the API directly, with the user's cookie; the browser through its origin, without.
    let requests = 0
    const answer = () => {
      requests++
      return HttpResponse.json([{ id: 1 }, { id: 2 }])
    }
    server.use(http.get('http://api.internal/orders', answer), http.get(`${BASE}/orders`, answer))
    const serverClient = testClient({
      baseUrl: 'http://api.internal',
      headers: { Cookie: 'sid=server-only' },
    })
    const serverSchema = schema()
    const queryClient = new QueryClient()
    await queryClient.prefetchQuery(apiQuery(serverClient, '/orders', { scope, schema: serverSchema }))
    const html = renderToString(
      <App queryClient={queryClient} client={serverClient}>
        <Scoped of={serverSchema} />
      </App>,
    )
    const state = JSON.stringify(dehydrate(queryClient))
    expect(html).toContain('Order 1, Order 2')
    expect(state).not.toContain('sid=server-only')
    expect(requests).toBe(1)

    const page = await hydrateInBrowser(html, state, testClient(), <Scoped of={schema()} />)
    expect(page.text).toBe('Order 1, Order 2')
    expect(page.recoverable).not.toHaveBeenCalled()
    expect(requests).toBe(1)
    page.leave()
  })
})
