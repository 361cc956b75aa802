// hooks() at the HTTP boundary (msw/node, or a stub fetch where the test counts calls or cancels bodies).
import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { bearer } from './auth.js'
import { createClient } from './client.js'
import { type FerryError, HttpError, isHttpError } from './errors.js'
import type { FerryEvent } from './events.js'
import { type Hooks, hooks } from './hooks.js'
import type { BeforeRetryState } from './middleware.js'
import { observe } from './observe.js'
import {
  API,
  ok,
  rejection,
  route,
  settle,
  status,
  stubFetch,
  track,
  useFakeClock,
  useServer,
} from './test-support/msw.js'
import { deferred } from './test-support/server.js'

useServer()

const fast = { limit: 2, baseDelay: 1, maxDelay: 1 }

/** hooks() whose `hook` throws `thrown`. */
const throwing = (hook: keyof Hooks, thrown: unknown) =>
  hooks({
    [hook]: () => {
      throw thrown
    },
  })

describe('hooks: beforeRequest', () => {
  it('edits the headers, the URL and the body of what is sent', async () => {
    const recorded = route('post', '/v2/orders', async (request) => HttpResponse.json(await request.json()))
    const api = createClient({
      baseUrl: API,
      use: [
        hooks({
          beforeRequest: (request) => {
            request.headers.set('x-tenant', 'acme')
            request.url = request.url.replace('/orders', '/v2/orders')
            request.init.body = JSON.stringify({ sku: 'A1', signed: true })
          },
        }),
      ],
    })
    const data = await api.post('/orders', { body: { sku: 'A1' } })
    expect(data).toEqual({ sku: 'A1', signed: true })
    expect(recorded.header('x-tenant')).toEqual(['acme'])
    expect(recorded.header('content-type')).toEqual(['application/json'])
  })

  it('sends no credentials when it moves the URL to an origin that may not receive them', async () => {
    const stub = stubFetch(() => Response.json({ ok: true }))
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      init: { credentials: 'include' },
      auth: bearer({ token: 'secret' }),
      use: [
        hooks({
          beforeRequest: (request) => {
            request.url = request.url.replace(API, 'https://elsewhere.test')
          },
        }),
      ],
    })
    await api.get('/orders')
    const [call] = stub.calls
    expect(call?.url).toBe('https://elsewhere.test/orders')
    expect(new Headers(call?.init.headers).get('authorization')).toBeNull()
    expect(call?.init.credentials).toBe('same-origin')
  })

  it('answers without fetch when it returns a Response, skipping the remaining beforeRequest hooks', async () => {
    const stub = stubFetch(() => Response.json({ from: 'network' }))
    const later = vi.fn()
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      use: [hooks({ beforeRequest: [() => Response.json({ from: 'cache' }), later] })],
    })
    expect(await api.get('/orders')).toEqual({ from: 'cache' })
    expect(stub.calls).toHaveLength(0)
    expect(later).not.toHaveBeenCalled()
  })

  it('runs an array in order, each hook seeing the previous one’s changes, on every attempt', async () => {
    const recorded = route('get', '/orders', [status(503), ok([1])])
    const seen: string[] = []
    const api = createClient({
      baseUrl: API,
      retry: fast,
      use: [
        hooks({
          beforeRequest: [
            (request) => {
              seen.push(`a ${request.attempt}`)
              request.headers.set('x-order', 'a')
            },
            (request) => {
              seen.push(`b ${request.attempt} ${request.headers.get('x-order')}`)
              request.headers.set('x-order', `${request.headers.get('x-order')},b`)
            },
          ],
        }),
      ],
    })
    await api.get('/orders')
    expect(seen).toEqual(['a 1', 'b 1 a', 'a 2', 'b 2 a'])
    expect(recorded.header('x-order')).toEqual(['a,b', 'a,b'])
  })

  it('rejects the call with what it throws, sending nothing', async () => {
    const stub = stubFetch(() => Response.json({}))
    const events: FerryEvent[] = []
    const bug = new RangeError('no tenant selected')
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      events: observe((event) => events.push(event)),
      use: [throwing('beforeRequest', bug)],
    })
    await expect(api.get('/orders')).rejects.toBe(bug)
    expect(stub.calls).toHaveLength(0)
    expect(events.at(-1)).toMatchObject({ type: 'error', kind: 'caller' })
  })
})

