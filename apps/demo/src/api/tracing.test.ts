import { createClient, type FerryEvent } from '@ferry/client'
import { http } from 'msw'
import { describe, expect, it } from 'vitest'
import { traceIdOf } from '../features/request-log/request-log-store'
import { server } from '../mocks/node'
import { setupMockApi } from '../test-support/mock-api'
import { createApi } from './client'
import { subscribeApiEvents } from './events'
import { traceparent, tracing } from './tracing'

setupMockApi()

const W3C = /^00-([\da-f]{32})-([\da-f]{16})-01$/

describe('traceparent', () => {
  it('uses the request id as the trace id and a new span id each time', () => {
    const id = '4BF92F35-77B3-4DA6-A3CE-929D0E0E4736'
    const [first, second] = [traceparent(id), traceparent(id)]
    expect(first).toMatch(W3C)
    expect(W3C.exec(first)?.[1]).toBe('4bf92f3577b34da6a3ce929d0e0e4736')
    expect(W3C.exec(second)?.[2]).not.toBe(W3C.exec(first)?.[2])
  })

  it('makes up a valid trace id for a request id that is not a UUID', () => {
    const made = traceparent('req-123')
    expect(made).toMatch(W3C)
    expect(W3C.exec(traceparent('00000000-0000-0000-0000-000000000000'))?.[1]).not.toMatch(/^0+$/)
  })
})

describe('tracing middleware', () => {
  it('sends a traceparent on every attempt, one trace per request, shown in the request event', async () => {
    const sent: Array<string | null> = []
    let calls = 0
    server.use(
      http.get('*/api/orders/ORD-10042', ({ request }) => {
        sent.push(request.headers.get('traceparent'))
        calls++
        return calls === 1 ? new Response(null, { status: 503 }) : Response.json({ id: 'ORD-10042' })
      }),
    )
    const events: FerryEvent[] = []
    const stop = subscribeApiEvents((event) => events.push(event))
    const api = createApi({ baseUrl: `${window.location.origin}/api`, retry: { limit: 1, baseDelay: 0 } })

    await api.get('/orders/ORD-10042')
    stop()

    expect(sent).toHaveLength(2)
    const [first, second] = sent.map((header) => W3C.exec(header ?? ''))
    expect(first?.[1]).toBe(second?.[1])
    expect(first?.[2]).not.toBe(second?.[2])
    const request = events.find((event) => event.type === 'request')
    expect(request && traceIdOf(request.headers)).toBe(first?.[1])
    expect(first?.[1]).toBe(request?.requestId.replace(/-/g, ''))
  })

  it('adds nothing to a request for another origin (no preflight, no leaked trace)', async () => {
    const sent: Array<string | null> = []
    server.use(
      http.get('https://partner.example/rates', ({ request }) => {
        sent.push(request.headers.get('traceparent'))
        return Response.json({})
      }),
    )
    const api = createClient({ baseUrl: `${window.location.origin}/api`, use: [tracing] })
    await api.get('https://partner.example/rates')
    expect(sent).toEqual([null])
  })
})
