// throwHttpErrors (statuses as data) and retry control (shouldRetry, delay, statuses) at the HTTP boundary.
import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { createClient } from './client.js'
import { HttpError, isHttpError, ParseError } from './errors.js'
import type { FerryEvent } from './events.js'
import type { Middleware } from './middleware.js'
import { observe } from './observe.js'
import type { ShouldRetryState } from './retry.js'
import {
  API,
  ok,
  rejection,
  route,
  settle,
  status,
  stubFetch,
  useFakeClock,
  useServer,
} from './test-support/msw.js'
import { envelope } from './unwrap.js'

useServer()

const fast = { limit: 2, baseDelay: 1, maxDelay: 1 }

describe('throwHttpErrors', () => {
  it('false: a 404 without a body is undefined, not an error', async () => {
    route('get', '/orders/9', () => new HttpResponse(null, { status: 404 }))
    const api = createClient({ baseUrl: API })
    expect(await api.get('/orders/9', { throwHttpErrors: false })).toBeUndefined()
  })

  it('false: a 409’s JSON body is the data, through schema and unwrap, with a success event', async () => {
    route('put', '/orders/1', () => HttpResponse.json({ data: { id: '1', version: 7 } }, { status: 409 }))
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      throwHttpErrors: false,
      events: observe((event) => events.push(event)),
      unwrap: envelope((body) => (body && typeof body === 'object' && 'data' in body ? body.data : body)),
    })
    const current = await api.put('/orders/1', {
      body: { version: 6 },
      schema: z.object({ id: z.string(), version: z.number() }),
    })
    expect(current).toEqual({ id: '1', version: 7 })
    expect(events.at(-1)).toMatchObject({ type: 'success', status: 409 })
  })

  // [case, client option, request option, status, resolves to data?]
  const table: Array<
    [
      string,
      boolean | ((s: number) => boolean) | undefined,
      boolean | ((s: number) => boolean) | undefined,
      number,
      boolean,
    ]
  > = [
    ['default: an error', undefined, undefined, 404, false],
    ['client false', false, undefined, 404, true],
    ['request false', undefined, false, 404, true],
    ['request true wins over client false', false, true, 404, false],
    ['request false wins over client true', true, false, 404, true],
    ['function accepting 404 as data', (s) => s !== 404, undefined, 404, true],
    ['function still throwing 500', (s) => s !== 404, undefined, 500, false],
    ['request function wins over client false', false, (s) => s >= 500, 422, true],
  ]
  it.each(table)('%s', async (_name, client, request, code, asData) => {
    route('get', '/thing', () => HttpResponse.json({ code }, { status: code }))
    const api = createClient({
      baseUrl: API,
      retry: false,
      ...(client === undefined ? {} : { throwHttpErrors: client }),
    })
    const call = api.get('/thing', request === undefined ? {} : { throwHttpErrors: request })
    if (asData) expect(await call).toEqual({ code })
    else expect(await rejection(call)).toMatchObject({ kind: 'http', status: code })
  })

  it('is asked once per response with its status', async () => {
    route('get', '/thing', status(404))
    const accept = vi.fn((_status: number) => false)
    await createClient({ baseUrl: API }).get('/thing', { throwHttpErrors: accept })
    expect(accept.mock.calls).toEqual([[404]])
  })

  it('a retried status accepted as data is not retried (accepting wins)', async () => {
    const recorded = route('get', '/thing', status(503))
    const data = await createClient({ baseUrl: API, retry: fast, throwHttpErrors: false }).get('/thing')
    expect(data).toEqual({ status: 503 })
    expect(recorded.requests).toHaveLength(1)
  })

  it('a body that is not the JSON it claims is still a ParseError', async () => {
    route(
      'get',
      '/thing',
      () => new HttpResponse('{oops', { status: 404, headers: { 'content-type': 'application/json' } }),
    )
    const error = await rejection(createClient({ baseUrl: API }).get('/thing', { throwHttpErrors: false }))
    expect(error).toBeInstanceOf(ParseError)
  })
})

