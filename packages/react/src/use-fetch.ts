'use client'
import {
  type Client,
  type FerryError,
  isFerryError,
  type RequestOptions,
  type ResultOf,
  type StandardSchemaV1,
} from '@ferry/client'
import { type SetStateAction, useEffect, useInsertionEffect, useRef, useState } from 'react'
import { join } from './in-flight.js'
import { useFerryClient } from './provider.js'
import { headerRecord } from './request-parts.js'
import { send } from './retry-store.js'
import { identity, readers, stableKey } from './stable-key.js'
import { type QueryOutcome, toViewState } from './to-view-state.js'
import { useRetrying } from './use-retrying.js'
import type { ViewState } from './view-state.js'

/** Options of `useFetch`: the request's options (GET), plus how the hook behaves. */
export interface UseFetchOptions<T, S extends StandardSchemaV1 | undefined = undefined>
  extends Omit<RequestOptions<S, 'auto'>, 'signal' | 'as' | 'body' | 'idempotencyKey'> {
  /** The client to use instead of `<FerryProvider>`'s. */
  readonly client?: Client | undefined
  /** `false` keeps the hook `idle` (no request) until it turns true or `refetch()` is called. */
  readonly enabled?: boolean | undefined
  /**
   * On a change of path, params or query, keep showing the previous data (with `isPlaceholder`) instead of
   * `loading`. Not across another client or other headers: another user's data is never shown.
   */
  readonly keepPrevious?: boolean | undefined
  /** Overrides the default `isEmpty` test. */
  readonly isEmpty?: ((data: T) => boolean) | undefined
}

/**
 * The outcome of a request, the key it belongs to, the number of the hook's request it came from (an outcome
 * counts only while no later request was started: a → b → a never shows a's old outcome), and whether a
 * request for it is in flight.
 */
type Stored<T> = QueryOutcome<T, FerryError> & {
  readonly key?: string
  /** Who the data was fetched for: the client and the request's headers (see `keepPrevious`). */
  readonly audience?: string
  readonly seq?: number
  readonly isFetching: boolean
}

const pending = { status: 'pending' } as const

/** The data a stored outcome shows: a success's, or what a failed refresh left in place. */
function shownData<T>(stored: Stored<T>): { readonly data: T } | undefined {
  if (stored.status === 'success') return { data: stored.data }
  if (stored.status === 'error' && stored.data !== undefined) return { data: stored.data }
  return undefined
}

/**
 * Fetches `path` on mount and whenever the key changes (the client, path, `params`, `query`, headers); no
 * cache. Two renders from mount to data (loading, then success). Components asking for the same key at the
 * same time share one request, aborted when the last of them unmounts or moves to another key, so a stale
 * response never lands and an abort never becomes an `error`. `null` as the path waits (state `idle`).
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
  // In memory only (the request shared in flight, the retry progress): no hashing, the client by identity.
  const { params, query, headers } = request
  const sentHeaders = headerRecord(headers)
  const audience = stableKey([identity(client), sentHeaders])
  const key = path === null ? null : stableKey([identity(client), path, params, query, sentHeaders])
  // Hooks share a request only when they would read it alike too: the same schema, unwrap and middleware
  // objects. Not part of `key`: an inline schema (a new object each render) must not fetch again each render.
  const shared = key && `${key}${readers(request)}`
  const [stored, setStored] = useState<Stored<R>>({ ...pending, isFetching: false })
  // The number of this hook's latest request, and how to leave it; `alive` is false once unmounted.
  const seq = useRef(0)
  const leave = useRef<(() => void) | null>(null)
  const alive = useRef(false)
  const active = key !== null && enabled
  const mine = stored.key === key && stored.seq === seq.current

  // Rebuilt every render, so the effect and refetch always run with the latest path and options. The
  // first request for a key sets no state (the render already shows loading): two renders to data.
  const run = (fresh: boolean) => {
    if (path === null || key === null || shared === null || !alive.current) return
    leave.current?.()
    const at = ++seq.current
    const stamp = { key, audience, seq: at, isFetching: false }
    if (fresh || mine) {
      // Data on screen stays there while it is refreshed (also after a failed refresh).
      const shown = mine ? shownData(stored) : undefined
      setStored({
        ...(shown ? { status: 'success', data: shown.data } : pending),
        ...stamp,
        isFetching: true,
      })
    }
    const share = join<R>(shared, (signal) => send<T, S>(client, 'GET', path, request, signal, shared), fresh)
    let left = false
    leave.current = () => {
      left = true
      share.leave()
    }
    const settle = (next: SetStateAction<Stored<R>>) => {
      if (!left) setStored(next)
    }
    share.promise.then(
      (data) => settle({ status: 'success', data, ...stamp }),
      (error: unknown) =>
        // Not a Ferry error (a missing path param, a bug in `unwrap`): thrown during render, for an error boundary.
        settle(
          isFerryError(error)
            ? // A failed refetch leaves this key's data in place (shown with `refreshError`).
              (current) => ({
                status: 'error',
                error,
                data: current.seq === at ? shownData(current)?.data : undefined,
                ...stamp,
              })
            : () => {
                throw error
              },
        ),
    )
  }
  // Leaving a key (also for `null`) retires the outcome stored for it: a → null → a shows loading, not a's old data.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the cleanup runs when the key changes; that is the point.
  useEffect(
    () => () => {
      seq.current++
    },
    [key],
  )
  // Updated when the render commits, not during it: a render React discards (a transition that waits on a
  // suspended sibling) must not make refetch() ask for a key that is not on screen. An insertion effect runs
  // before every other effect of the commit, and (unlike a layout effect) says nothing on the server.
  const latest = useRef(run)
  useInsertionEffect(() => {
    latest.current = run
  })
  const [refetch] = useState(() => () => latest.current(true))

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key is a new request, though `run` reads it.
  useEffect(() => {
    alive.current = true
    if (active) latest.current(false)
    return () => {
      // Also leaves a request `refetch()` started while disabled; a left request settles nothing, so it
      // is no longer fetching.
      alive.current = false
      leave.current?.()
      leave.current = null
      setStored((current) => (current.isFetching ? { ...current, isFetching: false } : current))
    }
  }, [key, active])

  // Data carries over to another path, params or query, never to another client or other headers: what a
  // signed-out user saw must not stay on screen, even dimmed, for the next one.
  const previous =
    active &&
    !mine &&
    keepPrevious === true &&
    stored.audience === audience &&
    shownData(stored) !== undefined
  return toViewState(
    {
      ...(mine || previous ? stored : pending),
      isFetching: mine ? stored.isFetching : active,
      isPlaceholderData: previous,
      refetch,
    },
    { isEmpty, retrying: useRetrying(shared) },
  )
}
