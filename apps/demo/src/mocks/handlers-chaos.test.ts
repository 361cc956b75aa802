import { createClient, isNetworkError, isParseError } from '@ferry/client'
import { http } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { type ChaosSettings, resetChaos, setChaos } from './chaos.js'
import { catalogue, getOrders, resetData } from './data.js'
import { server } from './node.js'

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  vi.useRealTimers()
  server.resetHandlers()
  resetData()
  resetChaos()
})
afterAll(() => server.close())

async function json(response: Response): Promise<unknown> {
  return JSON.parse(await response.text())
}

const endpoints = [
  ['GET', '/api/orders'],
  ['GET', '/api/orders/feed'],
  ['GET', '/api/orders/ORD-10042'],
  ['GET', '/api/orders/export'],
  ['GET', '/api/orders/ORD-10042/invoice'],
  ['GET', '/api/products'],
  ['POST', '/api/orders'],
] as const

function call(method: string, path: string): Promise<Response> {
  return method === 'POST'
    ? fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': crypto.randomUUID() },
        body: JSON.stringify({
          customerName: 'Ada',
          email: 'ada@example.com',
          items: [{ sku: 'STK-FRE-01', quantity: 1 }],
        }),
      })
    : fetch(path)
}

/** Status of n GET /api/orders responses, for the rates. */
async function statuses(n: number): Promise<number[]> {
  const result: number[] = []
  for (let i = 0; i < n; i++) result.push((await fetch('/api/orders?pageSize=1')).status)
  return result
}

