import { setupServer } from 'msw/node'
import { createHandlers } from './handlers.js'

/**
 * The mock API for tests (msw/node): the same handlers as the browser, but the NDJSON export and the invoice
 * stream without pauses so tests stay fast.
 *
 * @example
 * beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
 * afterEach(() => { server.resetHandlers(); resetData(); resetChaos() })
 * afterAll(() => server.close())
 */
export const server = setupServer(...createHandlers({ exportChunkDelayMs: 0, invoiceChunkDelayMs: 0 }))
