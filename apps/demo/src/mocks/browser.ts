import { setupWorker } from 'msw/browser'
import { handlers } from './handlers.js'

/**
 * The mock API in the browser (service worker at /mockServiceWorker.js).
 *
 * @example
 * await worker.start({ onUnhandledRequest: 'bypass', quiet: true })
 */
export const worker = setupWorker(...handlers)
