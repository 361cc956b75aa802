import type { RetryInfo } from '@ferry/client'
import { useEffect, useReducer, useRef } from 'react'
import type { Retrying } from './view-state.js'

// Retry progress by owner: a useFetch instance, or a query key's stable hash. Module-level because TanStack's
// queryFn cannot reach the observers; an entry is removed when its request settles.
const progress = new Map<unknown, Retrying>()
const listeners = new Set<(owner: unknown) => void>()

/** Records a retry announced by the client's `onRetry` and tells the owner's readers. */
export function reportRetry(owner: unknown, { attempt, limit, delayMs }: RetryInfo): void {
  progress.set(owner, { attempt, limit, delayMs, at: Date.now() + delayMs })
  for (const listener of listeners) listener(owner)
}

/** Forgets an owner's retry progress (its request settled); the settle itself renders, so no one is told. */
export const clearRetry = (owner: unknown) => progress.delete(owner)

/**
 * A reader for the owner's retry progress. The component re-renders on retry updates only once the reader
 * has been called (the tracked-property pattern of TanStack's `notifyOnChangeProps`).
 */
export function useRetrying(owner: unknown): () => Retrying | null {
  const tracked = useRef(false)
  const [, rerender] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    const listener = (changed: unknown) => {
      if (changed === owner && tracked.current) rerender()
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
