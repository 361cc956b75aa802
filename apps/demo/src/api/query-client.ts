import { QueryClient } from '@tanstack/react-query'

/**
 * A QueryClient with the app's defaults: no refetch on window focus. (`main.tsx`, the stories and the component
 * tests share it. StrictMode's remount in development sends one request per resource: @ferry/react reads
 * TanStack's signal only after it.)
 *
 * @example
 * <QueryClientProvider client={createQueryClient()}>…</QueryClientProvider>
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })
}
