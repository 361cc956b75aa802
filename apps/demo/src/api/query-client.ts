import {
  type DefaultError,
  type DefaultedQueryObserverOptions,
  QueryClient,
  type QueryFunction,
  type QueryKey,
  type QueryObserverOptions,
} from '@tanstack/react-query'

/**
 * Why the app's QueryClient starts each query function a microtask late.
 *
 * TanStack cancels a query whose last observer unsubscribes if its query function has read the `signal`
 * (and then fetches it again for the next observer). @ferry/react passes that signal to the client at once,
 * and StrictMode (development) mounts every component, unmounts it and mounts it again within one commit: so
 * every screen's first request was cancelled ("Aborted" in the request log) and sent a second time. Started a
 * microtask late, the query function has not read the signal when StrictMode unmounts, so TanStack keeps the
 * fetch and the remounted component joins it: one request per resource. A screen left later still cancels
 * its request (the signal has been read by then).
 */
const lateFunctions = new WeakSet<object>()

function startLate<T, K extends QueryKey, P>(queryFn: QueryFunction<T, K, P>): QueryFunction<T, K, P> {
  if (lateFunctions.has(queryFn)) return queryFn
  const wrapped: QueryFunction<T, K, P> = async (context) => {
    await Promise.resolve()
    return queryFn(context)
  }
  lateFunctions.add(wrapped)
  return wrapped
}

/** The app's QueryClient (see above); `main.tsx`, the stories and the component tests share its settings. */
class AppQueryClient extends QueryClient {
  override defaultQueryOptions<
    TQueryFnData = unknown,
    TError = DefaultError,
    TData = TQueryFnData,
    TQueryData = TQueryFnData,
    TQueryKey extends QueryKey = QueryKey,
    TPageParam = never,
  >(
    options:
      | QueryObserverOptions<TQueryFnData, TError, TData, TQueryData, TQueryKey, TPageParam>
      | DefaultedQueryObserverOptions<TQueryFnData, TError, TData, TQueryData, TQueryKey>,
  ) {
    const defaulted = super.defaultQueryOptions(options)
    const { queryFn } = defaulted
    return typeof queryFn === 'function' ? { ...defaulted, queryFn: startLate(queryFn) } : defaulted
  }
}

/**
 * A QueryClient with the app's defaults: no refetch on window focus, and query functions started after
 * StrictMode's remount (one request per resource in development too).
 *
 * @example
 * <QueryClientProvider client={createQueryClient()}>…</QueryClientProvider>
 */
export function createQueryClient(): QueryClient {
  return new AppQueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })
}
