// The core seams of issue 10 (throwHttpErrors, JSON control, init passthrough, client query, extend merging,
// retry control, middleware beforeRetry/beforeError) and the review's core fixes, at the HTTP boundary.
import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { createClient } from './client.js'
import { HttpError, isHttpError, isParseError, isTimeoutError } from './errors.js'
import type { FerryEvent } from './events.js'
import type { Middleware } from './middleware.js'
import { observe } from './observe.js'
import { stream } from './stream.js'
import { API, ok, route, status, stubFetch, useFakeClock, useServer } from './test-support/msw.js'

useServer()

const fast = { limit: 2, baseDelay: 1, maxDelay: 1 }
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  )
const terminal = (events: FerryEvent[]) =>
  events.filter((event) => event.type === 'success' || event.type === 'error' || event.type === 'abort')

describe('throwHttpErrors', () => {
  it('reads an accepted 409 as data, reports success and never retries it (even a listed status)', async () => {
    const hits = route('put', '/orders/1', () => HttpResponse.json({ version: 7 }, { status: 409 }))
    const busy = route('get', '/busy', () => HttpResponse.json({ queued: true }, { status: 503 }))
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      retry: fast,
      throwHttpErrors: false,
      events: observe((e) => events.push(e)),
    })
    await expect(api.put('/orders/1', { body: {} })).resolves.toEqual({ version: 7 })
    await expect(api.get('/busy')).resolves.toEqual({ queued: true })
    expect([hits.requests.length, busy.requests.length]).toEqual([1, 1])
    expect(terminal(events).map((e) => e.type === 'success' && e.status)).toEqual([409, 503])
  })

  it('takes a function per status, the request’s winning over the client’s; a 404 without body is undefined', async () => {
    route('get', '/orders/:id', ({ url }) =>
      url.endsWith('/none')
        ? new HttpResponse(null, { status: 404 })
        : HttpResponse.json({}, { status: 410 }),
    )
    const api = createClient({ baseUrl: API, throwHttpErrors: (code) => code !== 404 })
    await expect(api.get('/orders/none')).resolves.toBeUndefined()
    expect(isHttpError(await failure(api.get('/orders/gone')))).toBe(true)
    await expect(api.get('/orders/gone', { throwHttpErrors: false })).resolves.toEqual({})
    expect(isHttpError(await failure(api.get('/orders/none', { throwHttpErrors: true })))).toBe(true)
  })
})

describe('parseJson and stringifyJson', () => {
  const parseJson = (text: string) =>
    JSON.parse(text, (_key, value) => (value === 'big' ? 10n ** 20n : value))

  it('parse bodies, error bodies and NDJSON lines, and stringify plain bodies', async () => {
    route('get', '/n', () => HttpResponse.json({ n: 'big' }))
    route('get', '/bad', () => HttpResponse.json({ n: 'big' }, { status: 400 }))
    route(
      'get',
      '/export',
      () =>
        new HttpResponse('{"n":"big"}\n{"n":1}\n', { headers: { 'content-type': 'application/x-ndjson' } }),
    )
    const posted = route('post', '/orders', async (request) =>
      HttpResponse.json({ got: await request.text() }),
    )
    const api = createClient({
      baseUrl: API,
      parseJson,
      stringifyJson: (value) => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v)),
    })
    await expect(api.get('/n')).resolves.toEqual({ n: 10n ** 20n })
    const error = await failure(api.get('/bad'))
    expect(isHttpError(error) && error.body).toEqual({ n: 10n ** 20n })
    const rows: unknown[] = []
    for await (const row of stream(api, '/export')) rows.push(row)
    expect(rows).toEqual([{ n: 10n ** 20n }, { n: 1 }])
    await expect(api.post('/orders', { body: { qty: 2n } })).resolves.toEqual({ got: '{"qty":"2n"}' })
    expect(posted.header('content-type')).toEqual(['application/json'])
  })

  it('turns what parseJson throws into a ParseError with it as the cause; the request’s wins', async () => {
    route('get', '/n', () => HttpResponse.json({ n: 1 }))
    const boom = new SyntaxError('no dates here')
    const api = createClient({
      baseUrl: API,
      parseJson: () => {
        throw boom
      },
    })
    const error = await failure(api.get('/n'))
    expect(isParseError(error) && [error.cause, error.text]).toEqual([boom, '{"n":1}'])
    await expect(api.get('/n', { parseJson: () => 'mine' })).resolves.toBe('mine')
  })
})

describe('init passthrough', () => {
  it('passes every key to fetch, the request’s over the client’s, and keeps credentials off untrusted origins', async () => {
    const stub = stubFetch(() => new Response('{}', { headers: { 'content-type': 'application/json' } }))
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      init: { credentials: 'include', cache: 'no-store', priority: 'low' },
    })
    await api.get('/a', { init: { priority: 'high', referrer: 'about:client' } })
    await api.get('https://elsewhere.test/b')
    const [first, second] = stub.calls.map((call) => call.init)
    expect(first).toMatchObject({
      credentials: 'include',
      cache: 'no-store',
      priority: 'high',
      referrer: 'about:client',
    })
    expect(second).toMatchObject({ credentials: 'same-origin', cache: 'no-store', priority: 'low' })
  })
})

