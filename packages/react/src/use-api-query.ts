'use client'
import type { Client, FerryError, ResultOf, StandardSchemaV1 } from '@ferry/client'
import { type QueryKey, type UseQueryOptions, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ApiQueryKey, type ApiQueryOptions, apiQuery, queryOwner } from './api-query.js'
import { useFerryClient } from './provider.js'
import { type QueryResultLike, toViewState } from './to-view-state.js'
import { useRetrying } from './use-retrying.js'
import type { ViewState } from './view-state.js'

/** Options of the query hooks: the request's options, the client, and the `isEmpty` test. */
export interface UseApiQueryOptions<T, S extends StandardSchemaV1 | undefined = undefined>
  extends ApiQueryOptions<S> {
  /** The client to use instead of `<FerryProvider>`'s. */
  readonly client?: Client | undefined
  /** Overrides the default `isEmpty` test. */
  readonly isEmpty?: ((data: T) => boolean) | undefined
}

/**
 * TanStack's own options (`enabled`, `staleTime`, `refetchInterval`…), minus those the hook owns: the key,
 * the query function, and `retry` (the client retries).
 */
export type QueryTuning<T> = Omit<
  UseQueryOptions<T, FerryError, T, ApiQueryKey>,
  'queryKey' | 'queryFn' | 'retry' | 'retryDelay' | 'select'
>

/** A TanStack result as a `ViewState`, with the client's retry progress reported under its query key. */
export const useQueryView = <T>(
  result: QueryResultLike<T, FerryError>,
  queryKey: QueryKey,
  isEmpty?: ((data: T) => boolean) | undefined,
): ViewState<T> =>
  toViewState(result, { isEmpty, retrying: useRetrying(queryOwner(useQueryClient(), queryKey)) })

/**
 * A cached query through TanStack Query, as a `ViewState`. The client retries; TanStack does not.
 *
 * @example
 * const order = useApiQuery('/orders/:id', { params: { id }, schema: Order }, { staleTime: 30_000 })
 * return <QueryState state={order}>{(o) => <OrderCard order={o} />}</QueryState>
 */
export function useApiQuery<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  path: string,
  options: UseApiQueryOptions<ResultOf<T, S, 'auto'>, S> = {},
  tuning?: QueryTuning<ResultOf<T, S, 'auto'>>,
): ViewState<ResultOf<T, S, 'auto'>> {
  const { client, isEmpty, ...request } = options
  const query = apiQuery<T, S>(useFerryClient(client), path, request)
  return useQueryView(useQuery({ ...query, ...tuning }), query.queryKey, isEmpty)
}
