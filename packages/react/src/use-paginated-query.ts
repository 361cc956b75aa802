'use client'
import type { QueryValue, ResultOf, StandardSchemaV1 } from '@ferry/client'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { type ApiQueryKey, apiQuery } from './api-query.js'
import { useFerryClient } from './provider.js'
import { stableKey } from './stable-key.js'
import { type QueryTuning, type UseApiQueryOptions, useApiQuery } from './use-api-query.js'
import { read, type ViewState } from './view-state.js'

/** Options of `usePaginatedQuery`. */
export interface UsePaginatedQueryOptions<T, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<UseApiQueryOptions<T, S>, 'query'> {
  /** The page to show; sent as the `pageParam` query parameter. */
  readonly page: number
  readonly query?: Readonly<Record<string, QueryValue | ReadonlyArray<QueryValue>>> | undefined
  /** The query parameter that carries the page. Default `'page'`. */
  readonly pageParam?: string | undefined
  /** Whether a page follows `data` (it is then prefetched). Default: `data.meta.hasNextPage`. */
  readonly hasNextPage?: ((data: T, page: number) => boolean) | undefined
}

/** A page's `ViewState`, plus the page shown and whether another follows. */
export type PaginatedViewState<T> = ViewState<T> & { readonly page: number; readonly hasNextPage: boolean }

const metaHasNext = (data: unknown) => read(read(data, 'meta'), 'hasNextPage') === true

/** How long a prefetched page counts as fresh (with the default `staleTime`): opening it shows it, no refetch. */
const PREFETCHED_FRESH_MS = 30_000
// The page queries that a prefetch filled. With TanStack's default staleTime (0) a prefetched page would be
// stale when opened and fetched a second time.
const prefetched = new WeakSet<object>()
const pageStaleTime = (query: object) => (prefetched.has(query) ? PREFETCHED_FRESH_MS : 0)

/** Who a query's answer is for: its client (or scope), base URL and headers (hashed). */
const audience = ([, request]: ApiQueryKey) => stableKey([request.client, request.baseUrl, request.headers])

/**
 * TanStack's `keepPreviousData` within one audience: the page shown stays while the next loads, but not when the
 * client or the headers changed (a user signed out, another signed in): their page is never shown, even dimmed.
 */
const keepWithin = (key: ApiQueryKey) => {
  const mine = audience(key)
  return <T>(
    previous: T | undefined,
    query: { readonly queryKey: ApiQueryKey } | undefined,
  ): T | undefined => (query && audience(query.queryKey) === mine ? previous : undefined)
}

/**
 * Numbered pages without a spinner flash: while the next page loads, the previous one stays on screen with
 * `isPlaceholder` (TanStack's `keepPreviousData`, but never another client's or other headers' page), and the page after the one shown is prefetched. Unless
 * `staleTime` is given, a prefetched page counts as fresh for 30 s: opening it shows it without fetching it again.
 *
 * @example
 * const orders = usePaginatedQuery('/orders', { page, query: { status }, schema: OrdersPage })
 * <QueryState state={orders}>{(p) => <OrderTable rows={p.data} dimmed={orders.isPlaceholder} />}</QueryState>
 */
export function usePaginatedQuery<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  path: string,
  {
    page,
    pageParam = 'page',
    hasNextPage = metaHasNext,
    ...options
  }: UsePaginatedQueryOptions<ResultOf<T, S, 'auto'>, S>,
  tuning?: QueryTuning<ResultOf<T, S, 'auto'>>,
): PaginatedViewState<ResultOf<T, S, 'auto'>> {
  const at = (n: number) => ({ ...options, query: { ...options.query, [pageParam]: n } })
  const staleTime = tuning?.staleTime ?? pageStaleTime
  // The next page's key has this page's audience (client, base URL, headers): it is all keepWithin reads.
  const next = apiQuery<T, S>(useFerryClient(options.client), path, at(page + 1))
  const placeholderData = keepWithin(next.queryKey)
  const view = useApiQuery<T, S>(path, at(page), { placeholderData, ...tuning, staleTime })
  const hasNext = view.status === 'success' && !view.isPlaceholder && hasNextPage(view.data, page)
  const queryClient = useQueryClient()
  const nextKey = stableKey(next.queryKey)
  // biome-ignore lint/correctness/useExhaustiveDependencies: `next` is rebuilt every render; its key says when it changed.
  useEffect(() => {
    // `query` replaces `prefetchQuery`, deprecated since TanStack Query 5.102; older 5.x only has the latter.
    if (!hasNext) return
    const fill = () => {
      const query = queryClient.getQueryCache().find({ queryKey: next.queryKey, exact: true })
      if (query) prefetched.add(query)
    }
    // The query's own `staleTime`: a next page still fresh is not fetched again.
    const options = { ...next, staleTime }
    ;(queryClient.query ? queryClient.query(options) : queryClient.prefetchQuery(options)).then(
      fill,
      () => {},
    )
  }, [hasNext, nextKey, queryClient])
  return Object.assign(view, { page, hasNextPage: hasNext })
}
