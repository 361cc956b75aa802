import type { Client, FerryError, RequestOptions, ResultOf, StandardSchemaV1 } from '@ferry/client'
import { type QueryClient, type QueryKey, queryOptions } from '@tanstack/react-query'
import { type RequestKey, requestKey } from './request-key.js'
import { send } from './retry-store.js'
import { identity, stableKey } from './stable-key.js'

/** Options of `apiQuery`: the request's options (the signal comes from TanStack), and its method. */
export interface ApiQueryOptions<S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'signal' | 'as'> {
  /** Default `'GET'`; a search API behind POST can be a query too. */
  readonly method?: string | undefined
  /**
   * Stands for the client in the key instead of its identity (a number per client object). Give the same
   * string on the server and in the browser, where the clients are different objects, so that a dehydrated
   * query hydrates (e.g. the API's name, or the signed-in user's id).
   */
  readonly scope?: string | undefined
}

/**
 * `[path, { method, client, baseUrl, params, query, body, headers }]`: everything that changes the answer,
 * path first, so that `invalidateQueries({ queryKey: ['/orders'] })` reaches every query of a path (any
 * client, method or query), and `['/orders', { query: { status: 'open' } }]` the open ones.
 */
export type ApiQueryKey = readonly [path: string, request: RequestKey]

/**
 * The query key of a request, as `apiQuery` builds it. Secret headers (`authorization`, `cookie`,
 * `x-api-key`, `proxy-authorization`) are held as a hash, never in clear.
 *
 * @example
 * queryClient.getQueryData(apiQueryKey(api, '/orders/:id', { params: { id } }))
 */
export function apiQueryKey(
  client: Client,
  path: string,
  options: Pick<ApiQueryOptions, 'method' | 'params' | 'query' | 'body' | 'headers' | 'scope'> = {},
): ApiQueryKey {
  return [path, requestKey(client, options.method ?? 'GET', options)]
}

/**
 * The owner of a query's retry progress: its key within its QueryClient, so two QueryClients running the
 * same query (a Storybook gallery, tests, micro-frontends) each show their own countdown.
 */
export const queryOwner = (queryClient: QueryClient, queryKey: QueryKey): string =>
  `${identity(queryClient)}:${stableKey(queryKey)}`

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
  const { method = 'GET', scope: _, ...request } = options
  return send<T, S>(
    client,
    method,
    path,
    request,
    context.signal,
    queryOwner(context.client, context.queryKey),
  )
}

/**
 * TanStack Query options for a request: the key (see `ApiQueryKey`), TanStack's `signal` passed to the
 * client, and TanStack's own retry turned off — the client retries (with backoff, `Retry-After` and
 * idempotency rules), so attempts never multiply.
 *
 * @example
 * const orders = useQuery(apiQuery(api, '/orders', { query: { page: 2 }, schema: OrdersPage }))
 * await queryClient.invalidateQueries({ queryKey: ['/orders'] })
 */
export function apiQuery<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  client: Client,
  path: string,
  options: ApiQueryOptions<S> = {},
) {
  return queryOptions<ResultOf<T, S, 'auto'>, FerryError, ResultOf<T, S, 'auto'>, ApiQueryKey>({
    queryKey: apiQueryKey(client, path, options),
    queryFn: (context) => runQuery<T, S>(client, path, options, context),
    retry: false,
  })
}
