import type { Client, FerryError, RequestOptions, ResultOf, StandardSchemaV1 } from '@ferry/client'
// Types only from TanStack: its runtime imports React's client APIs, and `apiQuery` must import on a React
// Server Component's server (to prefetch there).
import type { QueryClient, QueryFunction, QueryKey, UseQueryOptions } from '@tanstack/react-query'
import { type RequestKey, requestKey } from './request-key.js'
import { send } from './retry-store.js'
import { identity, stableKey } from './stable-key.js'

/** Options of `apiQuery`: the request's options (the signal comes from TanStack), and its method. */
export interface ApiQueryOptions<S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'signal' | 'as'> {
  /** Default `'GET'`; a search API behind POST can be a query too. */
  readonly method?: string | undefined
  /**
   * Stands in the key for the client (its identity, base URL and headers) and for how the answer is read
   * (the identities of `schema`, `unwrap`, `use`), which differ between the server and the browser. Give the
   * same string on both so that a dehydrated query hydrates (e.g. the API's name, or the signed-in user's id),
   * and another string to a query of the same request read another way (another schema).
   */
  readonly scope?: string | undefined
}

/**
 * `[path, { method, client, baseUrl, params, query, body, headers, read }]`: everything that changes the answer,
 * path first, so that `invalidateQueries({ queryKey: ['/orders'] })` reaches every query of a path (any
 * client, method or query), and `['/orders', { query: { status: 'open' } }]` the open ones.
 */
export type ApiQueryKey = readonly [path: string, request: RequestKey]

/**
 * The query key of a request, as `apiQuery` builds it. Header values (any may be a secret) and the client's
 * `redactQuery` parameters are held as hashes, never in clear; `schema`, `unwrap` and `use` by identity.
 *
 * @example
 * queryClient.getQueryData(apiQueryKey(api, '/orders/:id', { params: { id } }))
 */
export function apiQueryKey(
  client: Client,
  path: string,
  options: Pick<
    ApiQueryOptions,
    'method' | 'params' | 'query' | 'body' | 'headers' | 'scope' | 'use' | 'unwrap'
  > & {
    readonly schema?: object | undefined
  } = {},
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
export async function runQuery<T, S extends StandardSchemaV1 | undefined>(
  client: Client,
  path: string,
  options: ApiQueryOptions<S>,
  context: { readonly signal: AbortSignal; readonly queryKey: QueryKey; readonly client: QueryClient },
): Promise<ResultOf<T, S, 'auto'>> {
  // TanStack cancels a query whose function has read its `signal` when the last observer unsubscribes, and
  // fetches it again for the next one. StrictMode (development) unsubscribes and subscribes every component again
  // within one commit, so a signal read at once made each first request an aborted one followed by a second.
  // Read a microtask later, after that remount, the request is sent once; a component that really leaves still
  // aborts it, as the signal has been read by then.
  await undefined
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

/** What `apiQuery` returns: TanStack query options (for `useQuery`, `useSuspenseQuery`, `queryClient.query`). */
export type ApiQueryConfig<T> = UseQueryOptions<T, FerryError, T, ApiQueryKey> & {
  queryKey: ApiQueryKey
  queryFn: QueryFunction<T, ApiQueryKey>
  /** The client retries (backoff, `Retry-After`, idempotency rules); TanStack does not. */
  retry: false
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
): ApiQueryConfig<ResultOf<T, S, 'auto'>> {
  return {
    queryKey: apiQueryKey(client, path, options),
    queryFn: (context) => runQuery<T, S>(client, path, options, context),
    retry: false,
  }
}
