import type { FerryError } from '@ferry/client'
import { isEmpty, type Retrying, type ViewState } from './view-state.js'

/** A query's outcome as TanStack tells it: pending, error, or success with data. */
export type QueryOutcome<T, E> =
  | { readonly status: 'pending' }
  /** `data`: what a failed refresh leaves in place (TanStack keeps the last data on a refetch error). */
  | { readonly status: 'error'; readonly error: E; readonly data?: T | undefined }
  | { readonly status: 'success'; readonly data: T }

/** The part of a TanStack query result that `toViewState` reads (any `useQuery` result fits). */
export type QueryResultLike<T, E> = {
  readonly isFetching: boolean
  readonly isPlaceholderData: boolean
  readonly refetch: () => unknown
} & QueryOutcome<T, E>

/** Options of `toViewState`. */
export interface ToViewStateOptions<T> {
  readonly isEmpty?: ((data: T) => boolean) | undefined
  /** The reader from which `retrying` comes; the Ferry hooks pass theirs. Default: always `null`. */
  readonly retrying?: (() => Retrying | null) | undefined
}

/**
 * Adapts a TanStack Query result to a `ViewState`: pending and fetching → `loading`, pending and not
 * fetching (disabled) → `idle`, error → `error`, data → `empty` or `success`; an error with data still
 * in place (a failed refetch) stays `empty` or `success`, with the error in `refreshError` until the next
 * fetch starts. `useFetch`
 * builds its state with it too. `retrying` stays a getter, so that reading it is what subscribes.
 *
 * @example
 * const state = toViewState(useQuery({ ...apiQuery(api, '/orders'), select: (page) => page.data }))
 */
export function toViewState<T, E = FerryError>(
  result: QueryResultLike<T, E>,
  { isEmpty: empty = isEmpty, retrying = () => null }: ToViewStateOptions<T> = {},
): ViewState<T, E> {
  const { isFetching } = result
  const withData = (data: T, refreshError: E | null) =>
    ({ status: empty(data) ? 'empty' : 'success', data, refreshError }) as const
  return {
    ...(result.status === 'success'
      ? withData(result.data, null)
      : result.status === 'error'
        ? result.data === undefined
          ? { status: result.status, error: result.error }
          : // While the next fetch runs, its outcome is not known yet: the old failure is not shown.
            withData(result.data, isFetching ? null : result.error)
        : { status: isFetching ? ('loading' as const) : ('idle' as const) }),
    isFetching,
    isPlaceholder: result.isPlaceholderData,
    refetch: result.refetch,
    get retrying() {
      return retrying()
    },
  }
}
