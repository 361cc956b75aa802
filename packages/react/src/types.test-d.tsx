import type { FerryError } from '@ferry/client'
import { useQuery } from '@tanstack/react-query'
import type { ReactElement } from 'react'
import { describe, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { apiQuery } from './api-query.js'
import type { FerryProvider } from './provider.js'
import { QueryState } from './query-state.js'
import { testClient } from './test-support/server.js'
import { toViewState } from './to-view-state.js'
import { useApiMutation } from './use-api-mutation.js'
import { useApiQuery } from './use-api-query.js'
import { useFetch } from './use-fetch.js'
import { useInfiniteApiQuery } from './use-infinite-api-query.js'
import { usePaginatedQuery } from './use-paginated-query.js'
import { type SuspenseViewState, useSuspenseApiQuery } from './use-suspense-api-query.js'
import type { ViewState } from './view-state.js'

const Order = z.object({ id: z.number(), total: z.number(), note: z.string().optional() })
type Order = z.infer<typeof Order>
const OrdersPage = z.object({
  data: z.array(Order),
  meta: z.object({ page: z.number(), hasNextPage: z.boolean() }),
})
type OrdersPage = z.infer<typeof OrdersPage>
const api = testClient()

describe('types', () => {
  it('a schema passed to apiQuery types data in the ViewState', () => {
    const options = apiQuery(api, '/orders/:id', { params: { id: 1 }, schema: Order })
    const state = toViewState(useQuery(options))
    expectTypeOf(state).toEqualTypeOf<ViewState<Order, FerryError>>()
    if (state.status === 'success') expectTypeOf(state.data).toEqualTypeOf<Order>()
    if (state.status === 'empty') expectTypeOf(state.data).toEqualTypeOf<Order>()
    if (state.status === 'error') expectTypeOf(state.error).toEqualTypeOf<FerryError>()
    if (state.status === 'loading') expectTypeOf(state.data).toEqualTypeOf<undefined>()
    if (state.status === 'success') expectTypeOf(state.refreshError).toEqualTypeOf<FerryError | null>()
    if (state.status === 'error') expectTypeOf(state.refreshError).toEqualTypeOf<undefined>()
    expectTypeOf(state.retrying).toEqualTypeOf<{
      readonly attempt: number
      readonly limit: number
      readonly delayMs: number
      readonly at: number
    } | null>()
  })

  it('a schema passed to apiQuery types data in <QueryState> children', () => {
    const state = toViewState(useQuery(apiQuery(api, '/orders', { schema: OrdersPage })))
    ;<QueryState state={state}>
      {(page, current) => {
        expectTypeOf(page).toEqualTypeOf<OrdersPage>()
        expectTypeOf(current.isPlaceholder).toEqualTypeOf<boolean>()
        return page.data.map((order) => order.total)
      }}
    </QueryState>
    // @ts-expect-error: the data is an OrdersPage, not an array
    ;<QueryState state={state}>{(page) => page.map(String)}</QueryState>
  })

  it('the hooks infer data from the schema, or take it as a type argument', () => {
    expectTypeOf(useApiQuery('/orders/:id', { schema: Order })).toEqualTypeOf<ViewState<Order>>()
    expectTypeOf(useFetch('/orders/:id', { schema: Order })).toEqualTypeOf<ViewState<Order>>()
    expectTypeOf(useFetch<Order[]>('/orders')).toEqualTypeOf<ViewState<Order[]>>()
    const page = usePaginatedQuery('/orders', { page: 1, schema: OrdersPage })
    if (page.status === 'success') expectTypeOf(page.data).toEqualTypeOf<OrdersPage>()
    expectTypeOf(page.hasNextPage).toEqualTypeOf<boolean>()
    const feed = useInfiniteApiQuery('/feed', { schema: OrdersPage })
    if (feed.status === 'success') expectTypeOf(feed.data).toEqualTypeOf<OrdersPage[]>()
  })

  it('useApiMutation types variables from toRequest and data from the schema', () => {
    const create = useApiMutation('POST', '/orders', {
      schema: Order,
      toRequest: (draft: { total: number }) => ({ body: draft }),
    })
    expectTypeOf(create.mutate).parameter(0).toEqualTypeOf<{ total: number }>()
    expectTypeOf(create.data).toEqualTypeOf<Order | undefined>()
    expectTypeOf(create.idempotencyKey).toEqualTypeOf<string | undefined>()
    expectTypeOf(create.replayed).toEqualTypeOf<boolean>()
  })

  it('isEmpty overrides see the typed data', () => {
    useApiQuery('/orders', {
      schema: OrdersPage,
      isEmpty: (page) => {
        expectTypeOf(page).toEqualTypeOf<OrdersPage>()
        return page.data.length === 0
      },
    })
  })

  it('components return an element, never React 19’s ReactNode (React 18’s JSX rejects bigint and promises)', () => {
    expectTypeOf<ReturnType<typeof QueryState>>().toEqualTypeOf<ReactElement>()
    expectTypeOf<ReturnType<typeof FerryProvider>>().toEqualTypeOf<ReactElement>()
    expectTypeOf<bigint>().not.toExtend<ReturnType<typeof QueryState>>()
    expectTypeOf<Promise<ReactElement>>().not.toExtend<ReturnType<typeof FerryProvider>>()
  })

  it('useSuspenseApiQuery is success or empty, with data typed from the schema', () => {
    const orders = useSuspenseApiQuery('/orders', { schema: OrdersPage })
    expectTypeOf(orders).toEqualTypeOf<SuspenseViewState<OrdersPage>>()
    expectTypeOf(orders.status).toEqualTypeOf<'empty' | 'success'>()
    expectTypeOf(orders.data).toEqualTypeOf<OrdersPage>()
    expectTypeOf(orders.refreshError).toEqualTypeOf<FerryError | null>()
  })
})
