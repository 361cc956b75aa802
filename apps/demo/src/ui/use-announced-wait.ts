import { useEffect, useRef, useState } from 'react'
import { announcedWaitUntil } from './announced-wait'
import { secondsUntil } from './format'
import { useNow } from './use-now'

/** A wait an error announced: its whole length when first shown, and what is left of it (each second). */
export interface AnnouncedWait {
  readonly seconds: number
  readonly left: number
}

/**
 * The wait `error` announces, counting down each second, or undefined when it names none. With `onDone`,
 * calls it once when the wait is over: the screen retries on its own when it said it would.
 */
export function useAnnouncedWait(error: unknown, onDone?: () => void): AnnouncedWait | undefined {
  // When this screen first showed this error: a 429's Retry-After counts from here.
  const [seen, setSeen] = useState(() => ({ error, at: Date.now() }))
  if (seen.error !== error) setSeen({ error, at: Date.now() })
  const until = announcedWaitUntil(error, seen.at)
  const now = useNow(until !== undefined, 1000)
  const wait =
    until === undefined
      ? undefined
      : { seconds: secondsUntil(until, seen.at), left: secondsUntil(until, now) }

  const done = useRef(onDone)
  done.current = onDone
  useEffect(() => {
    if (until === undefined || done.current === undefined) return
    const timer = setTimeout(() => done.current?.(), Math.max(0, until - Date.now()))
    return () => clearTimeout(timer)
  }, [until])
  return wait
}