describe('hooks: afterResponse', () => {
  it('sees every attempt’s response, the client’s hooks before the request’s', async () => {
    route('get', '/orders', [status(503), () => HttpResponse.json([1], { headers: { 'x-served-by': 'b' } })])
    const seen: string[] = []
    const api = createClient({
      baseUrl: API,
      retry: fast,
      use: [
        hooks({
          afterResponse: (_, response, { attempt }) => void seen.push(`client ${attempt} ${response.status}`),
        }),
      ],
    })
    const data = await api.get('/orders', {
      use: [
        hooks({
          afterResponse: [
            (_, response, { attempt }) => void seen.push(`request ${attempt} ${response.status}`),
            (_, response) => void seen.push(`second ${response.headers.get('x-served-by')}`),
          ],
        }),
      ],
    })
    expect(data).toEqual([1])
    // The request's middleware runs inside the client's: its afterResponse hooks see the response first.
    expect(seen).toEqual([
      'request 1 503',
      'second null',
      'client 1 503',
      'request 2 200',
      'second b',
      'client 2 200',
    ])
  })

  it('runs before the body is read: the error still carries its problem', async () => {
    route('get', '/orders/1', () =>
      HttpResponse.json(
        { title: 'Not found', detail: 'No order 1' },
        { status: 404, headers: { 'content-type': 'application/problem+json' } },
      ),
    )
    let bodyUsed: boolean | undefined
    const error = await rejection(
      createClient({ baseUrl: API }).get('/orders/1', {
        use: [
          hooks({
            afterResponse: (_, response) => {
              bodyUsed = response.bodyUsed
            },
          }),
        ],
      }),
    )
    expect(bodyUsed).toBe(false)
    expect(isHttpError(error) && error.problem?.detail).toBe('No order 1')
  })

  it('may read a clone of the body while the call gets the data', async () => {
    route('get', '/orders', ok({ data: [1, 2] }))
    let peeked: unknown
    const data = await createClient({ baseUrl: API }).get('/orders', {
      use: [
        hooks({
          afterResponse: async (_, response) => {
            peeked = await response.clone().json()
          },
        }),
      ],
    })
    expect(peeked).toEqual({ data: [1, 2] })
    expect(data).toEqual({ data: [1, 2] })
  })

  it('is awaited: the call resolves only once an async hook has finished', async () => {
    route('get', '/orders', ok())
    const entered = deferred()
    const gate = deferred()
    const call = track(
      createClient({ baseUrl: API }).get('/orders', {
        use: [
          hooks({
            afterResponse: async () => {
              entered.resolve()
              await gate.promise
            },
          }),
        ],
      }),
    )
    await entered.promise
    await new Promise((resolve) => setImmediate(resolve))
    expect(call.settled).toBe(false)
    gate.resolve()
    await call.done
    expect(call.value).toEqual({ ok: true })
  })

  it('replaces the response with the one it returns (a 500 answered from a fallback)', async () => {
    route('get', '/rates', status(500))
    const api = createClient({
      baseUrl: API,
      retry: false,
      use: [
        hooks({
          afterResponse: (_, response) => (response.status >= 500 ? Response.json({ rate: 1 }) : undefined),
        }),
      ],
    })
    expect(await api.get('/rates')).toEqual({ rate: 1 })
  })

  it('retries a 403 with a refreshed token when it returns hooks.retry()', async () => {
    const recorded = route('get', '/orders', (request) =>
      request.headers.get('authorization') === 'Bearer fresh' ? HttpResponse.json([1]) : status(403)(),
    )
    let token = 'stale'
    const refresh = vi.fn(async () => {
      token = 'fresh'
    })
    const api = createClient({
      baseUrl: API,
      retry: fast,
      use: [
        hooks({
          beforeRequest: (request) => request.headers.set('authorization', `Bearer ${token}`),
          afterResponse: async (_, response) => {
            if (response.status !== 403) return undefined
            await refresh()
            return hooks.retry()
          },
        }),
      ],
    })
    expect(await api.get('/orders')).toEqual([1])
    expect(recorded.header('authorization')).toEqual(['Bearer stale', 'Bearer fresh'])
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('hooks.retry() counts against retry.limit, then the 403 is thrown with every attempt', async () => {
    const recorded = route('get', '/orders', status(403))
    const api = createClient({
      baseUrl: API,
      retry: fast,
      use: [hooks({ afterResponse: () => hooks.retry() })],
    })
    const error = await rejection(api.get('/orders'))
    expect(recorded.requests).toHaveLength(3)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 403, attempts: 3 })
  })

  it('hooks.retry() keeps the safety rules: a POST without an Idempotency-Key is sent once', async () => {
    const recorded = route('post', '/orders', status(403))
    const api = createClient({
      baseUrl: API,
      retry: fast,
      use: [hooks({ afterResponse: () => hooks.retry() })],
    })
    await expect(api.post('/orders', { body: { sku: 'A1' } })).rejects.toMatchObject({ status: 403 })
    expect(recorded.requests).toHaveLength(1)
    await expect(
      api.post('/orders', { body: { sku: 'A1' }, idempotencyKey: 'order-1' }),
    ).rejects.toMatchObject({ status: 403, attempts: 3 })
  })

  it('rejects the call with what it throws, without retrying, and cancels the body', async () => {
    let cancelled = false
    const body = new ReadableStream({
      cancel() {
        cancelled = true
      },
    })
    const stub = stubFetch(
      () => new Response(body, { status: 503, headers: { 'content-type': 'application/json' } }),
    )
    const refusal = new Error('refused by the hook')
    const api = createClient({ baseUrl: API, fetch: stub.fetch, retry: fast })
    await expect(
      api.get('/orders', {
        use: [throwing('afterResponse', refusal)],
      }),
    ).rejects.toBe(refusal)
    expect(stub.calls).toHaveLength(1)
    expect(cancelled).toBe(true)
  })

  it('says to read a clone when a hook consumed the body, and does not retry', async () => {
    const stub = stubFetch(() => Response.json({ ok: true }))
    const api = createClient({ baseUrl: API, fetch: stub.fetch, retry: fast })
    const error = await rejection(
      api.get('/orders', {
        use: [
          hooks({
            afterResponse: async (_, response) => {
              await response.json()
            },
          }),
        ],
      }),
    )
    expect(error).toBeInstanceOf(TypeError)
    expect(error instanceof TypeError && error.message).toMatch(
      /afterResponse hook read the response body.*clone\(\)/,
    )
    expect(stub.calls).toHaveLength(1)
  })

  it('is told the request with its URL redacted and its request id', async () => {
    const recorded = route('get', '/orders', ok())
    let described: { url: string; requestId: string } | undefined
    await createClient({ baseUrl: API, redactQuery: ['token'] }).get('/orders', {
      query: { token: 'secret', page: 2 },
      use: [
        hooks({
          afterResponse: (request) => {
            described = request.request
          },
        }),
      ],
    })
    expect(described?.url).toBe(`${API}/orders?token=%5Bredacted%5D&page=2`)
    expect(described?.requestId).toBe(recorded.header('x-request-id')[0])
  })
})

