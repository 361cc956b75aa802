import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { bearer } from './auth.js'
import { createClient } from './client.js'
import { HttpError, isAbortError, NetworkError } from './errors.js'
import type { FerryEvent } from './events.js'
import { observe } from './observe.js'
import type { RetryInfo } from './retry.js'
import type { StandardSchemaV1 } from './standard-schema.js'
import {
  API,
  ok,
  type Recorded,
  rejection,
  route,
  settle,
  status,
  stubFetch,
  track,
  useFakeClock,
  useServer,
} from './test-support/msw.js'

useServer()
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
useFakeClock(T0)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const api = () => createClient({ baseUrl: API })
/** ms since T0 at which each request arrived. */
const arrivals = (recorded: Recorded) => recorded.times.map((time) => time - T0)

describe('which statuses are retried', () => {
  it.each([408, 429, 500, 502, 503, 504])(
    'retries a GET answered %i twice, then fails with attempts 3',
    async (code) => {
      const served = route('get', '/orders', [status(code)])
      const result = await settle(api().get('/orders'))
      expect(result.error).toBeInstanceOf(HttpError)
      expect(result.error).toMatchObject({ status: code, attempts: 3, retryable: true })
      expect(served.requests).toHaveLength(3)
    },
  )

  it('resolves with the data when a retried status is followed by a success', async () => {
    const served = route('get', '/orders', [status(503), status(502), ok({ id: 7 })])
    const result = await settle(api().get('/orders'))
    expect(result.value).toEqual({ id: 7 })
    expect(served.requests).toHaveLength(3)
  })

  it.each([400, 401, 403, 404, 422, 501])('does not retry a GET answered %i', async (code) => {
    const served = route('get', '/orders', [status(code)])
    // No timer is advanced: the error must arrive without any backoff sleep.
    const error = await rejection(api().get('/orders'))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: code, attempts: 1, retryable: false })
    expect(served.requests).toHaveLength(1)
  })
})

describe('which methods are retried', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'] as const)('retries %s on a 503', async (method) => {
    const served = route(
      method === 'HEAD' ? 'head' : (method.toLowerCase() as 'get'),
      '/orders/1',
      () => new HttpResponse(null, { status: 503 }),
    )
    const result = await settle(createClient({ baseUrl: API }).request(method, '/orders/1'))
    expect(result.error).toMatchObject({ status: 503, attempts: 3 })
    expect(served.requests.map((r) => r.method)).toEqual([method, method, method])
  })

  it.each(['POST', 'PATCH'] as const)(
    'sends %s once without an Idempotency-Key, whatever the status',
    async (method) => {
      const served = route(method === 'POST' ? 'post' : 'patch', '/orders', [status(503)])
      const error = await rejection(api().request(method, '/orders', { body: { sku: 'A1' } }))
      expect(error).toMatchObject({ status: 503, attempts: 1, retryable: true })
      expect(served.requests).toHaveLength(1)
      expect(served.header('idempotency-key')).toEqual([null])
    },
  )

  it('sends a POST once without an Idempotency-Key when the network fails', async () => {
    const served = route('post', '/orders', () => HttpResponse.error())
    const error = await rejection(api().post('/orders', { body: { sku: 'A1' } }))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ attempts: 1 })
    expect(served.requests).toHaveLength(1)
  })

  it('retries a POST with idempotencyKey: true, sending the same generated key on every attempt', async () => {
    const served = route('post', '/orders', [status(503), status(500), ok({ id: 1 })])
    const result = await settle(api().post('/orders', { body: { sku: 'A1' }, idempotencyKey: true }))
    expect(result.value).toEqual({ id: 1 })
    const keys = served.header('idempotency-key')
    expect(keys).toHaveLength(3)
    expect(keys[0]).toMatch(UUID)
    expect(new Set(keys).size).toBe(1)
  })

  it('retries a POST with a network failure when it has a key', async () => {
    const served = route('post', '/orders', [() => HttpResponse.error(), ok({ id: 1 })])
    const result = await settle(api().post('/orders', { body: { sku: 'A1' }, idempotencyKey: true }))
    expect(result.value).toEqual({ id: 1 })
    expect(new Set(served.header('idempotency-key')).size).toBe(1)
    expect(served.requests).toHaveLength(2)
  })

  it('generates a different Idempotency-Key for each logical request', async () => {
    const served = route('post', '/orders', [ok()])
    await api().post('/orders', { body: {}, idempotencyKey: true })
    await api().post('/orders', { body: {}, idempotencyKey: true })
    const [first, second] = served.header('idempotency-key')
    expect(first).toMatch(UUID)
    expect(second).toMatch(UUID)
    expect(first).not.toBe(second)
  })

  it('uses a string idempotencyKey as given on every attempt, and retries a PATCH with it', async () => {
    const served = route('patch', '/orders/1', [status(503), status(503), status(503)])
    const result = await settle(
      api().patch('/orders/1', { body: { qty: 2 }, idempotencyKey: 'order-cart-42' }),
    )
    expect(result.error).toMatchObject({ status: 503, attempts: 3 })
    expect(served.header('idempotency-key')).toEqual(['order-cart-42', 'order-cart-42', 'order-cart-42'])
  })

  it('replays the same body on every attempt', async () => {
    const served = route('put', '/orders/1', [status(503), status(503), ok()])
    await settle(api().put('/orders/1', { body: { qty: 2 } }))
    const bodies = await Promise.all(served.requests.map((request) => request.text()))
    expect(bodies).toEqual(['{"qty":2}', '{"qty":2}', '{"qty":2}'])
  })

  it('does not retry a ReadableStream body, which can be sent only once', async () => {
    const served = route('put', '/upload', [status(503)])
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('chunk'))
        controller.close()
      },
    })
    const error = await rejection(api().put('/upload', { body }))
    expect(error).toMatchObject({ status: 503, attempts: 1 })
    expect(served.requests).toHaveLength(1)
    expect(await served.requests[0]?.text()).toBe('chunk')
  })
})

