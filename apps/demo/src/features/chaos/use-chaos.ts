import { useSyncExternalStore } from 'react'
import { type ChaosSettings, getChaos, subscribeChaos } from '../../mocks/chaos'

/** The mock API's chaos settings, live. */
export function useChaos(): ChaosSettings {
  return useSyncExternalStore(subscribeChaos, getChaos, getChaos)
}

/** True when the mock API is set to misbehave in any way. */
export function isChaotic(s: ChaosSettings): boolean {
  const rates = [s.serverErrorRate, s.networkErrorRate, s.hangRate, s.envelopeErrorRate, s.malformedJsonRate]
  return (
    s.latencyMs > 0 ||
    s.forceEmpty ||
    s.rateLimited ||
    s.unsizedDownloads ||
    s.slowOrders ||
    rates.some((rate) => rate > 0)
  )
}