describe('retry.shouldRetry', () => {
  it('true retries what the rules would not (a 409), false stops what they would (a 503)', async () => {
    const conflict = route('put', '/orders/1', [status(409), ok({ saved: true })])
    const unavailable = route('get', '/orders', status(503))
    const api = createClient({
      baseUrl: API,
      retry: { ...fast, shouldRetry: ({ error }) => (isHttpError(error) ? error.status === 409 : undefined) },
    })
    expect(await api.put('/orders/1', { body: {} })).toEqual({ saved: true })
    expect(conflict.requests).toHaveLength(2)
    await expect(api.get('/orders')).rejects.toMatchObject({ status: 503, attempts: 1 })
    expect(unavailable.requests).toHaveLength(1)
  })

  it('undefined falls back to the built-in rules; it is told the error, the attempt and the retries made', async () => {
    const recorded = route('get', '/orders', [status(503), status(502), ok([1])])
    const seen: Array<[number, number, number | undefined, string | null | undefined]> = []
    const shouldRetry = async ({ error, attempt, retries }: ShouldRetryState) => {
      seen.push([
        attempt,
        retries,
        isHttpError(error) ? error.status : undefined,
        isHttpError(error) ? error.headers.get('content-type') : undefined,
      ])
      return undefined
    }
    expect(await createClient({ baseUrl: API, retry: { ...fast, shouldRetry } }).get('/orders')).toEqual([1])
    expect(recorded.requests).toHaveLength(3)
    expect(seen).toEqual([
      [1, 0, 503, 'application/json'],
      [2, 1, 502, 'application/json'],
    ])
  })

  it('cannot make a POST without an Idempotency-Key retry, and is not even asked', async () => {
    const recorded = route('post', '/orders', status(503))
    const shouldRetry = vi.fn(() => true)
    await expect(
      createClient({ baseUrl: API, retry: { ...fast, shouldRetry } }).post('/orders', { body: {} }),
    ).rejects.toMatchObject({ status: 503 })
    expect(recorded.requests).toHaveLength(1)
    expect(shouldRetry).not.toHaveBeenCalled()
  })

  it('is not asked once the limit is reached', async () => {
    route('get', '/orders', status(500))
    const shouldRetry = vi.fn(() => true)
    await expect(
      createClient({ baseUrl: API, retry: { limit: 1, baseDelay: 1, shouldRetry } }).get('/orders'),
    ).rejects.toMatchObject({ attempts: 2 })
    expect(shouldRetry).toHaveBeenCalledTimes(1)
  })

  it('what it throws rejects the call as it is, not retried', async () => {
    const recorded = route('get', '/orders', status(503))
    const bug = new Error('bad predicate')
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      events: observe((event) => events.push(event)),
      retry: {
        ...fast,
        shouldRetry: () => {
          throw bug
        },
      },
    })
    await expect(api.get('/orders')).rejects.toBe(bug)
    expect(recorded.requests).toHaveLength(1)
    expect(events.at(-1)).toMatchObject({ type: 'error', kind: 'caller' })
  })

  it('a request’s shouldRetry wins over the client’s', async () => {
    const recorded = route('get', '/orders', status(404))
    const api = createClient({ baseUrl: API, retry: { ...fast, shouldRetry: () => false } })
    await expect(api.get('/orders', { retry: { shouldRetry: () => true } })).rejects.toMatchObject({
      attempts: 3,
    })
    expect(recorded.requests).toHaveLength(3)
  })
})

describe('retry.statuses', () => {
  it('retries only the statuses listed', async () => {
    const listed = route('get', '/a', [status(418), ok()])
    const unlisted = route('get', '/b', status(503))
    const api = createClient({ baseUrl: API, retry: { ...fast, statuses: [418] } })
    expect(await api.get('/a')).toEqual({ ok: true })
    await expect(api.get('/b')).rejects.toMatchObject({ status: 503, retryable: false })
    expect([listed.requests.length, unlisted.requests.length]).toEqual([2, 1])
  })

  it('retries an HttpError a middleware throws with retryable: true, whatever its status', async () => {
    const recorded = route('get', '/orders', [() => HttpResponse.json({ error: 'busy' }), ok([1])])
    const busyMeansRetry: Middleware = async (request, next) => {
      const response = await next(request)
      const body: unknown = await response.clone().json()
      if (body && typeof body === 'object' && 'error' in body) {
        throw new HttpError({ request: request.request, response, retryable: true })
      }
      return response
    }
    expect(await createClient({ baseUrl: API, retry: fast, use: [busyMeansRetry] }).get('/orders')).toEqual([
      1,
    ])
    expect(recorded.requests).toHaveLength(2)
  })
})

describe('retry.delay and Retry-After (fake clock)', () => {
  useFakeClock()

  it('sleeps what delay returns instead of the backoff', async () => {
    const stub = stubFetch((call) => (call < 3 ? new Response(null, { status: 503 }) : Response.json([1])))
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      retry: { limit: 2, delay: (retry) => retry * 1500 },
    })
    const call = await settle(api.get('/orders'), 50)
    expect(call.value).toEqual([1])
    const times = stub.calls.map((c) => c.time - (stub.calls[0]?.time ?? 0))
    expect(times).toEqual([0, 1500, 4500])
  })

  // [case, Retry-After header, retry options, ms between the two attempts, or undefined: thrown at once]
  const precedence: Array<[string, string | undefined, object, number | undefined]> = [
    ['Retry-After wins over delay', '2', { delay: () => 700 }, 2000],
    ['delay when there is no Retry-After', undefined, { delay: () => 700 }, 700],
    [
      'Retry-After beyond maxRetryAfter throws at once',
      '120',
      { delay: () => 700, maxRetryAfter: 60_000 },
      undefined,
    ],
  ]
  it.each(precedence)('%s', async (_name, retryAfter, options, gap) => {
    const stub = stubFetch((call) =>
      call === 1
        ? new Response(null, { status: 503, headers: retryAfter ? { 'retry-after': retryAfter } : {} })
        : Response.json([1]),
    )
    const api = createClient({ baseUrl: API, fetch: stub.fetch, retry: { limit: 1, ...options } })
    const call = await settle(api.get('/orders'), 50)
    if (gap === undefined) {
      expect(call.error).toMatchObject({ status: 503, retryAfterMs: 120_000 })
      expect(stub.calls).toHaveLength(1)
    } else {
      expect(call.value).toEqual([1])
      expect((stub.calls[1]?.time ?? 0) - (stub.calls[0]?.time ?? 0)).toBe(gap)
    }
  })

  it('a negative delay rejects with a TypeError naming retry.delay', async () => {
    const stub = stubFetch(() => new Response(null, { status: 503 }))
    const api = createClient({ baseUrl: API, fetch: stub.fetch, retry: { delay: () => -5 } })
    const call = await settle(api.get('/orders'), 50)
    expect(call.error).toEqual(new TypeError('retry.delay must return a number of ms >= 0, got -5'))
    expect(stub.calls).toHaveLength(1)
  })
})
