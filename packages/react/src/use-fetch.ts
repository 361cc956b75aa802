import {
  type Client,
  type FerryError,
  isFerryError,
  type RequestOptions,
  type ResultOf,
  type StandardSchemaV1,
} from '@ferry/client'
import { type SetStateAction, useCallback, useEffect, useRef, useState } from 'react'
import { useFerryClient } from './provider.js'
import { clearRetry, reportRetry, useRetrying } from './retry-store.js'
import { stableKey } from './stable-key.js'
import { makeView, type RawState, type ViewState } from './view-state.js'

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

/** The outcome of the latest request, and the key it belongs to. */
interface Stored<T> {
  readonly key: string | null
  readonly raw: RawState<T, FerryError>
  readonly busy: boolean
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
  const [stored, setStored] = useState<Stored<R>>({ key: null, raw: { status: 'idle' }, busy: false })
  // The in-flight request; the ref object also names this hook's entry in the retry store.
  const controller = useRef<AbortController | undefined>(undefined)
  const retrying = useRetrying(controller)

  // Rebuilt every render, so the effect and refetch always run with the latest path and options. The
  // first request for a key sets no state (the render already shows loading): two renders to data.
  const run = (refetching?: boolean) => {
    if (key === null || path === null) return
    controller.current?.abort()
    clearRetry(controller)
    const current = new AbortController()
    controller.current = current
    if (refetching || stored.key === key) {
      setStored({
        key,
        raw: stored.key === key && stored.raw.status === 'data' ? stored.raw : { status: 'loading' },
        busy: true,
      })
    }
    const settle = (next: SetStateAction<Stored<R>>) => {
      if (current.signal.aborted) return
      clearRetry(controller)
      setStored(next)
    }
    client
      .request<T, S>('GET', path, {
        ...request,
        signal: current.signal,
        onRetry: (info) => {
          request.onRetry?.(info)
          reportRetry(controller, info)
        },
      })
      .then(
        (data) => settle({ key, raw: { status: 'data', data }, busy: false }),
        (error: unknown) =>
          // Not a Ferry error (a missing path param, a bug in `unwrap`): thrown during render, for an error boundary.
          settle(
            isFerryError(error)
              ? { key, raw: { status: 'error', error }, busy: false }
              : () => {
                  throw error
                },
          ),
      )
  }
  const latest = useRef(run)
  latest.current = run
  const refetch = useCallback(() => latest.current(true), [])

  useEffect(() => {
    if (key === null || !enabled) return
    latest.current()
    return () => {
      controller.current?.abort()
      controller.current = undefined
      clearRetry(controller)
    }
  }, [key, enabled])

  const active = key !== null && enabled
  const mine = key !== null && stored.key === key
  const previous = active && !mine && keepPrevious === true && stored.raw.status === 'data'
  return makeView(
    mine || previous ? stored.raw : { status: active ? 'loading' : 'idle' },
    mine ? stored.busy : active,
    previous,
    refetch,
    retrying,
    isEmpty,
  )
}