describe('X-Request-ID', () => {
  it('sends the same id on every attempt of one request and reports it on the error', async () => {
    const served = route('get', '/orders', [status(503)])
    const result = await settle(api().get('/orders'))
    const ids = served.header('x-request-id')
    expect(ids).toHaveLength(3)
    expect(ids[0]).toMatch(UUID)
    expect(new Set(ids).size).toBe(1)
    expect(result.error).toMatchObject({ request: { requestId: ids[0] } })
  })

  it('sends a different id for each call', async () => {
    const served = route('get', '/orders', [ok()])
    const client = api()
    await Promise.all([client.get('/orders'), client.get('/orders'), client.get('/orders')])
    const ids = served.header('x-request-id')
    expect(new Set(ids).size).toBe(3)
  })

  it('keeps an X-Request-ID set by the caller on every attempt', async () => {
    const served = route('get', '/orders', [status(503), ok()])
    await settle(api().get('/orders', { headers: { 'X-Request-ID': 'trace-123' } }))
    expect(served.header('x-request-id')).toEqual(['trace-123', 'trace-123'])
  })
})

describe('waits the server asks for', () => {
  /** Starts a GET against a route answering 503 with `headers` once, then 200; reports the first retry. */
  function waitFor(headers: Record<string, string>) {
    // Jitter would make the wait anything but exact: a random of 0.5 shows it is not applied.
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const served = route('get', '/orders', [status(503, headers), ok({ done: true })])
    const retries: RetryInfo[] = []
    const result = track(api().get('/orders', { onRetry: (info) => retries.push(info) }))
    return { served, retries, result }
  }

  /** Asserts nothing is sent before `ms`, and the retry is sent right at `ms`. */
  async function expectRetryAt(run: ReturnType<typeof waitFor>, ms: number) {
    await vi.advanceTimersByTimeAsync(ms - 1)
    expect(run.served.requests).toHaveLength(1)
    expect(run.retries.map((info) => info.delayMs)).toEqual([ms])
    await vi.advanceTimersByTimeAsync(1)
    expect(run.served.requests).toHaveLength(2)
    expect(arrivals(run.served)).toEqual([0, ms])
    await run.result.done
    expect(run.result.value).toEqual({ done: true })
  }

  it('honours Retry-After in seconds exactly, without jitter', async () => {
    await expectRetryAt(waitFor({ 'Retry-After': '3' }), 3000)
  })

  it('honours Retry-After as an HTTP-date exactly', async () => {
    await expectRetryAt(waitFor({ 'Retry-After': new Date(T0 + 5000).toUTCString() }), 5000)
  })

  it('retries at once when the Retry-After date has passed', async () => {
    const run = waitFor({ 'Retry-After': new Date(T0 - 5000).toUTCString() })
    await vi.advanceTimersByTimeAsync(0)
    expect(run.served.requests).toHaveLength(2)
    expect(run.retries.map((info) => info.delayMs)).toEqual([0])
  })

  it('honours RateLimit-Reset (delta seconds) when the limit is spent', async () => {
    await expectRetryAt(waitFor({ 'RateLimit-Remaining': '0', 'RateLimit-Reset': '2' }), 2000)
  })

  it('honours X-RateLimit-Reset as delta seconds when the limit is spent', async () => {
    await expectRetryAt(waitFor({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '4' }), 4000)
  })

  it('honours X-RateLimit-Reset as epoch seconds when the limit is spent', async () => {
    await expectRetryAt(
      waitFor({ 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': String(T0 / 1000 + 7) }),
      7000,
    )
  })

  it('does not wait for the rate-limit window on a 5xx while requests remain in it', async () => {
    const run = waitFor({
      'X-RateLimit-Limit': '600',
      'X-RateLimit-Remaining': '598',
      'X-RateLimit-Reset': '40',
    })
    // Backoff with jitter instead: random 0.5 × 300 ms.
    await expectRetryAt(run, 150)
  })

  it('honours a 429 with Retry-After', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5)
    const served = route('get', '/orders', [status(429, { 'Retry-After': '1' }), ok()])
    const result = track(api().get('/orders'))
    await vi.advanceTimersByTimeAsync(999)
    expect(served.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    await result.done
    expect(arrivals(served)).toEqual([0, 1000])
  })

  it('honours a wait of exactly maxRetryAfter', async () => {
    await expectRetryAt(waitFor({ 'Retry-After': '60' }), 60_000)
  })

  it('fails at once with retryAfterMs when the wait exceeds maxRetryAfter (default 60 s)', async () => {
    const served = route('get', '/orders', [status(503, { 'Retry-After': '61' }), ok()])
    const retries: RetryInfo[] = []
    const error = await rejection(api().get('/orders', { onRetry: (info) => retries.push(info) }))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 503, retryAfterMs: 61_000, attempts: 1 })
    expect(retries).toEqual([])
    await vi.advanceTimersByTimeAsync(120_000)
    expect(served.requests).toHaveLength(1)
  })

  it('fails at once when the wait exceeds a custom maxRetryAfter', async () => {
    const served = route('get', '/orders', [status(429, { 'RateLimit-Reset': '6' }), ok()])
    const error = await rejection(api().get('/orders', { retry: { maxRetryAfter: 5000 } }))
    expect(error).toMatchObject({ status: 429, retryAfterMs: 6000, attempts: 1 })
    expect(served.requests).toHaveLength(1)
  })
})

