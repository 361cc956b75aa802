import type { FerryError } from '@ferry/client'

/** The client's retry progress: attempt `attempt` of `limit + 1` starts at `at` (epoch ms), `delayMs` after it was scheduled. */
export interface Retrying {
  readonly attempt: number
  readonly limit: number
  readonly delayMs: number
  readonly at: number
}

interface ViewCommon {
  /** A request for this state is in flight (the first load, a refetch, or a placeholder page). */
  readonly isFetching: boolean
  /** `data` belongs to the previous key (paging with `keepPrevious` / `keepPreviousData`). */
  readonly isPlaceholder: boolean
  /**
   * The client's retry progress, or `null`. Reading it subscribes the component to retry updates: one render
   * per retry, and none for components that never read it.
   */
  readonly retrying: Retrying | null
  /** Fetches again; from `error`, the state goes back to `loading`. */
  readonly refetch: () => void
}

/**
 * Exactly one of five states, with the request's progress on every state. Narrow on `status`.
 *
 * Data already shown is never taken away by a failed refresh (a refetch, a window-focus refetch, an
 * invalidation): the state stays `success` or `empty` with the data, and `refreshError` says what failed,
 * until the next fetch starts (`null` when nothing did). `error` is for a request that has no data to show.
 *
 * @example
 * const state = useFetch<Order[]>('/orders')
 * if (state.status === 'success') return <OrderTable rows={state.data} stale={state.refreshError !== null} />
 */
export type ViewState<T, E = FerryError> = ViewCommon &
  (
    | {
        readonly status: 'idle'
        readonly data?: undefined
        readonly error?: undefined
        readonly refreshError?: undefined
      }
    | {
        readonly status: 'loading'
        readonly data?: undefined
        readonly error?: undefined
        readonly refreshError?: undefined
      }
    | {
        readonly status: 'error'
        readonly error: E
        readonly data?: undefined
        readonly refreshError?: undefined
      }
    | {
        readonly status: 'empty'
        readonly data: T
        readonly error?: undefined
        readonly refreshError: E | null
      }
    | {
        readonly status: 'success'
        readonly data: T
        readonly error?: undefined
        readonly refreshError: E | null
      }
  )

/** `value[key]` for any value: `undefined` for `null`, `undefined` and keys a primitive does not have. */
export const read = (value: unknown, key: string): unknown => Reflect.get(Object(value), key)

const none = (value: unknown) => Array.isArray(value) && value.length === 0

/**
 * The default test for the `empty` state: `null`/`undefined`, an empty array, or an object whose `data`,
 * `items` or `results` array is empty. Hooks take their own `isEmpty` to override it.
 *
 * @example
 * isEmpty({ data: [], meta: { total: 0 } }) // true
 */
export function isEmpty(data: unknown): boolean {
  return data == null || none(data) || ['data', 'items', 'results'].some((key) => none(read(data, key)))
}
