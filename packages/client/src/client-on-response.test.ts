import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { createClient } from './client.js'
import { HttpError } from './errors.js'
import type { ResponseContext } from './options.js'
import { API, ok, route, status, stubFetch, track, useServer } from './test-support/msw.js'
import { deferred } from './test-support/server.js'

useServer()

const fast = { limit: 2, baseDelay: 1, maxDelay: 1 }

describe('onResponse', () => {
  it('sees every attempt’s response, the client’s hook before the request’s', async () => {
    route('get', '/orders', [status(503), () => HttpResponse.json([1], { headers: { 'x-served-by': 'b' } })])
    const seen: string[] = []
    const api = createClient({
      baseUrl: API,
      retry: fast,
      onResponse: (response, { attempt }) => {
        seen.push(`client ${attempt} ${response.status}`)
      },
    })
    const data = await api.get('/orders', {
      onResponse: (response, { attempt }) => {
        seen.push(`request ${attempt} ${response.status} ${response.headers.get('x-served-by')}`)
      },
    })
    expect(data).toEqual([1])
    expect(seen).toEqual(['client 1 503', 'request 1 503 null', 'client 2 200', 'request 2 200 b'])
  })

  it('runs before the body is read: the error still carries its problem, the data still parses', async () => {
    route('get', '/orders/1', () =>
      HttpResponse.json(
        { title: 'Not found', detail: 'No order 1' },
        { status: 404, headers: { 'content-type': 'application/problem+json' } },
      ),
    )
    let bodyUsed: boolean | undefined
    const error = await createClient({ baseUrl: API })
      .get('/orders/1', {
        onResponse: (response) => {
          bodyUsed = response.bodyUsed
        },
      })
      .catch((thrown: unknown) => thrown)
    expect(bodyUsed).toBe(false)
    expect(error).toBeInstanceOf(HttpError)
    expect(error instanceof HttpError && error.problem?.detail).toBe('No order 1')
  })

  it('may read a clone of the body while the call gets the data', async () => {
    route('get', '/orders', ok({ data: [1, 2] }))
    let peeked: unknown
    const data = await createClient({ baseUrl: API }).get('/orders', {
      onResponse: async (response) => {
        peeked = await response.clone().json()
      },
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
        onResponse: async () => {
          entered.resolve()
          await gate.promise
        },
      }),
    )
    await entered.promise
    await new Promise((resolve) => setImmediate(resolve))
    expect(call.settled).toBe(false)
    gate.resolve()
    await call.done
    expect(call.value).toEqual({ ok: true })
  })

  it('rejects the call with what it throws, without retrying and without reading the body', async () => {
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
        onResponse: () => {
          throw refusal
        },
      }),
    ).rejects.toBe(refusal)
    expect(stub.calls).toHaveLength(1)
    expect(cancelled).toBe(true)
  })

  it('rejects with a Ferry error it throws (a nested call’s) as it is, without retrying', async () => {
    const stub = stubFetch(() => Response.json({ ok: true }))
    const api = createClient({ baseUrl: API, fetch: stub.fetch, retry: fast })
    const nested = await createClient({
      baseUrl: API,
      fetch: () => Promise.resolve(new Response(null, { status: 503 })),
      retry: false,
    })
      .get('/session')
      .catch((thrown: unknown) => thrown)
    expect(nested).toBeInstanceOf(HttpError)
    await expect(
      api.get('/orders', {
        onResponse: () => {
          throw nested
        },
      }),
    ).rejects.toBe(nested)
    expect(stub.calls).toHaveLength(1)
  })

  it('says to read a clone when a hook consumed the body, and does not retry', async () => {
    const stub = stubFetch(() => Response.json({ ok: true }))
    const api = createClient({ baseUrl: API, fetch: stub.fetch, retry: fast })
    const error = await api
      .get('/orders', {
        onResponse: async (response) => {
          await response.json()
        },
      })
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(TypeError)
    expect(error instanceof TypeError && error.message).toMatch(
      /onResponse read the response body.*clone\(\)/,
    )
    expect(stub.calls).toHaveLength(1)
  })

  it('is given the attempt’s signal, which aborts when the attempt’s timeout fires', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    try {
      route('get', '/orders', ok())
      let given: AbortSignal | undefined
      let hookEnded = false
      // A slow hook that listens: it ends when the attempt's time is up, and so does the call.
      const call = track(
        createClient({ baseUrl: API, timeout: 1000, retry: false }).get('/orders', {
          onResponse: async (_, { signal }) => {
            given = signal
            await new Promise((resolve) => signal?.addEventListener('abort', resolve, { once: true }))
            hookEnded = true
          },
        }),
      )
      await vi.advanceTimersByTimeAsync(999)
      expect(given?.aborted).toBe(false)
      expect(hookEnded).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      await call.done
      expect(given?.reason).toMatchObject({ name: 'TimeoutError' })
      expect(hookEnded).toBe(true)
    } finally {
      vi.useRealTimers()
    }
  })

  it('is told the request with its URL redacted and its request id', async () => {
    const recorded = route('get', '/orders', ok())
    let context: ResponseContext | undefined
    await createClient({ baseUrl: API, redactQuery: ['token'] }).get('/orders', {
      query: { token: 'secret', page: 2 },
      onResponse: (_, given) => {
        context = given
      },
    })
    expect(context?.attempt).toBe(1)
    expect(context?.request.url).toBe(`${API}/orders?page=2&token=%5Bredacted%5D`)
    expect(context?.request.requestId).toBe(recorded.header('x-request-id')[0])
  })
})
