import { useSyncExternalStore } from 'react'
import { secondsUntil } from '../../ui/format'
import { useNow } from '../../ui/use-now'
import { getRateLimitedUntil, getRateLimitWaitMs, subscribeRateLimit } from './rate-limit-store'
import './banners.css'

/** A countdown while the API's rate limit (429 + Retry-After) holds requests back; announced once. */
export function RateLimitBanner() {
  const until = useSyncExternalStore(subscribeRateLimit, getRateLimitedUntil, getRateLimitedUntil)
  const now = useNow(until > Date.now())
  const seconds = secondsUntil(until, now)
  if (seconds <= 0) return null
  // The status line is spoken once (how long the API asked us to wait); the seconds left tick outside it.
  return (
    <div className="banner banner--warning">
      <p className="banner__text">
        <span role="status">
          <strong>Rate limited.</strong> The API asked us to wait {Math.ceil(getRateLimitWaitMs() / 1000)} s
          before sending more requests.
        </span>
        <span className="banner__countdown"> They resume in {seconds} s.</span>
      </p>
    </div>
  )
}
