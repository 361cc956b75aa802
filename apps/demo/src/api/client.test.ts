import { isApiError } from '@ferry/client'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { resetChaos, setChaos } from '../mocks/chaos'
import { resetData } from '../mocks/data'
import { server } from '../mocks/node'
import { createApi, unwrapEnvelope } from './client'
import { OrdersPage } from './schemas'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  resetData()
  resetChaos()
})
afterAll(() => server.close())

describe('unwrapEnvelope', () => {
  it('passes data through and throws the envelope’s error with its code', () => {
    expect(unwrapEnvelope({ data: [1] })).toEqual({ data: [1] })
    expect(() => unwrapEnvelope({ error: { code: 'MAINTENANCE', message: 'Read-only' } })).toThrow(
      expect.objectContaining({ message: 'Read-only', code: 'MAINTENANCE' }),
    )
  })
})

describe('createApi', () => {
  it('turns a "200 but error" body from the mock API into an ApiError', async () => {
    setChaos({ envelopeErrorRate: 1 })
    const api = createApi({ baseUrl: `${window.location.origin}/api`, retry: false })
    const failure = await api.get('/orders', { schema: OrdersPage }).catch((error: unknown) => error)
    expect(isApiError(failure)).toBe(true)
    expect(failure).toHaveProperty('code', expect.stringMatching(/^[A-Z_]+$/))
  })
})