describe('client query and extend merging', () => {
  it('merges query key by key, a request’s undefined removing the client’s, through extend too', async () => {
    const hits = route('get', '/orders', () => HttpResponse.json([]))
    const api = createClient({ baseUrl: API, query: { v: '2', lang: 'en' } })
    const child = api.extend({ query: new URLSearchParams({ tenant: 'acme', v: '3' }) })
    await api.get('/orders', { query: { lang: undefined, page: 2 } })
    await child.get('/orders', { query: { page: 1 } })
    expect(hits.requests.map((r) => new URL(r.url).search)).toEqual([
      '?v=2&page=2',
      '?v=3&lang=en&tenant=acme&page=1',
    ])
  })

  it('merges retry field by field, init shallowly, appends use and removes headers; false replaces retry', async () => {
    const hits = route('get', '/flaky', [status(503), status(503), status(503), ok()])
    const order: string[] = []
    const mark =
      (name: string): Middleware =>
      (request, next) => {
        order.push(name)
        return next(request)
      }
    const stub = stubFetch((call, url) =>
      url.endsWith('/stub') ? new Response('{}') : new Response(null, { status: call }),
    )
    const parent = createClient({
      baseUrl: API,
      headers: { 'X-Tenant': 'acme' },
      retry: { limit: 3, baseDelay: 1, maxDelay: 1 },
      init: { cache: 'no-store' },
      use: [mark('parent')],
    })
    const child = parent.extend({
      retry: { statuses: [503] },
      init: { priority: 'high' },
      use: [mark('child')],
      headers: { 'X-Tenant': undefined },
    })
    await expect(child.get('/flaky')).resolves.toEqual({ ok: true })
    expect(hits.requests.length).toBe(4)
    expect(hits.header('x-tenant')).toEqual([null, null, null, null])
    expect(order.slice(0, 2)).toEqual(['parent', 'child'])
    const stubbed = child.extend({ fetch: stub.fetch })
    await stubbed.get('/stub')
    expect(stub.calls[0]?.init).toMatchObject({ cache: 'no-store', priority: 'high' })
    route('get', '/down', () => status(503)())
    const single = child.extend({ retry: false })
    expect(isHttpError(await failure(single.get('/down')))).toBe(true)
  })
})

describe('retry control', () => {
  it('shouldRetry retries what the rules would not, sees attempt and retries, and stops what they would', async () => {
    const conflict = route('get', '/conflict', [status(409), status(409), ok()])
    const seen: unknown[] = []
    const api = createClient({
      baseUrl: API,
      retry: {
        ...fast,
        shouldRetry: ({ error, attempt, retries }) => {
          seen.push([isHttpError(error) && error.status, attempt, retries])
          return isHttpError(error) && error.status === 409 ? true : error.kind === 'http' ? false : undefined
        },
      },
    })
    await expect(api.get('/conflict')).resolves.toEqual({ ok: true })
    expect(conflict.requests.length).toBe(3)
    expect(seen).toEqual([
      [409, 1, 0],
      [409, 2, 1],
    ])
    const down = route('get', '/down', () => status(503)())
    expect(isHttpError(await failure(api.get('/down')))).toBe(true)
    expect(down.requests.length).toBe(1)
  })

  it('cannot make a keyless POST retry (shouldRetry is not even asked), and what it throws rejects as it is', async () => {
    const posts = route('post', '/orders', () => status(503)())
    const shouldRetry = vi.fn(() => true)
    const api = createClient({ baseUrl: API, retry: { ...fast, shouldRetry } })
    expect(isHttpError(await failure(api.post('/orders', { body: {} })))).toBe(true)
    expect([posts.requests.length, shouldRetry.mock.calls.length]).toEqual([1, 0])
    route('get', '/x', () => status(503)())
    const bug = new RangeError('bug')
    const events: FerryEvent[] = []
    const throwing = createClient({
      baseUrl: API,
      events: observe((e) => events.push(e)),
      retry: {
        ...fast,
        shouldRetry: () => {
          throw bug
        },
      },
    })
    expect(await failure(throwing.get('/x'))).toBe(bug)
    expect(terminal(events).map((e) => e.type === 'error' && e.kind)).toEqual(['caller'])
  })

  it('retries an HttpError a middleware throws with retryable: true', async () => {
    const hits = route('get', '/orders', () => HttpResponse.json({ expired: hits.requests.length < 2 }))
    const expired: Middleware = async (request, next) => {
      const response = await next(request)
      const { expired } = await response.clone().json()
      if (expired) throw new HttpError({ request: request.request, response, retryable: true })
      return response
    }
    const api = createClient({ baseUrl: API, retry: fast, use: [expired] })
    await expect(api.get('/orders')).resolves.toEqual({ expired: false })
    expect(hits.requests.length).toBe(2)
  })
})

