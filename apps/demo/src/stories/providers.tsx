import { FerryProvider } from '@ferry/react'
import { QueryClientProvider } from '@tanstack/react-query'
import { type ReactNode, useEffect, useState } from 'react'
import { createApi } from '../api/client'
import { createQueryClient } from '../api/query-client'
import type { StoryClientOptions } from './parameters'

interface StoryProvidersProps {
  /** Overrides of the app's client settings (see `clientFor`). */
  readonly client?: StoryClientOptions | undefined
  readonly children: ReactNode
}

/**
 * What `main.tsx` wraps the app in, made fresh for every story: the app's own client (`createApi`, with its
 * retries, timeouts, circuit breaker and rate limiter) and a QueryClient with the app's defaults. Nothing is
 * shared between stories (or gallery cells): no cached data, no open circuit. Unmounting cancels whatever is
 * still in flight.
 */
export function StoryProviders({ client, children }: StoryProvidersProps) {
  const [queryClient] = useState(createQueryClient)
  const [api] = useState(() => createApi(client))
  useEffect(() => () => queryClient.clear(), [queryClient])
  return (
    <QueryClientProvider client={queryClient}>
      <FerryProvider client={api}>{children}</FerryProvider>
    </QueryClientProvider>
  )
}
