import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { isChaotic, useChaos } from './use-chaos'

/**
 * When the mock API's chaos is calmed (here or in another tab), the screens that show an error fetch again on
 * their own: what the error state promises ("It tries again on its own when the chaos is calmed").
 */
export function useRetryWhenCalmed(): void {
  const queryClient = useQueryClient()
  const chaotic = isChaotic(useChaos())
  const wasChaotic = useRef(chaotic)
  useEffect(() => {
    if (wasChaotic.current && !chaotic)
      queryClient
        .refetchQueries({ type: 'active', predicate: (query) => query.state.status === 'error' })
        .catch(() => {})
    wasChaotic.current = chaotic
  }, [chaotic, queryClient])
}
