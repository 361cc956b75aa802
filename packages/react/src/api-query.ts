import type { Client, FerryError, RequestOptions, ResultOf, StandardSchemaV1 } from '@ferry/client'
import { type QueryClient, type QueryKey, queryOptions } from '@tanstack/react-query'
import { queryOwner, send } from './retry-store.js'

/** Options of `apiQuery`: the request's options (the signal comes from TanStack), and its method. */
export interface ApiQueryOptions<S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'signal' | 'as'> {
  /** Default `'GET'`; a search API behind POST can be a query too. */
  readonly method?: string | undefined
}

/** `[method, path, params, query]`: invalidate every page of a list with `['GET', '/orders']`. */
export type ApiQueryKey = readonly [method: string, path: string, params: object, query: object]

/** The query key of a request, as `apiQuery` builds it. */
export function apiQueryKey(
  path: string,
  { method = 'GET', params = {}, query = {} }: Pick<ApiQueryOptions, 'method' | 'params' | 'query'> = {},
): ApiQueryKey {
  return [method, path, params, query instanceof URLSearchParams ? [...query] : query]
}

/**
 * Runs one request for TanStack: its `signal` passed through (TanStack aborts it when no one is interested),
 * and the client's retry progress reported under the query key.
 */
export function runQuery<T, S extends StandardSchemaV1 | undefined>(
  client: Client,
  path: string,
  options: ApiQueryOptions<S>,
  context: { readonly signal: AbortSignal; readonly queryKey: QueryKey; readonly client: QueryClient },
): Promise<ResultOf<T, S, 'auto'>> {
  const owner = queryOwner(context.client, context.queryKey)
  return send<T, S>(client, options.method ?? 'GET', path, options, context.signal, owner)
}

/**
 * TanStack Query options for a request: key `[method, path, params, query]`, TanStack's `signal` passed to
 * the client, and TanStack's own retry turned off — the client retries (with backoff, `Retry-After` and
 * idempotency rules), so attempts never multiply.
 *
 * @example
 * const orders = useQuery(apiQuery(api, '/orders', { query: { page: 2 }, schema: OrdersPage }))
 * await queryClient.invalidateQueries({ queryKey: ['GET', '/orders'] })
 */
export function apiQuery<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  client: Client,
  path: string,
  options: ApiQueryOptions<S> = {},
) {
  return queryOptions<ResultOf<T, S, 'auto'>, FerryError, ResultOf<T, S, 'auto'>, ApiQueryKey>({
    queryKey: apiQueryKey(path, options),
    queryFn: (context) => runQuery<T, S>(client, path, options, context),
    retry: false,
  })
}