describe('middleware seams', () => {
  it('beforeRetry sees every retry in chain order and cancels with false; beforeError replaces the error', async () => {
    route('get', '/down', () => status(503)())
    const calls: string[] = []
    const outer: Middleware = Object.assign(
      (request: Parameters<Middleware>[0], next: Parameters<Middleware>[1]) => next(request),
      {
        beforeRetry: ({ attempt, delayMs, error }: { attempt: number; delayMs: number; error: unknown }) => {
          calls.push(`outer ${attempt} ${delayMs >= 0} ${isHttpError(error)}`)
          return attempt < 3 ? undefined : false
        },
      },
    )
    const inner: Middleware = Object.assign(
      (request: Parameters<Middleware>[0], next: Parameters<Middleware>[1]) => next(request),
      {
        beforeRetry: ({ attempt }: { attempt: number }) => {
          calls.push(`inner ${attempt}`)
        },
        beforeError: (error: unknown) =>
          isHttpError(error)
            ? new HttpError({
                request: error.request,
                response: new Response(null, { status: 599 }),
                note: 'enriched',
              })
            : undefined,
      },
    )
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      retry: { ...fast, limit: 5 },
      use: [outer],
      events: observe((e) => events.push(e)),
    })
    const error = await failure(api.get('/down', { use: [inner] }))
    expect(calls).toEqual(['outer 2 true true', 'inner 2', 'outer 3 true true'])
    expect(isHttpError(error) && [error.status, error.message.includes('enriched')]).toEqual([599, true])
    expect(events.filter((e) => e.type === 'retry').length).toBe(1)
    expect(terminal(events).map((e) => e.type === 'error' && e.status)).toEqual([599])
  })

  it('never calls beforeError for the caller’s abort or the caller’s own failure', async () => {
    const beforeError = vi.fn()
    const bug = new TypeError('bug')
    const failing: Middleware = Object.assign(
      async () => {
        throw bug
      },
      { beforeError },
    )
    const api = createClient({ baseUrl: API, use: [failing] })
    expect(await failure(api.get('/x'))).toBe(bug)
    const controller = new AbortController()
    controller.abort()
    expect(
      await failure(
        createClient({
          baseUrl: API,
          use: [
            Object.assign((r: Parameters<Middleware>[0], n: Parameters<Middleware>[1]) => n(r), {
              beforeError,
            }),
          ],
        }).get('/x', { signal: controller.signal }),
      ),
    ).toBe(controller.signal.reason)
    expect(beforeError).not.toHaveBeenCalled()
  })
})

describe('review fixes', () => {
  useFakeClock()

  it('gives a replay after a slow 401 refresh a fresh timeout window', async () => {
    const sent: Array<string | null> = []
    // The 401 comes at once; the replay's answer takes 300 ms, more than the 100 ms the first window has left.
    const fetch: typeof globalThis.fetch = async (_url, init) => {
      sent.push(new Headers(init?.headers).get('authorization'))
      if (sent.length === 1) return new Response(null, { status: 401 })
      await new Promise((resolve) => setTimeout(resolve, 300))
      return Response.json({ ok: 1 })
    }
    let token = 'old'
    const refresh = async () => {
      await new Promise((resolve) => setTimeout(resolve, 900))
      token = 'new'
    }
    const { bearer } = await import('./auth.js')
    const api = createClient({
      baseUrl: API,
      fetch,
      timeout: 1000,
      retry: false,
      auth: bearer({ token: () => token, refresh }),
    })
    const settled = failure(api.get('/orders'))
    await vi.advanceTimersByTimeAsync(1300)
    expect(await settled).toBeUndefined()
    expect(sent).toEqual(['Bearer old', 'Bearer new'])
  })

  it('bounds a beforeRetry that never settles by totalTimeout', async () => {
    const stub = stubFetch(() => new Response(null, { status: 503 }))
    const stuck: Middleware = Object.assign(
      (r: Parameters<Middleware>[0], n: Parameters<Middleware>[1]) => n(r),
      { beforeRetry: () => new Promise<void>(() => {}) },
    )
    const api = createClient({ baseUrl: API, fetch: stub.fetch, totalTimeout: 500, use: [stuck] })
    const call = failure(api.get('/x'))
    await vi.advanceTimersByTimeAsync(500)
    const error = await call
    expect(isTimeoutError(error) && error.scope).toBe('total')
  })

  it('rejects a bad per-request retry before creating the totalTimeout timer', async () => {
    const api = createClient({ baseUrl: API, totalTimeout: 5000 })
    await expect(api.get('/x', { retry: { limit: -1 } })).rejects.toThrow(/retry\.limit/)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('reports one success for stream() on a 204', async () => {
    const stub = stubFetch(() => new Response(null, { status: 204 }))
    const events: FerryEvent[] = []
    const api = createClient({ baseUrl: API, fetch: stub.fetch, events: observe((e) => events.push(e)) })
    for await (const _ of stream(api, '/export')) expect.unreachable()
    expect(terminal(events).map((e) => e.type)).toEqual(['success'])
  })
})
