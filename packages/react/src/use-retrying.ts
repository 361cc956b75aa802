'use client'
import { useEffect, useRef, useState } from 'react'
import { listeners, progress } from './retry-store.js'
import type { Retrying } from './view-state.js'

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
