import {
  type Client,
  type FerryError,
  isFerryError,
  type RequestOptions,
  type ResultOf,
  type StandardSchemaV1,
} from '@ferry/client'
import { type SetStateAction, useEffect, useRef, useState } from 'react'
import { useFerryClient } from './provider.js'
import { send, useRetrying } from './retry-store.js'
import { stableKey } from './stable-key.js'
import { type QueryOutcome, toViewState } from './to-view-state.js'
import type { ViewState } from './view-state.js'

/** Options of `useFetch`: the request's options (GET), plus how the hook behaves. */
export interface UseFetchOptions<T, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'signal' | 'as' | 'body' | 'idempotencyKey'> {
  /** The client to use instead of `<FerryProvider>`'s. */
  readonly client?: Client | undefined
  /** `false` keeps the hook `idle` (no request) until it turns true or `refetch()` is called. */
  readonly enabled?: boolean | undefined
  /** On a key change, keep showing the previous data (with `isPlaceholder`) instead of `loading`. */
  readonly keepPrevious?: boolean | undefined
  /** Overrides the default `isEmpty` test. */
  readonly isEmpty?: ((data: T) => boolean) | undefined
}

/** The outcome of the latest request, the key it belongs to (none at first), and whether it is in flight. */
type Stored<T> = QueryOutcome<T, FerryError> & { readonly key?: string | null; readonly isFetching: boolean }

const pending = { status: 'pending' } as const

let instances = 0
const nextInstance = () => instances++

/** The data a stored outcome shows: a success's, or what a failed refresh left in place. */
function shownData<T>(stored: Stored<T>): { readonly data: T } | undefined {
  if (stored.status === 'success') return { data: stored.data }
  if (stored.status === 'error' && stored.data !== undefined) return { data: stored.data }
  return undefined
}

/**
 * Fetches `path` on mount and whenever the path, `params` or `query` change; no cache. Two renders from
 * mount to data (loading, then success). The request is aborted on unmount and on key change, so a stale
 * response never lands, and an abort never becomes an `error`. `null` as the path waits (state `idle`).
 *
 * @example
 * const orders = useFetch('/orders', { query: { page }, schema: OrdersPage, keepPrevious: true })
 * return <QueryState state={orders}>{(page) => <OrderTable rows={page.data} />}</QueryState>
 */
export function useFetch<T = unknown, S extends StandardSchemaV1 | undefined = undefined>(
  path: string | null,
  options: UseFetchOptions<ResultOf<T, S, 'auto'>, S> = {},
): ViewState<ResultOf<T, S, 'auto'>> {
  type R = ResultOf<T, S, 'auto'>
  const { client: given, enabled = true, keepPrevious, isEmpty, ...request } = options
  const client = useFerryClient(given)
  const key = path === null ? null : path + stableKey([request.params, request.query])
  const [stored, setStored] = useState<Stored<R>>({ ...pending, isFetching: false })
  // The in-flight request.
  const controller = useRef<AbortController>(null)
  // This hook's entry in the retry store, per key: a new key never shows the previous key's countdown. A
  // counter, not useId(): two roots or two copies of React give the same ids.
  const [instance] = useState(nextInstance)
  const owner = `${instance}:${key}`
  const active = key !== null && enabled
  const mine = stored.key === key

  // Rebuilt every render, so the effect and refetch always run with the latest path and options. The
  // first request for a key sets no state (the render already shows loading): two renders to data.
  const run = (refetching?: boolean) => {
    if (path === null) return
    controller.current?.abort()
    const current = new AbortController()
    controller.current = current
    const { signal } = current
    if (refetching || mine) {
      // Data on screen stays there while it is refreshed (also after a failed refresh).
      const shown = mine ? shownData(stored) : undefined
      setStored(
        shown
          ? { status: 'success', data: shown.data, key, isFetching: true }
          : { ...pending, key, isFetching: true },
      )
    }
    const settle = (next: SetStateAction<Stored<R>>) => {
      if (!signal.aborted) setStored(next)
    }
    send<T, S>(client, 'GET', path, request, signal, owner).then(
      (data) => settle({ status: 'success', data, key, isFetching: false }),
      (error: unknown) =>
        // Not a Ferry error (a missing path param, a bug in `unwrap`): thrown during render, for an error boundary.
        settle(
          isFerryError(error)
            ? // A failed refetch leaves this key's data in place (shown with `refreshError`).
              (current) => ({
                status: 'error',
                error,
                data: current.key === key ? shownData(current)?.data : undefined,
                key,
                isFetching: false,
              })
            : () => {
                throw error
              },
        ),
    )
  }
  const latest = useRef(run)
  latest.current = run
  const [refetch] = useState(() => () => latest.current(true))

  useEffect(() => {
    if (key === null || !enabled) return
    latest.current()
    return () => controller.current?.abort()
  }, [key, enabled])

  const previous = active && !mine && keepPrevious === true && shownData(stored) !== undefined
  return toViewState(
    {
      ...(mine || previous ? stored : pending),
      isFetching: mine ? stored.isFetching : active,
      isPlaceholderData: previous,
      refetch,
    },
    { isEmpty, retrying: useRetrying(owner) },
  )
}
