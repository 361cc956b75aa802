import './styles/global.css'
import { FerryProvider } from '@ferry/react'
import { QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { api, usesMockApi } from './api/client'
import { createQueryClient } from './api/query-client'
import { holdRequestsUntil } from './api/ready'
import { App } from './app'
import { connectApiEvents } from './connect-api-events'
import { recordWebhook } from './features/request-log/request-log-store'

connectApiEvents()

// The embedded mock API runs in a service worker unless a real backend is configured. The shell renders at
// once; requests wait until the worker controls the page (a second on a cold start).
if (usesMockApi) {
  holdRequestsUntil(
    import('./mocks/browser')
      .then(({ worker }) => worker.start({ onUnhandledRequest: 'bypass', quiet: true }))
      // The mock payment provider's webhook deliveries go to the request log beside the client's requests.
      .then(() => import('./mocks/payments/payment-state'))
      .then(({ subscribeDeliveries }) => subscribeDeliveries(recordWebhook))
      .catch((error: unknown) => console.error('The mock API could not start:', error)),
  )
}

const queryClient = createQueryClient()
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
