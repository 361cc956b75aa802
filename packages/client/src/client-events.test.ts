import { delay, HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { apiKey, authMiddleware, bearer } from './auth.js'
import { createClient } from './client.js'
import { HttpError } from './errors.js'
import type { FerryEvent } from './events.js'
import type { Middleware } from './middleware.js'
import { type ObserveOptions, observe } from './observe.js'
import type { ClientOptions } from './options.js'
import { redactedHeaders } from './redacted-headers.js'
import {
  API,
  ok,
  rejection,
  route,
  settle,
  stalledBody,
  status,
  stubFetch,
  useFakeClock,
  useServer,
} from './test-support/msw.js'

useServer()
const T0 = Date.UTC(2026, 0, 15, 12, 0, 0)
useFakeClock(T0)

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/** A client on https://api.test that records every event. */
function observed({ includeHeaders, ...options }: ClientOptions & ObserveOptions = {}) {
  const events: FerryEvent[] = []
  const client = createClient({
    baseUrl: API,
    ...options,
    events: observe((event) => events.push(event), { includeHeaders }),
  })
  return { client, events, types: () => events.map((event) => event.type) }
}

describe('event sequences', () => {
  it('reports request then response for a success, with ids, method, url, attempt, status and duration', async () => {
    const served = route('get', '/orders', async () => {
      await delay(120)
      return HttpResponse.json({ data: [] })
    })
    const { client, events, types } = observed()
    const result = await settle(client.get('/orders', { query: { page: 2 } }), 10)
    expect(result.value).toEqual({ data: [] })
    expect(types()).toEqual(['request', 'response', 'success'])
    const requestId = served.header('x-request-id')[0]
    expect(requestId).toMatch(UUID)
    const common = { requestId, method: 'GET', url: 'https://api.test/orders?page=2', attempt: 1 }
    expect(events[0]).toEqual({ type: 'request', ...common, time: T0 })
    expect(events[1]).toEqual({ type: 'response', ...common, status: 200, durationMs: 120, time: T0 + 120 })
    expect(events[2]).toEqual({ type: 'success', ...common, status: 200, durationMs: 120, time: T0 + 120 })
  })

  it('reports request, response, retry, request, response for a retried request', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    route('get', '/orders', [status(503), ok()])
    const { client, events, types } = observed()
    await settle(client.get('/orders'))
    expect(types()).toEqual(['request', 'response', 'retry', 'request', 'response', 'success'])
    expect(events.map((event) => ('attempt' in event ? event.attempt : undefined))).toEqual([
      1, 1, 2, 2, 2, 2,
    ])
    expect(events[1]).toMatchObject({ type: 'response', status: 503 })
    expect(events[2]).toEqual({
      type: 'retry',
      requestId: expect.stringMatching(UUID),
      method: 'GET',
      url: 'https://api.test/orders',
      attempt: 2,
      limit: 2,
      delayMs: 300,
      reason: 'status',
      status: 503,
      time: T0,
    })
    expect(events[3]).toMatchObject({ type: 'request', attempt: 2, time: T0 + 300 })
    expect(new Set(events.map((event) => ('requestId' in event ? event.requestId : undefined))).size).toBe(1)
  })

  it('ends with an error event (kind, status, attempt, total duration) when the retries run out', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999_999_9)
    route('get', '/orders', [status(503)])
    const { client, events, types } = observed()
    const result = await settle(client.get('/orders'))
    expect(types()).toEqual([
      ...['request', 'response', 'retry'],
      ...['request', 'response', 'retry'],
      ...['request', 'response', 'error'],
    ])
    expect(events.at(-1)).toEqual({
      type: 'error',
      requestId: expect.stringMatching(UUID),
      method: 'GET',
      url: 'https://api.test/orders',
      attempt: 3,
      kind: 'http',
      status: 503,
      durationMs: 900,
      time: T0 + 900,
    })
    const last = events.at(-1)
    expect(result.error).toMatchObject({
      request: { requestId: last && 'requestId' in last ? last.requestId : '' },
    })
  })

  it('reports request, response, error for a status that is not retried', async () => {
    route('get', '/orders/9', [status(404)])
    const { client, events, types } = observed()
    await rejection(client.get('/orders/9'))
    expect(types()).toEqual(['request', 'response', 'error'])
    expect(events[2]).toMatchObject({ kind: 'http', status: 404, attempt: 1 })
  })

  it('reports a network failure as an error event of kind "network" without a status', async () => {
    route('get', '/orders', () => HttpResponse.error())
    const { client, events, types } = observed({ retry: false })
    await rejection(client.get('/orders'))
    expect(types()).toEqual(['request', 'error'])
    expect(events[1]).toMatchObject({ kind: 'network', attempt: 1 })
    expect(events[1]).not.toHaveProperty('status')
  })

  it('reports a timeout as an error event of kind "timeout"', async () => {
    route('get', '/orders', (request) => stalledBody(request, '{'))
    const { client, events, types } = observed({ retry: false, timeout: 1000 })
    await settle(client.get('/orders'), 100)
    expect(types()).toEqual(['request', 'response', 'error'])
    expect(events[2]).toMatchObject({ kind: 'timeout', attempt: 1, durationMs: 1000 })
  })

  it('reports the refresh of credentials between the 401 and the replay', async () => {
    let token = 'first'
    route('get', '/me', (request) =>
      request.headers.get('authorization') === 'Bearer second' ? ok({ me: 1 })() : status(401)(),
    )
    const auth = bearer({
      token: () => token,
      refresh: async () => {
        token = 'second'
      },
    })
    const { client, events, types } = observed({ auth })
    expect(await client.get('/me')).toEqual({ me: 1 })
    expect(types()).toEqual(['request', 'response', 'auth', 'request', 'response', 'success'])
    expect(events[2]).toMatchObject({ type: 'auth', action: 'refresh', attempt: 1 })
  })

  it('gives each call its own requestId, the one sent as X-Request-ID', async () => {
    const served = route('get', '/orders', [ok()])
    const { client, events } = observed()
    await Promise.all([client.get('/orders'), client.get('/orders')])
    const sent = served.header('x-request-id')
    const reported = events.flatMap((event) => (event.type === 'request' ? [event.requestId] : []))
    expect(new Set(reported)).toEqual(new Set(sent))
    expect(new Set(sent).size).toBe(2)
  })
})

