'use client'
import type { FerryError, ResultOf, StandardSchemaV1 } from '@ferry/client'
import { type UseSuspenseQueryOptions, useSuspenseQuery } from '@tanstack/react-query'
import { type ApiQueryKey, apiQuery } from './api-query.js'
import { useFerryClient } from './provider.js'
import { type UseApiQueryOptions, useQueryView } from './use-api-query.js'
import type { ViewState } from './view-state.js'

/** The states a suspense query can be in once it renders: it has data (maybe with a `refreshError`). */
export type SuspenseViewState<T, E = FerryError> = Extract<
  ViewState<T, E>,
  { readonly status: 'empty' | 'success' }
>

/** TanStack's suspense query options, minus those the hook owns (the key, the function, `retry`). */
export type SuspenseQueryTuning<T> = Omit<
  UseSuspenseQueryOptions<T, FerryError, T, ApiQueryKey>,
  'queryKey' | 'queryFn' | 'retry' | 'retryDelay' | 'select'
>

/**
 * `useApiQuery` for Suspense and error-boundary apps: the first load suspends (the nearest `<Suspense>` shows
 * its fallback) and a first load that fails is thrown to the nearest error boundary (whose reset can call
 * `useQueryErrorResetBoundary`). Once it renders, the state is `success` or `empty` with the data, and keeps
 * the ViewState contract: a failed refresh leaves the data with `refreshError`, `isFetching` and `retrying`
 * (the client's retry progress) report a background refetch, and `refetch()` runs one.
 *
 * @example
 * const orders = useSuspenseApiQuery('/orders', { schema: OrdersPage })
 * return orders.status === 'empty' ? <p>No orders yet.</p> : <OrderTable rows={orders.data.data} />
 */
export function useSuspenseApiQuery<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  path: string,
  options: UseApiQueryOptions<ResultOf<T, S, 'auto'>, S> = {},
  tuning?: SuspenseQueryTuning<ResultOf<T, S, 'auto'>>,
): SuspenseViewState<ResultOf<T, S, 'auto'>> {
  const { client, isEmpty, ...request } = options
  const query = apiQuery<T, S>(useFerryClient(client), path, request)
  const result = useSuspenseQuery({ ...query, ...tuning })
  // Read property by property: TanStack re-renders only for the properties read.
  const { isFetching, refetch, data } = result
  const view = useQueryView(
    result.status === 'error'
      ? { status: 'error', error: result.error, data, isFetching, isPlaceholderData: false, refetch }
      : { status: 'success', data, isFetching, isPlaceholderData: false, refetch },
    query.queryKey,
    isEmpty,
  )
  if (view.status === 'success' || view.status === 'empty') return view
  // useSuspenseQuery renders only with data (it suspends or throws before): this is a TanStack contract change.
  throw new Error(`Ferry: useSuspenseApiQuery('${path}') rendered without data (${view.status})`)
}
