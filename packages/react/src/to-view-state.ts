import type { FerryError } from '@ferry/client'
import { makeView, type Retrying, type ViewState } from './view-state.js'

/** The part of a TanStack query result that `toViewState` reads (any `useQuery` result fits). */
export type QueryResultLike<T, E> = {
  readonly isFetching: boolean
  readonly isPlaceholderData: boolean
  readonly refetch: () => unknown
} & (
  | { readonly status: 'pending' }
  | { readonly status: 'error'; readonly error: E }
  | { readonly status: 'success'; readonly data: T }
)

/** Options of `toViewState`. */
export interface ToViewStateOptions<T> {
  readonly isEmpty?: ((data: T) => boolean) | undefined
  /** The reader from which `retrying` comes; the Ferry hooks pass theirs. Default: always `null`. */
  readonly retrying?: (() => Retrying | null) | undefined
}

/**
 * Adapts a TanStack Query result to a `ViewState`: pending and fetching → `loading`, pending and not
 * fetching (disabled) → `idle`, error → `error`, data → `empty` or `success`.
 *
 * @example
 * const state = toViewState(useQuery({ ...apiQuery(api, '/orders'), select: (page) => page.data }))
 */
export function toViewState<T, E = FerryError>(
  result: QueryResultLike<T, E>,
  { isEmpty, retrying = () => null }: ToViewStateOptions<T> = {},
): ViewState<T, E> {
  return makeView<T, E>(
    result.status === 'success'
      ? { status: 'data', data: result.data }
      : result.status === 'error'
        ? { status: 'error', error: result.error }
        : { status: result.isFetching ? 'loading' : 'idle' },
    result.isFetching,
    result.isPlaceholderData,
    result.refetch,
    retrying,
    isEmpty,
  )
}