describe('hooks: beforeRetry', () => {
  it('sees the request, the error, the attempt about to run and the sleep', async () => {
    const recorded = route('get', '/orders', [status(503), status(502), ok([1])])
    const seen: BeforeRetryState[] = []
    const api = createClient({
      baseUrl: API,
      retry: { limit: 2, delay: (retry) => retry },
      use: [hooks({ beforeRetry: (state) => void seen.push(state) })],
    })
    await api.get('/orders')
    expect(
      seen.map(({ attempt, delayMs, error }) => [attempt, delayMs, isHttpError(error) && error.status]),
    ).toEqual([
      [2, 1, 503],
      [3, 2, 502],
    ])
    expect(seen[0]?.request.requestId).toBe(recorded.header('x-request-id')[0])
  })

  it.each([
    ['hooks.stop', (): typeof hooks.stop => hooks.stop],
    ['false', (): boolean => false],
  ])('cancels the retry when a hook returns %s: the error is thrown as it is', async (_name, answer) => {
    const recorded = route('get', '/orders', status(503))
    const events: FerryEvent[] = []
    const later = vi.fn()
    const onRetry = vi.fn()
    const api = createClient({
      baseUrl: API,
      retry: fast,
      events: observe((event) => events.push(event)),
      use: [hooks({ beforeRetry: [answer, later] })],
    })
    const error = await rejection(api.get('/orders', { onRetry }))
    expect(recorded.requests).toHaveLength(1)
    expect(error).toMatchObject({ kind: 'http', status: 503, attempts: 1 })
    expect(later).not.toHaveBeenCalled()
    expect(onRetry).not.toHaveBeenCalled()
    expect(events.map((event) => event.type)).toEqual(['request', 'response', 'error'])
    expect(events.at(-1)).toMatchObject({ kind: 'http', status: 503 })
  })

  it('rejects the call with what it throws, without retrying', async () => {
    const recorded = route('get', '/orders', status(503))
    const bug = new Error('offline queue full')
    const api = createClient({
      baseUrl: API,
      retry: fast,
      use: [throwing('beforeRetry', bug)],
    })
    await expect(api.get('/orders')).rejects.toBe(bug)
    expect(recorded.requests).toHaveLength(1)
  })

  it('is not called when no retry is decided', async () => {
    route('get', '/orders', status(404))
    const beforeRetry = vi.fn()
    await expect(
      createClient({ baseUrl: API, use: [hooks({ beforeRetry })] }).get('/orders'),
    ).rejects.toMatchObject({ status: 404 })
    expect(beforeRetry).not.toHaveBeenCalled()
  })
})

