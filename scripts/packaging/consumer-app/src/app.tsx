import type { Client } from '@ferry/client'
import { FerryProvider } from '@ferry/react'
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query'
import type { ReactElement } from 'react'
import { OrderDetail, OrderList } from './orders'

export function App({ client, queryClient }: { client: Client; queryClient: QueryClient }): ReactElement {
  return (
    <QueryClientProvider client={queryClient}>
      <FerryProvider client={client}>
        <OrderDetail id="7" />
        <OrderList />
      </FerryProvider>
    </QueryClientProvider>
  )
}
