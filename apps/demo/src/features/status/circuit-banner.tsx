import type { CircuitBreaker } from '@ferry/client'
import { useFerryClient } from '@ferry/react'
import { useSyncExternalStore } from 'react'
import { secondsUntil } from '../../ui/format'
import { useNow } from '../../ui/use-now'
import './banners.css'

const noBreaker = () => () => {}

function useCircuit(breaker: CircuitBreaker | undefined) {
  const state = useSyncExternalStore(breaker?.subscribe ?? noBreaker, () => breaker?.state ?? 'closed')
  return { state, retryAt: state === 'open' ? breaker?.retryAt : undefined }
}

/** Shown while the client's circuit breaker is open (or probing): requests are paused, and until when. */
export function CircuitBanner() {
  const api = useFerryClient()
  const { state, retryAt } = useCircuit(api.circuit)
  const now = useNow(state === 'open')
  if (state === 'closed') return null
  const seconds = state === 'open' && retryAt !== undefined ? secondsUntil(retryAt, now) : 0
  // The alert says what happened, once; the seconds tick outside it, so they are not announced each second.
  return (
    <div className="banner banner--danger">
      <p className="banner__text">
        <span role="alert">
          <strong>Service degraded.</strong>{' '}
          {state === 'open'
            ? 'After repeated server failures, requests are paused briefly; then one request tests the server.'
            : 'The next request tests whether the server has recovered.'}
        </span>
        {seconds > 0 && <span className="banner__countdown"> Resuming in {seconds} s.</span>}
      </p>
      <button type="button" className="button button--small" onClick={() => api.circuit?.reset()}>
        Resume now
      </button>
    </div>
  )
}