describe('hooks: beforeError', () => {
  it('enriches the error the call rejects with, once, and the error event reports it', async () => {
    route('get', '/orders/7', () => HttpResponse.json({ code: 'gone' }, { status: 410 }))
    const events: FerryEvent[] = []
    const seen: FerryError[] = []
    const api = createClient({
      baseUrl: API,
      events: observe((event) => events.push(event)),
      use: [
        hooks({
          beforeError: (error) => {
            seen.push(error)
            if (isHttpError(error)) error.message = `${error.message} [code ${JSON.stringify(error.body)}]`
            return error
          },
        }),
      ],
    })
    const error = await rejection(api.get('/orders/7'))
    expect(seen).toHaveLength(1)
    expect(error).toBe(seen[0])
    expect(error instanceof Error && error.message).toMatch(/410.*\[code \{"code":"gone"\}\]$/)
    expect(events.filter((event) => event.type === 'error')).toHaveLength(1)
  })

  it('throws the error a hook returns instead, each hook in order seeing the one before', async () => {
    route('get', '/orders', status(503))
    class OrdersDown extends HttpError {
      readonly hint = 'the orders service is down'
    }
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      retry: false,
      events: observe((event) => events.push(event)),
      use: [
        hooks({
          beforeError: [
            (error) =>
              isHttpError(error)
                ? new OrdersDown({ request: error.request, response: new Response(null, { status: 503 }) })
                : undefined,
            (error) => {
              error.attempts = 9
            },
          ],
        }),
      ],
    })
    const error = await rejection(api.get('/orders'))
    expect(error).toBeInstanceOf(OrdersDown)
    expect(error).toMatchObject({ hint: 'the orders service is down', attempts: 9 })
    expect(events.at(-1)).toMatchObject({ type: 'error', kind: 'http', status: 503 })
  })

  it('is not called for the caller’s abort nor for the caller’s own code failing', async () => {
    const beforeError = vi.fn()
    const stub = stubFetch(() => 'hang')
    const api = createClient({ baseUrl: API, fetch: stub.fetch, use: [hooks({ beforeError })] })
    const controller = new AbortController()
    const call = api.get('/orders', { signal: controller.signal })
    controller.abort()
    await expect(call).rejects.toMatchObject({ name: 'AbortError' })
    const bug = new Error('bug')
    await expect(
      api.get('/orders', {
        use: [throwing('beforeRequest', bug)],
      }),
    ).rejects.toBe(bug)
    expect(beforeError).not.toHaveBeenCalled()
  })

  it('rejects with what a hook throws', async () => {
    route('get', '/orders', status(404))
    const thrown = new Error('mapped')
    const api = createClient({
      baseUrl: API,
      use: [throwing('beforeError', thrown)],
    })
    await expect(api.get('/orders')).rejects.toBe(thrown)
  })
})

describe('hooks: timing', () => {
  useFakeClock()

  it('hooks.retry() waits the response’s Retry-After, or the delay it is given', async () => {
    const stub = stubFetch((call) =>
      call === 1
        ? new Response(null, { status: 403, headers: { 'retry-after': '3' } })
        : call === 2
          ? new Response(null, { status: 403 })
          : Response.json([1]),
    )
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      retry: { limit: 2, baseDelay: 10_000, maxDelay: 10_000 },
      use: [
        hooks({
          afterResponse: (_, response, { attempt }) =>
            response.status === 403 ? hooks.retry(attempt === 2 ? { delayMs: 500 } : {}) : undefined,
        }),
      ],
    })
    const call = await settle(api.get('/orders'), 50)
    expect(call.value).toEqual([1])
    const [first, second, third] = stub.calls.map((c) => c.time)
    expect([(second ?? 0) - (first ?? 0), (third ?? 0) - (second ?? 0)]).toEqual([3000, 500])
  })
})
