import { useEffect, useReducer } from 'react'

/**
 * The current time (epoch ms), re-rendering every `intervalMs` while `active`. Read at render, so a
 * countdown that just became active never shows a stale clock.
 */
export function useNow(active = true, intervalMs = 250): number {
  const [, tick] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (!active) return
    const timer = setInterval(tick, intervalMs)
    return () => clearInterval(timer)
  }, [active, intervalMs])
  return Date.now()
}