describe('backoff', () => {
  /** Runs a GET that always gets 503 and collects the delays from onRetry and from the retry events. */
  async function backoff(
    random: number,
    retry: { limit?: number; maxDelay?: number; baseDelay?: number } = {},
  ) {
    vi.spyOn(Math, 'random').mockReturnValue(random)
    const served = route('get', '/orders', [status(503)])
    const events: FerryEvent[] = []
    const retries: RetryInfo[] = []
    const client = createClient({ baseUrl: API, events: observe((event) => events.push(event)) })
    const result = await settle(client.get('/orders', { retry, onRetry: (info) => retries.push(info) }), 1)
    const fromEvents = events.flatMap((event) => (event.type === 'retry' ? [event.delayMs] : []))
    return { served, result, delays: retries.map((info) => info.delayMs), fromEvents }
  }

  it('sleeps 0 ms when random() is 0 (the lower bound of full jitter)', async () => {
    const run = await backoff(0)
    expect(run.delays).toEqual([0, 0])
    expect(run.fromEvents).toEqual([0, 0])
    // The fake clock runs a 0 ms timer set while it ticks 1 ms later, hence "at most 1 ms" for no sleep at all.
    for (const at of arrivals(run.served)) expect(at).toBeLessThanOrEqual(1)
  })

  it('sleeps up to base × 2^n when random() is just below 1 (the upper bound)', async () => {
    const run = await backoff(0.999_999_9)
    expect(run.delays).toEqual([300, 600])
    expect(run.fromEvents).toEqual([300, 600])
    expect(arrivals(run.served)).toEqual([0, 300, 900])
  })

  it('scales the sleep by random()', async () => {
    const run = await backoff(0.5)
    expect(run.delays).toEqual([150, 300])
    expect(arrivals(run.served)).toEqual([0, 150, 450])
  })

  it('caps each sleep at maxDelay', async () => {
    const run = await backoff(0.999_999_9, { limit: 5, maxDelay: 1000 })
    expect(run.delays).toEqual([300, 600, 1000, 1000, 1000])
    expect(run.served.requests).toHaveLength(6)
  })

  it('uses baseDelay', async () => {
    const run = await backoff(0.999_999_9, { baseDelay: 1000 })
    expect(run.delays).toEqual([1000, 2000])
  })

  it('sends nothing before the sleep is over', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    const served = route('get', '/orders', [status(503)])
    const result = track(api().get('/orders'))
    await vi.advanceTimersByTimeAsync(299)
    expect(served.requests).toHaveLength(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(served.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(599)
    expect(served.requests).toHaveLength(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(served.requests).toHaveLength(3)
    await result.done
    expect(result.error).toMatchObject({ attempts: 3 })
  })
})

describe('totalTimeout and retries', () => {
  it('schedules no retry that would end past totalTimeout, failing with the last error instead', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    const served = route('get', '/orders', [status(503)])
    const retries: RetryInfo[] = []
    const result = track(api().get('/orders', { totalTimeout: 500, onRetry: (info) => retries.push(info) }))
    // Attempt 1 at 0 ms, sleep 300 ms (ends at 300 < 500), attempt 2 at 300 ms; a 600 ms sleep would end at 900.
    await vi.advanceTimersByTimeAsync(300)
    await result.done
    expect(result.error).toBeInstanceOf(HttpError)
    expect(result.error).toMatchObject({ status: 503, attempts: 2 })
    expect(retries.map((info) => info.delayMs)).toEqual([300])
    expect(arrivals(served)).toEqual([0, 300])
    expect(Date.now() - T0).toBe(300)
  })

  it('does not wait for a Retry-After that ends past totalTimeout', async () => {
    const served = route('get', '/orders', [status(503, { 'Retry-After': '5' }), ok()])
    const error = await rejection(api().get('/orders', { totalTimeout: 2000 }))
    expect(error).toMatchObject({ status: 503, retryAfterMs: 5000, attempts: 1 })
    expect(served.requests).toHaveLength(1)
  })

  it('does wait for a Retry-After that ends before totalTimeout', async () => {
    const served = route('get', '/orders', [status(503, { 'Retry-After': '1' }), ok({ done: 1 })])
    const result = await settle(api().get('/orders', { totalTimeout: 2000 }))
    expect(result.value).toEqual({ done: 1 })
    expect(arrivals(served)).toEqual([0, 1000])
  })
})

describe('abort during the backoff sleep', () => {
  it('rejects at once with the signal’s reason (an AbortError) and sends nothing more', async () => {
    const served = route('get', '/orders', [status(503, { 'Retry-After': '10' }), ok()])
    const controller = new AbortController()
    const retries: RetryInfo[] = []
    const result = track(
      api().get('/orders', { signal: controller.signal, onRetry: (info) => retries.push(info) }),
    )
    await vi.advanceTimersByTimeAsync(1000)
    expect(retries).toHaveLength(1)
    expect(result.settled).toBe(false)

    controller.abort()
    await vi.advanceTimersByTimeAsync(0)
    expect(result.settled).toBe(true)
    expect(result.error).toBe(controller.signal.reason)
    expect(result.error).toBeInstanceOf(DOMException)
    expect(result.error).toMatchObject({ name: 'AbortError' })
    expect(isAbortError(result.error)).toBe(true)
    expect(Date.now() - T0).toBe(1000)

    await vi.advanceTimersByTimeAsync(30_000)
    expect(served.requests).toHaveLength(1)
  })

  it('rejects with a custom abort reason unchanged', async () => {
    route('get', '/orders', [status(503)])
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    const controller = new AbortController()
    const result = track(api().get('/orders', { signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(100)
    const reason = { why: 'the user left the page' }
    controller.abort(reason)
    await vi.advanceTimersByTimeAsync(0)
    expect(result.error).toBe(reason)
  })
})

describe('onRetry', () => {
  it('reports { attempt, limit, delayMs, reason, error } before each sleep', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    route('get', '/orders', [status(503), status(500), ok()])
    const retries: RetryInfo[] = []
    await settle(api().get('/orders', { onRetry: (info) => retries.push(info) }))
    expect(retries).toEqual([
      {
        attempt: 2,
        limit: 2,
        delayMs: 300,
        reason: 'status',
        error: expect.objectContaining({ status: 503 }),
      },
      {
        attempt: 3,
        limit: 2,
        delayMs: 600,
        reason: 'status',
        error: expect.objectContaining({ status: 500 }),
      },
    ])
    expect(retries[0]?.error).toBeInstanceOf(HttpError)
  })

  it('reports reason "network" for a transport failure', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0)
    route('get', '/orders', [() => HttpResponse.error(), ok()])
    const retries: RetryInfo[] = []
    const result = await settle(api().get('/orders', { onRetry: (info) => retries.push(info) }))
    expect(result.value).toEqual({ ok: true })
    expect(retries).toEqual([
      { attempt: 2, limit: 2, delayMs: 0, reason: 'network', error: expect.any(NetworkError) },
    ])
  })

  it('is called once per retry, so error.attempts is the number of requests made', async () => {
    const served = route('get', '/orders', [status(503)])
    const onRetry = vi.fn()
    const result = await settle(api().get('/orders', { retry: 4, onRetry }))
    expect(served.requests).toHaveLength(5)
    expect(onRetry).toHaveBeenCalledTimes(4)
    expect(result.error).toMatchObject({ attempts: 5 })
  })
})

describe('the retry option', () => {
  type Retry = false | number | { readonly limit: number }
  const forms: ReadonlyArray<readonly [string, { client?: Retry; request?: Retry }, number]> = [
    ['false on the client', { client: false }, 1],
    ['0 on the client', { client: 0 }, 1],
    ['a number on the client', { client: 3 }, 4],
    ['{ limit } on the client', { client: { limit: 1 } }, 2],
    ['false on the request', { request: false }, 1],
    ['0 on the request', { request: 0 }, 1],
    ['a number on the request, over the client’s false', { client: false, request: 2 }, 3],
    ['false on the request, over the client’s number', { client: 5, request: false }, 1],
    ['{ limit } on the request, over the client’s', { client: { limit: 5 }, request: { limit: 1 } }, 2],
  ]

  it.each(forms)('retry: %s', async (_, { client, request }, requests) => {
    const served = route('get', '/orders', [status(503)])
    const api = createClient({ baseUrl: API, ...(client === undefined ? {} : { retry: client }) })
    const result = await settle(api.get('/orders', request === undefined ? {} : { retry: request }))
    expect(served.requests).toHaveLength(requests)
    expect(result.error).toMatchObject({ attempts: requests })
  })

  it('retries only the statuses listed in retry.statuses', async () => {
    const teapot = route('get', '/teapot', [status(418)])
    const unavailable = route('get', '/unavailable', [status(503)])
    const client = createClient({ baseUrl: API, retry: { statuses: [418] } })
    await settle(client.get('/teapot'))
    await settle(client.get('/unavailable'))
    expect(teapot.requests).toHaveLength(3)
    expect(unavailable.requests).toHaveLength(1)
  })

  it('retries a POST without a key when retry.methods lists it', async () => {
    const served = route('post', '/search', [status(503)])
    await settle(api().post('/search', { body: { q: 'x' }, retry: { methods: ['POST'] } }))
    expect(served.requests).toHaveLength(3)
  })
})

describe('errors from the caller’s own code', () => {
  const json = () => new Response('{"ok":true}', { headers: { 'content-type': 'application/json' } })

  it('rejects with a token getter’s own error, once, without retrying it as a network failure', async () => {
    const stub = stubFetch(json)
    const broken = new Error('token store is locked')
    const client = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      auth: bearer({
        token: () => {
          throw broken
        },
      }),
    })
    const result = await settle(client.get('/orders'))
    expect(result.error).toBe(broken)
    expect(stub.calls).toHaveLength(0)
  })

  it('rejects with a schema’s thrown error, after a single request', async () => {
    const stub = stubFetch(json)
    const bug = new Error('schema bug')
    const schema: StandardSchemaV1 = {
      '~standard': {
        version: 1,
        vendor: 'test',
        validate: () => {
          throw bug
        },
      },
    }
    const result = await settle(createClient({ baseUrl: API, fetch: stub.fetch }).get('/orders', { schema }))
    expect(result.error).toBe(bug)
    expect(stub.calls).toHaveLength(1)
  })
})