describe('a request event only for an attempt that is sent', () => {
  it('reports no request when the time is up before sending (timeout: 0): only the error', async () => {
    const stub = stubFetch(() => Response.json({}))
    const { client, types } = observed({ fetch: stub.fetch, timeout: 0, retry: false })
    await expect(client.get('/orders')).rejects.toMatchObject({ kind: 'timeout' })
    expect(stub.calls).toHaveLength(0)
    expect(types()).toEqual(['error'])
  })

  it('ends with the abort when the caller aborts while an async token getter runs: no request after it', async () => {
    const stub = stubFetch(() => Response.json({}))
    let release: (token: string) => void = () => {}
    const auth = bearer({ token: () => new Promise<string>((resolve) => (release = resolve)) })
    const { client, types } = observed({ fetch: stub.fetch, auth })
    const controller = new AbortController()
    const call = settle(client.get('/orders', { signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(0)
    controller.abort()
    release('late-token')
    await call
    await vi.advanceTimersByTimeAsync(0)
    expect(stub.calls).toHaveLength(0)
    expect(types()).toEqual(['abort'])
  })

  it('ends with the error when totalTimeout passes in a slow middleware: no request after it', async () => {
    const stub = stubFetch(() => Response.json({}))
    const slow: Middleware = async (request, next) => {
      await new Promise((resolve) => setTimeout(resolve, 500))
      return next(request)
    }
    const { client, types } = observed({ fetch: stub.fetch, use: [slow], retry: false })
    const call = settle(client.get('/orders', { totalTimeout: 100 }), 1000)
    expect((await call).error).toMatchObject({ kind: 'timeout', scope: 'total' })
    await vi.advanceTimersByTimeAsync(1000)
    expect(stub.calls).toHaveLength(0)
    expect(types()).toEqual(['error'])
  })
})

describe('urls in events', () => {
  it('refuses a URL with userinfo before sending anything, without echoing the password', async () => {
    const stub = stubFetch(() => new Response('{}', { headers: { 'content-type': 'application/json' } }))
    const events: FerryEvent[] = []
    const client = createClient({
      baseUrl: 'https://ada:hunter2@api.test',
      fetch: stub.fetch,
      events: observe((event) => events.push(event)),
    })
    const error = await rejection(client.get('/orders'))
    expect(error).toBeInstanceOf(TypeError)
    expect(String(error)).toContain('basic(')
    expect(String(error)).not.toContain('hunter2')
    expect(stub.calls).toHaveLength(0)
    expect(events).toEqual([])
  })

  // The URL parser reads each of these as https://ada:hunter2@api.test/orders.
  it.each([
    'https:/ada:hunter2@api.test/orders',
    'https:ada:hunter2@api.test/orders',
    'https:\\\\ada:hunter2@api.test/orders',
  ])('refuses %s too, however few or odd its slashes', async (url) => {
    expect(new URL(url).password).toBe('hunter2')
    const stub = stubFetch(() => Response.json({}))
    const error = await rejection(createClient({ fetch: stub.fetch }).get(url))
    expect(error).toBeInstanceOf(TypeError)
    expect(String(error)).not.toContain('hunter2')
    expect(stub.calls).toHaveLength(0)
  })

  it('masks redactQuery values in events and error messages, but sends them', async () => {
    const served = route('get', '/orders', [status(404)])
    const { client, events } = observed({ redactQuery: ['token', 'sig'] })
    const error = await rejection(
      client.get('/orders', { query: { token: 'tok-abc123', page: 2, sig: ['s1', 's2'] } }),
    )
    const url = new URL(served.requests[0]?.url ?? '')
    expect(url.searchParams.get('token')).toBe('tok-abc123')
    for (const event of events) {
      expect('url' in event && new URL(event.url).searchParams.get('page')).toBe('2')
      expect('url' in event && new URL(event.url).searchParams.getAll('sig')).toEqual([
        '[redacted]',
        '[redacted]',
      ])
    }
    const seen = JSON.stringify(events) + String(error) + JSON.stringify(error)
    for (const secret of ['tok-abc123', 's1', 's2']) expect(seen).not.toContain(secret)
  })
})

describe('headers in events', () => {
  it('leaves headers out unless includeHeaders is set', async () => {
    route('get', '/orders', [ok()])
    const { client, events } = observed({ auth: bearer({ token: 'tok_live_123' }) })
    await client.get('/orders')
    expect(events).toHaveLength(3)
    for (const event of events) expect(event).not.toHaveProperty('headers')
  })

  it('includes headers with includeHeaders: redactedHeaders(), masking authorization, cookie, x-api-key and the names given', async () => {
    route('get', '/orders', () =>
      HttpResponse.json(
        { ok: true },
        { headers: { 'set-cookie': 'session=s3cr3t', 'x-trace': 'visible', 'x-upstream-token': 'up-123' } },
      ),
    )
    const { client, events } = observed({
      includeHeaders: redactedHeaders(['X-Session', 'x-upstream-token']),
      auth: bearer({ token: 'tok_live_123' }),
      headers: { cookie: 'a=b', 'x-api-key': 'key-456', 'X-Session': 'sess-789', 'x-visible': 'yes' },
    })
    await client.get('/orders')
    const [request, response] = events
    expect(request).toMatchObject({
      type: 'request',
      headers: {
        authorization: '[redacted]',
        cookie: '[redacted]',
        'x-api-key': '[redacted]',
        'x-session': '[redacted]',
        'x-visible': 'yes',
        accept: expect.stringContaining('application/json'),
        'x-request-id': expect.stringMatching(UUID),
      },
    })
    expect(response).toMatchObject({
      type: 'response',
      headers: {
        'set-cookie': '[redacted]',
        'x-upstream-token': '[redacted]',
        'x-trace': 'visible',
        'content-type': 'application/json',
      },
    })
    const json = JSON.stringify(events)
    for (const secret of ['tok_live_123', 'a=b', 'key-456', 'sess-789', 's3cr3t', 'up-123'])
      expect(json).not.toContain(secret)
  })

  it('masks an apiKey header in events', async () => {
    route('get', '/orders', [ok()])
    const { client, events } = observed({
      includeHeaders: redactedHeaders(),
      auth: apiKey({ value: 'key-secret-1' }),
    })
    await client.get('/orders')
    expect(events[0]).toMatchObject({ headers: { 'x-api-key': '[redacted]' } })
    expect(JSON.stringify(events)).not.toContain('key-secret-1')
  })

  it('masks the header of an apiKey with a custom name, and a custom credential header, in events', async () => {
    route('get', '/orders', [ok()])
    route('get', '/tenants', [ok()])
    const custom = observed({
      includeHeaders: redactedHeaders(),
      auth: apiKey({ header: 'X-Tenant-Key', value: () => 'tenant-secret-1' }),
    })
    await custom.client.get('/orders')
    expect(custom.events[0]).toMatchObject({ headers: { 'x-tenant-key': '[redacted]' } })
    expect(JSON.stringify(custom.events)).not.toContain('tenant-secret-1')

    const own = observed({
      includeHeaders: redactedHeaders(),
      auth: authMiddleware({
        apply(headers) {
          headers.set('X-Signed', 'sig-secret-2')
          return 0
        },
      }),
    })
    await own.client.get('/tenants')
    expect(own.events[0]).toMatchObject({ headers: { 'x-signed': '[redacted]', accept: expect.any(String) } })
    expect(JSON.stringify(own.events)).not.toContain('sig-secret-2')
  })

  it('contains an includeHeaders view that throws: the request succeeds and its events come without headers', async () => {
    const served = route('get', '/orders', [ok({ id: 1 })])
    const { client, events, types } = observed({
      includeHeaders: () => {
        throw new Error('bug in the view')
      },
    })
    await expect(client.get('/orders')).resolves.toEqual({ id: 1 })
    expect(served.requests).toHaveLength(1)
    expect(types()).toEqual(['request', 'response', 'success'])
    for (const event of events) expect(event).not.toHaveProperty('headers')
  })
})

describe('secrets', () => {
  it('never shows a bearer token in any event or error message, whatever happens', async () => {
    const tokens = ['tok_SECRET_first', 'tok_SECRET_second']
    let token = tokens[0]
    const auth = bearer({
      token: () => token,
      refresh: async () => {
        token = tokens[1]
      },
    })
    route('get', '/unauthorized', [status(401)])
    route('get', '/server-error', [status(500)])
    route('get', '/down', () => HttpResponse.error())
    route('get', '/slow', (request) => stalledBody(request, '{'))
    route(
      'get',
      '/bad-json',
      () => new HttpResponse('{nope', { headers: { 'content-type': 'application/json' } }),
    )
    route('get', '/ok', [ok()])
    const { client, events } = observed({ auth, includeHeaders: redactedHeaders(), timeout: 500 })
    const messages: string[] = []
    for (const path of ['/unauthorized', '/server-error', '/down', '/slow', '/bad-json', '/ok']) {
      const result = await settle(client.get(path), 50)
      if (result.rejected) messages.push(String(result.error), JSON.stringify(result.error))
    }
    const failingRefresh = bearer({
      token: 'tok_SECRET_third',
      refresh: () => Promise.reject(new Error('expired')),
    })
    const other = observed({ auth: failingRefresh, includeHeaders: redactedHeaders() })
    const refreshError = await rejection(other.client.get('/unauthorized'))
    messages.push(String(refreshError), JSON.stringify(refreshError))

    expect(messages).toHaveLength(12)
    expect(events.filter((event) => event.type === 'request').length).toBeGreaterThan(6)
    const everything = JSON.stringify([...events, ...other.events]) + messages.join('\n')
    for (const secret of [...tokens, 'tok_SECRET_third']) expect(everything).not.toContain(secret)
    expect(everything).toContain('[redacted]')
  })
})

describe('an observer that throws', () => {
  it('does not break a successful request', async () => {
    route('get', '/orders', [ok({ id: 1 })])
    const client = createClient({
      baseUrl: API,
      events: observe(() => {
        throw new Error('observer bug')
      }),
    })
    expect(await client.get('/orders')).toEqual({ id: 1 })
  })

  it('does not break a retried request, nor replace its error', async () => {
    route('get', '/flaky', [status(503), ok({ id: 2 })])
    route('get', '/missing', [status(404)])
    const onEvent = vi.fn(() => {
      throw new Error('observer bug')
    })
    const client = createClient({ baseUrl: API, events: observe(onEvent) })
    const result = await settle(client.get('/flaky'))
    expect(result.value).toEqual({ id: 2 })
    const error = await rejection(client.get('/missing'))
    expect(error).toBeInstanceOf(HttpError)
    // request, response, retry, request, response, success; request, response, error
    expect(onEvent.mock.calls.length).toBe(9)
  })
})

describe('warnings', () => {
  it('warns when a hand-set multipart/form-data Content-Type is removed, and the server gets a boundary', async () => {
    const served = route('post', '/upload', async (request) => {
      const form = await request.formData()
      return HttpResponse.json({ name: form.get('name') })
    })
    const { client, events, types } = observed()
    const form = new FormData()
    form.append('name', 'invoice.pdf')
    const data = await client.post('/upload', {
      body: form,
      headers: { 'Content-Type': 'multipart/form-data' },
    })
    expect(data).toEqual({ name: 'invoice.pdf' })
    expect(served.header('content-type')[0]).toMatch(/^multipart\/form-data; ?boundary=/)
    expect(types()).toEqual(['warning', 'request', 'response', 'success'])
    expect(events[0]).toEqual({
      type: 'warning',
      requestId: expect.stringMatching(UUID),
      method: 'POST',
      url: 'https://api.test/upload',
      message: expect.stringContaining('boundary'),
      time: T0,
    })
  })

  it('does not warn for FormData without a hand-set Content-Type', async () => {
    route('post', '/upload', [ok()])
    const { client, types } = observed()
    const form = new FormData()
    form.append('name', 'a')
    await client.post('/upload', { body: form })
    expect(types()).toEqual(['request', 'response', 'success'])
  })
})
