import type { Client } from '@ferry/client'
import { FerryProvider } from '@ferry/react'
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, configure, type RenderResult, render } from '@testing-library/react'
import { type ReactNode, StrictMode } from 'react'
import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { createApi } from '../api/client'
import { createQueryClient } from '../api/query-client'
import { connectApiEvents } from '../connect-api-events'
import { clearLog } from '../features/request-log/request-log-store'
import { resetRateLimit } from '../features/status/rate-limit-store'
import { resetChaos } from '../mocks/chaos'
import { resetData } from '../mocks/data'
import { server } from '../mocks/node'

/**
 * Component tests run the real app code against the mock API's own handlers (msw/node): the client's
 * retries, the hooks and the chaos all run for real. Call once per test file.
 */
export function setupMockApi(): void {
  connectApiEvents()
  // A file's first render also loads the app's modules: on a busy two-core machine (CI, or test runs side by
  // side) the first `findBy…` took 2.9 s once and failed at Testing Library's 1 s default.
  configure({ asyncUtilTimeout: 3000 })
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
    server.resetHandlers()
    server.events.removeAllListeners()
    resetData()
    resetChaos()
    clearLog()
    resetRateLimit()
    window.history.replaceState(null, '', '/')
  })
  afterAll(() => server.close())
}

/**
 * Renders `node` at `url` with a fresh QueryClient and a fresh app client (its own circuit breaker and rate
 * limiter) whose backoff is tiny, so failures settle fast. `strict` wraps it all in `<StrictMode>`, as
 * `main.tsx` does.
 */
export function renderApp(
  node: ReactNode,
  { url = '/', strict = false }: { readonly url?: string; readonly strict?: boolean } = {},
): RenderResult & { readonly api: Client; readonly queryClient: QueryClient } {
  window.history.replaceState(null, '', url)
  const api = createApi({
    baseUrl: `${window.location.origin}/api`,
    retry: { limit: 2, baseDelay: 1, maxDelay: 5 },
  })
  const queryClient = createQueryClient()
  const app = (
    <QueryClientProvider client={queryClient}>
      <FerryProvider client={api}>{node}</FerryProvider>
    </QueryClientProvider>
  )
  const view = render(strict ? <StrictMode>{app}</StrictMode> : app)
  return { ...view, api, queryClient }
}
