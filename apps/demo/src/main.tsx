import { FerryProvider } from '@ferry/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { api, usesMockApi } from './api/client'
import { App } from './app'
import { recordWebhook } from './features/request-log/request-log-store'
import './styles.css'

// The embedded mock API runs in a service worker unless a real backend is configured.
if (usesMockApi) {
  await (await import('./mocks/browser')).worker.start({ onUnhandledRequest: 'bypass', quiet: true })
  // The mock payment provider's webhook deliveries go to the request log beside the client's requests.
  const { subscribeDeliveries } = await import('./mocks/payments/payment-state')
  subscribeDeliveries(recordWebhook)
}

const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false } } })
const root = document.getElementById('root')
if (!root) throw new Error('The page has no #root element')

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <FerryProvider client={api}>
        <App />
      </FerryProvider>
    </QueryClientProvider>
  </StrictMode>,
)
