import type { Client, RequestOptions, ResultOf, StandardSchemaV1 } from '@ferry/client'
import { useEffect, useRef, useState } from 'react'
import type { Retrying } from './view-state.js'

// Retry progress by owner: useFetch's shared request key, or a query's QueryClient and key. Module-level because
// TanStack's queryFn cannot reach the observers; an entry is removed when its request settles.
const progress = new Map<unknown, Retrying>()
const listeners = new Set<(owner: unknown) => void>()

/**
 * `client.request` whose retry progress (announced by the client's `onRetry`, then passed on to the caller's)
 * is recorded under `owner` and told to the owner's readers, and forgotten once the request settles (the
 * settle itself renders, so no one is told).
 */
export function send<T, S extends StandardSchemaV1 | undefined>(
  client: Client,
  method: string,
  path: string,
  options: RequestOptions<S, 'auto'>,
  signal: AbortSignal,
  owner: unknown,
): Promise<ResultOf<T, S, 'auto'>> {
  return client
    .request<T, S>(method, path, {
      ...options,
      signal,
      onRetry: (info) => {
        options.onRetry?.(info)
        progress.set(owner, { ...info, at: Date.now() + info.delayMs })
        for (const listener of listeners) listener(owner)
      },
    })
    .finally(() => progress.delete(owner))
}

/**
 * A reader for the owner's retry progress. The component re-renders on retry updates only once the reader
 * has been called (the tracked-property pattern of TanStack's `notifyOnChangeProps`).
 */
export function useRetrying(owner: unknown): () => Retrying | null {
  const tracked = useRef(false)
  const [, rerender] = useState({})
  useEffect(() => {
    const listener = (changed: unknown) => {
      if (changed === owner && tracked.current) rerender({})
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }, [owner])
  return () => {
    tracked.current = true
    return progress.get(owner) ?? null
  }
}
