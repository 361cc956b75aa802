import { useSyncExternalStore } from 'react'
import { secondsUntil } from '../../ui/format'
import { useNow } from '../../ui/use-now'
import { getRateLimitedUntil, getRateLimitWaitMs, subscribeRateLimit } from './rate-limit-store'
import './banners.css'

/** A countdown while the API's rate limit (429 + Retry-After) holds requests back. */
export function RateLimitBanner() {
  const until = useSyncExternalStore(subscribeRateLimit, getRateLimitedUntil, getRateLimitedUntil)
  const now = useNow(until > Date.now())
  const seconds = secondsUntil(until, now)
  if (seconds <= 0) return null
  return (
    <div className="banner banner--warning" role="status">
      <p className="banner__text">
        <strong>Rate limited.</strong> The API asked us to wait {Math.ceil(getRateLimitWaitMs() / 1000)} s
        before sending more requests; they resume in {seconds} s.
      </p>
    </div>
  )
}
