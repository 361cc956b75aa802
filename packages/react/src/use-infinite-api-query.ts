'use client'
import type { FerryError, QueryValue, ResultOf, StandardSchemaV1 } from '@ferry/client'
import { type InfiniteData, useInfiniteQuery } from '@tanstack/react-query'
import { useCallback } from 'react'
import { apiQueryKey, runQuery } from './api-query.js'
import { useFerryClient } from './provider.js'
import { type UseApiQueryOptions, useQueryView } from './use-api-query.js'
import { isEmpty, read, type ViewState } from './view-state.js'

/** Options of `useInfiniteApiQuery`; `isEmpty` tests one page (the list is empty when every page is). */
export interface UseInfiniteApiQueryOptions<T, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<UseApiQueryOptions<T, S>, 'query'> {
  readonly query?: Readonly<Record<string, QueryValue | ReadonlyArray<QueryValue>>> | undefined
  /** The query parameter that carries the cursor. Default `'cursor'`. */
  readonly cursorParam?: string | undefined
  /** The cursor of the page after `page`, or `null`/`undefined` at the end. Default: `nextCursor` or `meta.nextCursor`. */
  readonly nextCursor?: ((page: T) => QueryValue) | undefined
}

/** The pages loaded so far as a `ViewState`, plus what a "Load more" button needs. */
export type InfiniteViewState<T> = ViewState<T[]> & {
  readonly hasNextPage: boolean
  readonly isFetchingNextPage: boolean
  /**
   * Why the last "load more" failed, until the next fetch starts (another "load more", or a refetch). The
   * pages already loaded stay in `data` (the state stays `success`): only the first page's failure makes
   * the state `error`.
   */
  readonly nextPageError: FerryError | null
  /** Loads the page after the last one; the same function on every render. */
  readonly fetchNextPage: () => void
}

function readCursor(page: unknown): QueryValue {
  const found = read(page, 'nextCursor') ?? read(read(page, 'meta'), 'nextCursor')
  return typeof found === 'string' || typeof found === 'number' ? found : undefined
}

/**
 * A cursor feed ("load more") through TanStack's infinite query. `data` is the array of pages.
 *
 * @example
 * const feed = useInfiniteApiQuery('/orders/feed', { schema: FeedPage })
 * <QueryState state={feed}>{(pages) => pages.flatMap((p) => p.items).map((o) => <Row key={o.id} order={o} />)}</QueryState>
 * {feed.hasNextPage && <button onClick={feed.fetchNextPage}>Load more</button>}
 */
export function useInfiniteApiQuery<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  path: string,
  options: UseInfiniteApiQueryOptions<ResultOf<T, S, 'auto'>, S> = {},
): InfiniteViewState<ResultOf<T, S, 'auto'>> {
  type R = ResultOf<T, S, 'auto'>
  const {
    client: given,
    isEmpty: empty = isEmpty,
    cursorParam = 'cursor',
    nextCursor = readCursor,
    ...request
  } = options
  const client = useFerryClient(given)
  const queryKey = [...apiQueryKey(client, path, request), 'infinite'] as const
  const result = useInfiniteQuery<R, FerryError, R[], typeof queryKey, QueryValue>({
    queryKey,
    queryFn: (context) =>
      runQuery<T, S>(
        client,
        path,
        { ...request, query: { ...request.query, [cursorParam]: context.pageParam } },
        context,
      ),
    initialPageParam: undefined,
    getNextPageParam: nextCursor,
    select: (data: InfiniteData<R, QueryValue>) => data.pages,
    retry: false,
  })
  // TanStack's own is stable, and so is this one (an infinite-scroll effect lists it); it takes no argument, so
  // it can be an onClick handler without the event becoming TanStack's options.
  const { fetchNextPage: next } = result
  const fetchNextPage = useCallback(() => {
    next()
  }, [next])
  // TanStack turns the whole query into an error when a later page fails; the rows already shown stay.
  const failedNext = result.isFetchNextPageError && result.data !== undefined
  return Object.assign(
    useQueryView(
      failedNext ? { ...result, status: 'success', data: result.data } : result,
      queryKey,
      (pages: R[]) => pages.every(empty),
    ),
    {
      hasNextPage: result.hasNextPage,
      isFetchingNextPage: result.isFetchingNextPage,
      nextPageError: failedNext && !result.isFetchingNextPage ? result.error : null,
      fetchNextPage,
    },
  )
}
