import { createClient } from '@ferry/client'
import { QueryClient } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root')
createRoot(root).render(
  <StrictMode>
    <App client={createClient({ baseUrl: '/api' })} queryClient={new QueryClient()} />
  </StrictMode>,
)
