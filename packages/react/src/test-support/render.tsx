import type { Client } from '@ferry/client'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { FerryProvider } from '../provider.js'
import { testClient } from './server.js'

/**
 * Renders inside a fresh QueryClient and a FerryProvider. TanStack's own retry is left ON (3, no delay) in
 * the defaults, so a hook that forgot to turn it off would multiply the requests the tests count.
 */
export function renderWithQuery(
  ui: ReactNode,
  client: Client = testClient(),
): { readonly queryClient: QueryClient; rerender(node: ReactNode): void; unmount(): void } {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 3, retryDelay: 0 } } })
  const wrap = (node: ReactNode) => (
    <QueryClientProvider client={queryClient}>
      <FerryProvider client={client}>{node}</FerryProvider>
    </QueryClientProvider>
  )
  const view = render(wrap(ui))
  return { queryClient, rerender: (node) => view.rerender(wrap(node)), unmount: view.unmount }
}