describe('chaos: server errors', () => {
  it('503 problem+json with Retry-After: 2', async () => {
    setChaos({ serverErrorRate: 1, serverErrorKind: '503' })
    const response = await fetch('/api/orders')
    expect(response.status).toBe(503)
    expect(response.headers.get('Retry-After')).toBe('2')
    expect(response.headers.get('Content-Type')).toBe('application/problem+json')
    expect(await json(response)).toMatchObject({ status: 503, title: 'Service unavailable' })
    expect(response.headers.get('X-Request-ID')).not.toBeNull()
  })

  it('502 as an HTML page from a proxy', async () => {
    setChaos({ serverErrorRate: 1, serverErrorKind: '502-html' })
    const response = await fetch('/api/orders/ORD-10042')
    expect(response.status).toBe(502)
    expect(response.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect(await response.text()).toContain('<title>502 Bad Gateway</title>')
  })

  it('500 problem+json without Retry-After', async () => {
    setChaos({ serverErrorRate: 1, serverErrorKind: '500' })
    const response = await fetch('/api/products')
    expect(response.status).toBe(500)
    expect(response.headers.get('Retry-After')).toBeNull()
    expect(await json(response)).toMatchObject({ status: 500, title: 'Internal server error' })
  })

  it('mixed: some 503, some HTML 502, some 500 — the same sequence after resetData (seeded)', async () => {
    setChaos({ serverErrorRate: 1, serverErrorKind: 'mixed' })
    const first = await statuses(40)
    expect(new Set(first)).toEqual(new Set([503, 502, 500]))
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(first.filter((s) => s === 500).length)
    resetData()
    expect(await statuses(40)).toEqual(first)
  })

  it('a rate between 0 and 1 fails about that share of requests', async () => {
    setChaos({ serverErrorRate: 0.25, serverErrorKind: '500' })
    const failed = (await statuses(200)).filter((s) => s === 500).length
    expect(failed).toBeGreaterThan(30)
    expect(failed).toBeLessThan(70)
  })

  it.each(endpoints)('applies to %s %s, and a failed POST creates nothing', async (method, path) => {
    setChaos({ serverErrorRate: 1, serverErrorKind: '503' })
    expect((await call(method, path)).status).toBe(503)
    expect(getOrders()).toHaveLength(2400)
  })
})

describe('chaos: network errors and hangs', () => {
  it('fails the request at the network level', async () => {
    setChaos({ networkErrorRate: 1 })
    await expect(fetch('/api/orders')).rejects.toThrow(TypeError)
    const api = createClient({ baseUrl: '/api', retry: false })
    const error = await api.get('/orders').catch((e: unknown) => e)
    expect(isNetworkError(error)).toBe(true)
  })

  it('hangs until the client aborts', async () => {
    setChaos({ hangRate: 1 })
    const started = new Promise<void>((resolve) => server.events.on('request:start', () => resolve()))
    const controller = new AbortController()
    let settled = false
    const pending = fetch('/api/orders', { signal: controller.signal }).finally(() => {
      settled = true
    })
    await started
    server.events.removeAllListeners()
    // A request started later (outside /api, so no chaos) completes; the hung one still has no answer.
    server.use(http.get('/ping', () => new Response('pong')))
    expect(await (await fetch('/ping')).text()).toBe('pong')
    expect(settled).toBe(false)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('hangs until the client times out (through @ferry/client)', async () => {
    vi.useFakeTimers()
    setChaos({ hangRate: 1 })
    const api = createClient({ baseUrl: '/api', retry: false, timeout: 3_000 })
    const result = api.get('/orders').catch((e: unknown) => e)
    await vi.advanceTimersByTimeAsync(3_000)
    expect(await result).toMatchObject({ kind: 'timeout', timeoutMs: 3_000 })
  })
})

describe('chaos: latency', () => {
  it('delays every response by latencyMs', async () => {
    vi.useFakeTimers()
    setChaos({ latencyMs: 1_500 })
    let response: Response | undefined
    void fetch('/api/orders/ORD-10042').then((r) => {
      response = r
    })
    await vi.advanceTimersByTimeAsync(1_499)
    expect(response).toBeUndefined()
    await vi.advanceTimersByTimeAsync(1)
    expect(response?.status).toBe(200)
  })
})

describe('chaos: bodies that lie', () => {
  it('envelope error: status 200 with { error: { code, message } }', async () => {
    setChaos({ envelopeErrorRate: 1 })
    const response = await fetch('/api/orders')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json')
    const body = await json(response)
    expect(body).toEqual({ error: { code: expect.any(String), message: expect.any(String) } })
  })

  it('envelope errors spare the export and the invoice (they are not JSON)', async () => {
    setChaos({ envelopeErrorRate: 1, malformedJsonRate: 1 })
    expect((await fetch('/api/orders/export')).headers.get('Content-Type')).toBe('application/x-ndjson')
    expect((await fetch('/api/orders/ORD-10042/invoice')).headers.get('Content-Type')).toBe('application/pdf')
  })

  it('malformed JSON: status 200, application/json, a body cut short', async () => {
    setChaos({ malformedJsonRate: 1 })
    const response = await fetch('/api/orders/ORD-10042')
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json')
    const text = await response.text()
    expect(text.startsWith('{"id":"ORD-10042"')).toBe(true)
    expect(() => JSON.parse(text)).toThrow(SyntaxError)
    const api = createClient({ baseUrl: '/api', retry: false })
    expect(isParseError(await api.get('/orders').catch((e: unknown) => e))).toBe(true)
  })

  it('malformed JSON leaves error responses intact', async () => {
    setChaos({ malformedJsonRate: 1 })
    const response = await fetch('/api/orders/nope')
    expect(response.status).toBe(404)
    expect(await json(response)).toMatchObject({ status: 404 })
  })
})

describe('chaos: forceEmpty', () => {
  it('empties the lists: orders, feed and export', async () => {
    setChaos({ forceEmpty: true })
    expect(await json(await fetch('/api/orders?status=paid'))).toEqual({
      data: [],
      meta: { page: 1, pageSize: 20, total: 0, totalPages: 0, hasNextPage: false },
    })
    expect(await json(await fetch('/api/orders/feed'))).toEqual({ data: [], meta: { nextCursor: null } })
    const exported = await fetch('/api/orders/export')
    expect(exported.headers.get('X-Total-Count')).toBe('0')
    expect(await exported.text()).toBe('')
  })

  it('keeps the catalogue and single orders (the form and detail still work)', async () => {
    setChaos({ forceEmpty: true })
    expect(await json(await fetch('/api/products'))).toHaveLength(catalogue.length)
    expect((await fetch('/api/orders/ORD-10042')).status).toBe(200)
  })
})

describe('chaos: rateLimited', () => {
  it.each(endpoints)(
    'answers %s %s with 429, Retry-After: 5, X-RateLimit-Remaining: 0',
    async (method, path) => {
      setChaos({ rateLimited: true })
      const response = await call(method, path)
      expect(response.status).toBe(429)
      expect(response.headers.get('Retry-After')).toBe('5')
      expect(response.headers.get('X-RateLimit-Remaining')).toBe('0')
      expect(response.headers.get('Content-Type')).toBe('application/problem+json')
      expect(await json(response)).toMatchObject({
        status: 429,
        detail: expect.stringContaining('Try again in 5 s'),
      })
    },
  )

  it('tells @ferry/client to come back in 5 s', async () => {
    setChaos({ rateLimited: true })
    const api = createClient({ baseUrl: '/api', retry: false })
    await expect(api.get('/orders')).rejects.toMatchObject({ status: 429, retryAfterMs: 5_000 })
  })
})

describe('chaos settings', () => {
  it('apply from the next request on, and reset restores a healthy API', async () => {
    const patch: Partial<ChaosSettings> = { serverErrorRate: 1, serverErrorKind: '500' }
    setChaos(patch)
    expect((await fetch('/api/orders')).status).toBe(500)
    resetChaos()
    expect((await fetch('/api/orders')).status).toBe(200)
  })

  it('are read from localStorage, so they survive a reload', async () => {
    setChaos({ rateLimited: true })
    expect(JSON.parse(localStorage.getItem('ferry-demo:chaos') ?? '{}')).toMatchObject({ rateLimited: true })
  })
})
