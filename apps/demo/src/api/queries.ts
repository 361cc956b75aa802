import type { Middleware } from '@ferry/client'
import { useApiMutation, useApiQuery, useInfiniteApiQuery, usePaginatedQuery } from '@ferry/react/query'
import { useQueryClient } from '@tanstack/react-query'
import { z } from 'zod'
import type { OrdersSearch } from '../features/orders/orders-search'
import { type NewOrder, Order, OrdersFeed, OrdersPage, Product } from './schemas'

/**
 * The app's queries: which endpoint, which schema, which cache settings. Components call these hooks, never
 * the paths.
 */

/** One page of the orders table; the previous page stays while the next loads, the one after is prefetched. */
export function useOrdersPage({ page, pageSize, status, q, sort }: OrdersSearch) {
  return usePaginatedQuery(
    '/orders',
    { page, query: { pageSize, status, q: q || undefined, sort }, schema: OrdersPage },
    { staleTime: 15_000 },
  )
}

/** One order, for the detail screen. */
export function useOrder(id: string) {
  return useApiQuery('/orders/:id', { params: { id }, schema: Order }, { staleTime: 30_000 })
}

export const feedPageSize = 20

/** The newest orders as a cursor feed ("Load more"). */
export function useOrdersFeed() {
  return useInfiniteApiQuery('/orders/feed', { query: { limit: feedPageSize }, schema: OrdersFeed })
}

const Catalogue = z.array(Product)

/** The products the new-order form offers; they rarely change. */
export function useProducts() {
  return useApiQuery('/products', { schema: Catalogue }, { staleTime: 10 * 60_000 })
}

/**
 * Places an order, idempotently; every orders list is refreshed afterwards. `use`: middleware for its attempts
 * (the new-order form's stoppable wait).
 */
export function useCreateOrder(use: ReadonlyArray<Middleware> = []) {
  const queryClient = useQueryClient()
  return useApiMutation(
    'POST',
    '/orders',
    { schema: Order, toRequest: (draft: NewOrder) => ({ body: draft }), use },
    {
      onSuccess: () => {
        // Query keys start with the path: this reaches every page, filter and client of each list.
        queryClient.invalidateQueries({ queryKey: ['/orders'] }).catch(() => {})
        queryClient.invalidateQueries({ queryKey: ['/orders/feed'] }).catch(() => {})
      },
    },
  )
}
