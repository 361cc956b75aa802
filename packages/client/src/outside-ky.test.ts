// Cases ported from ky's own test suite (github:sindresorhus/ky, test/*.ts at 3419113), kept where Ferry
// promises the same behaviour. Each case names the ky test it comes from.
import { HttpResponse } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { createClient, HttpError, hooks, NetworkError, type StandardSchemaV1, TimeoutError } from './index.js'
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

/** A Response as a browser hands out for `mode: 'no-cors'` (opaque) or `redirect: 'manual'` (opaqueredirect). */
const opaque = (type: 'opaque' | 'opaqueredirect'): Response => {
  const response = new Response(null)
  Object.defineProperty(response, 'type', { value: type })
  Object.defineProperty(response, 'ok', { value: false })
  Object.defineProperty(response, 'status', { value: 0 })
  Object.defineProperty(response, 'statusText', { value: '' })
  return response
}

describe('the status is checked before the body (ky test/main.ts, test/http-error.ts)', () => {
  // ky main.ts: 'does not throw for opaque responses from no-cors requests' (and '… even when throwHttpErrors is a function')
  it('resolves an opaque answer to a no-cors request instead of failing with status 0', async () => {
    const { fetch, calls } = stubFetch(() => opaque('opaque'))
    const api = createClient({ baseUrl: API, fetch, init: { mode: 'no-cors' } })

    await expect(api.post('/beacon', { body: 'hit' })).resolves.toBeUndefined()
    const response = await api.get('/pixel', { as: 'response', throwHttpErrors: () => true })
    expect(response.status).toBe(0)
    expect(calls.map((call) => call.init.mode)).toEqual(['no-cors', 'no-cors'])
  })

  // ky main.ts: 'still throws for opaqueredirect responses'
  it('still fails an opaqueredirect with an HttpError', async () => {
    const { fetch } = stubFetch(() => opaque('opaqueredirect'))
    const error = await rejection(createClient({ baseUrl: API, fetch, retry: false }).get('/moved'))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 0 })
  })

  // ky http-error.ts: 'HTTPError handles undefined response.statusText'
  it('writes no "undefined" into the message of a response without statusText (old Safari, polyfills)', async () => {
    const { fetch } = stubFetch(() => {
      const response = new Response(null, { status: 500 })
      Object.defineProperty(response, 'statusText', { value: undefined })
      return response
    })
    const error = await rejection(createClient({ baseUrl: API, fetch, retry: false }).get('/orders'))
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 500, statusText: '' })
    expect((error as HttpError).message).toMatch(/failed with 500$/)
  })

  // ky http-error.ts: 'HTTPError#data decodes stream text using response charset when provided'
  it('decodes a text error body by its charset, and by UTF-8 when the charset is unknown', async () => {
    const { fetch } = stubFetch((call) =>
      call === 1
        ? new Response(Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), {
            status: 500,
            headers: { 'content-type': 'text/plain; charset=iso-8859-1' },
          })
        : new Response('café', { status: 500, headers: { 'content-type': 'text/plain; charset=x-unknown' } }),
    )
    const api = createClient({ baseUrl: API, fetch, retry: false })
    expect(await rejection(api.get('/orders'))).toMatchObject({ status: 500, body: 'café' })
    expect(await rejection(api.get('/orders'))).toMatchObject({ status: 500, body: 'café' })
  })

  // ky http-error.ts: 'HTTPError#data falls back to response.text() when response.body is null'
  it('reads the error body of a Response without a body stream (a fetch polyfill)', async () => {
    const { fetch } = stubFetch(() => {
      const response = new Response(JSON.stringify({ error: 'streamless' }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      })
      Object.defineProperty(response, 'body', { get: () => null })
      return response
    })
    const error = await rejection(createClient({ baseUrl: API, fetch, retry: false }).get('/orders'))
    expect(error).toMatchObject({ status: 500, body: { error: 'streamless' } })
  })

  // ky http-error.ts: 'HTTPError#data parses JSON for case-insensitive content types', '… does not parse non-JSON
  // content types with json parameters', '… is text for JSON-like but non-JSON media types', '… is text for HTML
  // error pages', '… is text when no content-type header', '… is undefined for empty body'
  it('reads an error body by its media type, whatever its case or parameters', async () => {
    route('get', '/upper', [
      () =>
        new HttpResponse('{"a":1}', {
          status: 400,
          headers: { 'Content-Type': 'Application/JSON; Charset=UTF-8' },
        }),
    ])
    route('get', '/param', [
      () =>
        new HttpResponse('{"a":1}', { status: 400, headers: { 'Content-Type': 'text/plain; format=json' } }),
    ])
    route('get', '/html', [
      () =>
        new HttpResponse('<h1>Bad gateway</h1>', { status: 400, headers: { 'Content-Type': 'text/html' } }),
    ])
    route('get', '/seq', [
      () => new HttpResponse('{"a":1}', { status: 400, headers: { 'Content-Type': 'application/json-seq' } }),
    ])
    route('get', '/untyped', [() => new HttpResponse(new TextEncoder().encode('{"a":1}'), { status: 400 })])
    route('get', '/empty', [
      () => new HttpResponse(null, { status: 400, headers: { 'Content-Type': 'application/json' } }),
    ])
    const api = createClient({ baseUrl: API })

    expect(await rejection(api.get('/upper'))).toMatchObject({ body: { a: 1 } })
    expect(await rejection(api.get('/param'))).toMatchObject({ body: '{"a":1}' })
    expect(await rejection(api.get('/html'))).toMatchObject({ body: '<h1>Bad gateway</h1>' })
    expect(await rejection(api.get('/seq'))).toMatchObject({ body: '{"a":1}' })
    expect(await rejection(api.get('/untyped'))).toMatchObject({ body: '{"a":1}' })
    expect(await rejection(api.get('/empty'))).toMatchObject({ status: 400, body: undefined })
  })

  // ky main.ts: '.json() with 204 response does not call parseJson', '.json() with empty body does not call parseJson'
  it('never hands an empty body to parseJson: 204, an empty 200 and an empty error body', async () => {
    route('get', '/none', [
      () => new HttpResponse(null, { status: 204, headers: { 'Content-Type': 'application/json' } }),
    ])
    route('get', '/empty', [() => new HttpResponse('', { headers: { 'Content-Type': 'application/json' } })])
    route('get', '/blank', [
      () => new HttpResponse('  \n', { headers: { 'Content-Type': 'application/json' } }),
    ])
    route('get', '/gone', [
      () => new HttpResponse('', { status: 410, headers: { 'Content-Type': 'application/json' } }),
    ])
    const parseJson = vi.fn((text: string): unknown => JSON.parse(text))
    const api = createClient({ baseUrl: API, parseJson })

    await expect(api.get('/none', { as: 'json' })).resolves.toBeUndefined()
    await expect(api.get('/empty', { as: 'json' })).resolves.toBeUndefined()
    await expect(api.get('/blank')).resolves.toBeUndefined()
    expect(await rejection(api.get('/gone'))).toMatchObject({ status: 410, body: undefined })
    expect(parseJson).not.toHaveBeenCalled()
  })

  // ky main.ts: '.json(schema) does not run validation for HTTP errors'
  it('does not run the schema on an error response', async () => {
    route('get', '/orders/1', [() => HttpResponse.json({ error: 'nope' }, { status: 404 })])
    const validate = vi.fn((value: unknown) => ({ value }))
    const schema: StandardSchemaV1<unknown, unknown> = {
      '~standard': { version: 1, vendor: 'test', validate },
    }
    const error = await rejection(createClient({ baseUrl: API }).get('/orders/1', { schema }))
    expect(error).toMatchObject({ status: 404, body: { error: 'nope' } })
    expect(validate).not.toHaveBeenCalled()
  })

  // ky main.ts: 'throwHttpErrors:false does not suppress timeout errors'
  it('still fails with a TimeoutError when throwHttpErrors is false', async () => {
    const { fetch } = stubFetch(() => 'hang')
    const result = await settle(
      createClient({ baseUrl: API, fetch, throwHttpErrors: false }).get('/slow', {
        timeout: 500,
        retry: false,
      }),
    )
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'attempt', timeoutMs: 500 })
  })
})

describe('request bodies and headers (ky test/main.ts, test/headers.ts)', () => {
  // ky main.ts: 'POST JSON with falsy value'
  it('sends false and 0 as JSON, not as no body', async () => {
    const seen = route('post', '/flags', [ok()])
    const api = createClient({ baseUrl: API })
    await api.post('/flags', { body: false })
    await api.post('/flags', { body: 0 })

    expect(await Promise.all(seen.requests.map((request) => request.text()))).toEqual(['false', '0'])
    expect(seen.header('content-type')).toEqual(['application/json', 'application/json'])
  })

  // ky headers.ts: '`accept` header with `json` option'; main.ts: '.json() with custom accept header'
  it('asks for JSON with as: json, and keeps an Accept the caller set', async () => {
    const seen = route('get', '/orders', [ok()])
    const api = createClient({ baseUrl: API })
    await api.get('/orders', { as: 'json' })
    await api.get('/orders', { as: 'json', headers: { Accept: 'application/vnd.orders+json' } })

    expect(seen.header('accept')).toEqual(['application/json', 'application/vnd.orders+json'])
  })

  // ky main.ts: 'JSON with custom Headers instance'
  it('sends a JSON body with headers given as a Headers instance', async () => {
    const seen = route('post', '/orders', [ok()])
    await createClient({ baseUrl: API }).post('/orders', {
      body: { sku: 'A1' },
      headers: new Headers({ 'X-Tenant': 'acme' }),
    })
    expect(seen.header('x-tenant')).toEqual(['acme'])
    expect(seen.header('content-type')).toEqual(['application/json'])
    expect(await seen.requests[0]?.json()).toEqual({ sku: 'A1' })
  })

  // ky headers.ts: 'remove header by extending instance (Headers instance and plain object)'
  it('lets extend remove a header the parent gave as a Headers instance', async () => {
    const seen = route('get', '/orders', [ok()])
    const parent = createClient({
      baseUrl: API,
      headers: new Headers({ rainbow: 'rainbow', unicorn: 'unicorn' }),
    })
    await parent.extend({ headers: { rainbow: undefined } }).get('/orders')

    expect(seen.header('rainbow')).toEqual([null])
    expect(seen.header('unicorn')).toEqual(['unicorn'])
  })

  // ky methods.ts: 'common method is normalized'
  it('upper-cases a method given in lower case, and retries it as what it is', async () => {
    const seen = route('get', '/orders', [status(503, { 'Retry-After': '0' }), ok()])
    const posted = route('post', '/orders', [ok()])
    const api = createClient({ baseUrl: API })
    await settle(api.request('get', '/orders'))
    await api.request('post', '/orders', { body: { sku: 'A1' } })

    expect(seen.requests.map((request) => request.method)).toEqual(['GET', 'GET'])
    expect(posted.requests.map((request) => request.method)).toEqual(['POST'])
  })
})

describe('baseUrl and query (ky test/prefix.ts, test/main.ts)', () => {
  // ky prefix.ts: 'prefix option' (Ferry's baseUrl joins as ky's `prefix` does)
  it.each([
    ['foo/bar', API, '/foo/bar'],
    ['/bar', `${API}/foo/`, '/foo/bar'],
    ['/bar', `${API}/foo`, '/foo/bar'],
    ['//bar', `${API}/foo`, '/foo/bar'],
    ['/bar', `${API}/foo//`, '/foo/bar'],
    ['bar', `${API}/foo/`, '/foo/bar'],
    ['bar', `${API}/foo`, '/foo/bar'],
    ['', API, '/'],
    ['', `${API}/`, '/'],
  ])('joins %j to baseUrl %s as %s', async (path, baseUrl, target) => {
    const { fetch, calls } = stubFetch(() => new Response(null, { status: 204 }))
    await createClient({ baseUrl, fetch }).get(path)
    expect(new URL(calls[0]?.url ?? '').pathname).toBe(target)
  })

  // ky main.ts: 'searchParams option'
  it('serialises strings, numbers and booleans as they read', async () => {
    const seen = route('get', '/pets', [ok()])
    await createClient({ baseUrl: API }).get('/pets', {
      query: { cats: 'meow', dogs: true, opossums: false, n: 2 },
    })
    expect(new URL(seen.requests[0]?.url ?? '').search).toBe('?cats=meow&dogs=true&opossums=false&n=2')
  })

  // ky main.ts: 'merges URLSearchParams with plain object searchParams', 'merges plain object searchParams with URLSearchParams'
  it('merges a client URLSearchParams query with a request object query, and the other way round', async () => {
    const seen = route('get', '/orders', [ok()])
    await createClient({ baseUrl: API, query: new URLSearchParams({ api: '123' }) }).get('/orders', {
      query: { _limit_: 1 },
    })
    await createClient({ baseUrl: API, query: { api: '123' } }).get('/orders', {
      query: new URLSearchParams({ _limit_: '1' }),
    })
    const searches = seen.requests.map((request) => new URL(request.url).search)
    expect(searches).toEqual(['?api=123&_limit_=1', '?api=123&_limit_=1'])
  })

  // ky main.ts: 'ky.extend() searchParams layer deletion propagates through merged instances'
  it('lets a request remove a query parameter set two extend layers up', async () => {
    const seen = route('get', '/orders', [ok()])
    const api = createClient({ baseUrl: API })
      .extend({ query: { foo: '1' } })
      .extend({ query: { bar: '2' } })
    await api.get('/orders', { query: { foo: undefined } })
    expect(new URL(seen.requests[0]?.url ?? '').search).toBe('?bar=2')
  })
})

describe('retries (ky test/retry.ts, test/hooks.ts)', () => {
  // ky retry.ts: 'respect Retry-After: 0 and retry immediately'
  it('retries at once on Retry-After: 0, as many times as the limit allows', async () => {
    const served = route('get', '/orders', [status(503, { 'Retry-After': '0' })])
    const delays: number[] = []
    const call = createClient({ baseUrl: API, retry: 4 }).get('/orders', {
      onRetry: ({ delayMs }) => delays.push(delayMs),
    })
    const result = await settle(call, 1)
    expect(result.error).toMatchObject({ status: 503, attempts: 5 })
    expect(served.requests).toHaveLength(5)
    expect(delays).toEqual([0, 0, 0, 0])
  })

  // ky retry.ts: 'respect retry methods'
  it('retries only the methods listed, in any case', async () => {
    const got = route('get', '/orders', [status(500), ok()])
    const put = route('put', '/orders', [status(500), ok()])
    const api = createClient({ baseUrl: API, retry: { methods: ['get'] } })

    expect((await settle(api.get('/orders'))).value).toEqual({ ok: true })
    expect((await settle(api.put('/orders', { body: {} }))).error).toMatchObject({ status: 500, attempts: 1 })
    expect([got.requests.length, put.requests.length]).toEqual([2, 1])
  })

  // ky retry.ts: "doesn't retry when retry.limit is set to 0"
  it('sends once with retry: 0 and with retry: { limit: 0 }', async () => {
    const served = route('get', '/orders', [status(503)])
    const api = createClient({ baseUrl: API })
    expect(await rejection(api.get('/orders', { retry: 0 }))).toMatchObject({ attempts: 1 })
    expect(await rejection(api.get('/orders', { retry: { limit: 0 } }))).toMatchObject({ attempts: 1 })
    expect(served.requests).toHaveLength(2)
  })

  // ky retry.ts: 'shouldRetry: returns true cannot exceed totalTimeout budget'
  it('shouldRetry: true does not start a retry past totalTimeout', async () => {
    const served = route('get', '/orders', [status(409)])
    const api = createClient({
      baseUrl: API,
      totalTimeout: 1000,
      retry: { shouldRetry: () => true, delay: () => 2000 },
    })
    const result = await settle(api.get('/orders'))
    expect(result.error).toMatchObject({ status: 409, attempts: 1 })
    expect(served.requests).toHaveLength(1)
  })

  // ky hooks.ts: 'network error then HTTP error uses combined retry budget'
  it('counts network failures and retried statuses against one limit', async () => {
    const { fetch, calls } = stubFetch((call) =>
      call === 1 ? new TypeError('fetch failed') : new Response(null, { status: 500 }),
    )
    const result = await settle(createClient({ baseUrl: API, fetch, retry: { limit: 2 } }).get('/orders'))
    expect(result.error).toBeInstanceOf(HttpError)
    expect(result.error).toMatchObject({ status: 500, attempts: 3 })
    expect(calls).toHaveLength(3)
  })

  // ky retry.ts: 'NetworkError wraps fetch network errors'
  it('wraps a fetch failure in a NetworkError naming the method and URL, its cause kept', async () => {
    const cause = new TypeError('Failed to fetch')
    const { fetch } = stubFetch(() => cause)
    const error = await rejection(createClient({ baseUrl: API, fetch, retry: false }).get('/orders'))
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ kind: 'network', cause, request: { method: 'GET', url: `${API}/orders` } })
    expect((error as NetworkError).message).toContain(`GET ${API}/orders`)
  })

  // ky http-error.ts: 'never-ending error response body is bounded and retry proceeds'
  it('bounds a never-ending error body by the attempt timeout, then retries', async () => {
    const served = route('get', '/orders', (request, call) => {
      if (call > 1) return HttpResponse.text('ok')
      const stalled = stalledBody(request, '{"error":"partial"')
      return new HttpResponse(stalled.body, { status: 500, headers: stalled.headers })
    })
    const api = createClient({ baseUrl: API, timeout: 1000, retry: { limit: 1, delay: () => 0 } })
    const result = await settle(api.get('/orders'), 10)
    expect(result.value).toBe('ok')
    expect(served.requests).toHaveLength(2)
  })

  // ky retry.ts: 'totalTimeout bounds hanging HTTPError body reads when timeout is disabled'
  it('bounds a never-ending error body by totalTimeout when timeout is false', async () => {
    route('get', '/orders', (request) => {
      const stalled = stalledBody(request, '{"error":"')
      return new HttpResponse(stalled.body, { status: 500, headers: stalled.headers })
    })
    const api = createClient({ baseUrl: API, timeout: false, totalTimeout: 500 })
    const result = await settle(api.get('/orders'), 10)
    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'total', timeoutMs: 500 })
  })
})

describe('hooks through extend (ky test/hooks.ts)', () => {
  // ky main.ts: 'ky.extend() appends hooks'
  it('keeps the parent’s hooks and runs the child’s inside them: the child’s beforeRequest has the last word', async () => {
    const seen = route('get', '/orders', [ok()])
    const order: string[] = []
    const parent = createClient({
      baseUrl: API,
      use: [
        hooks({
          beforeRequest: (request) => {
            order.push('parent before')
            request.headers.set('X-Layer', 'parent')
          },
          afterResponse: () => void order.push('parent after'),
        }),
      ],
    })
    const child = parent.extend({
      use: [
        hooks({
          beforeRequest: (request) => {
            order.push('child before')
            request.headers.set('X-Layer', 'child')
          },
        }),
      ],
    })
    await child.get('/orders')
    expect(seen.header('x-layer')).toEqual(['child'])
    expect(order).toEqual(['parent before', 'child before', 'parent after'])
  })

  // ky hooks.ts: 'beforeError hooks from ky.extend() are merged and called in order'
  it('runs the parent’s beforeError, then the child’s', async () => {
    route('get', '/orders', [status(404)])
    const parent = createClient({
      baseUrl: API,
      use: [
        hooks({ beforeError: (error) => Object.assign(error, { message: `${error.message} [parent]` }) }),
      ],
    })
    const child = parent.extend({
      use: [hooks({ beforeError: (error) => Object.assign(error, { message: `${error.message} [child]` }) })],
    })
    const error = await rejection(child.get('/orders'))
    expect((error as HttpError).message).toMatch(/\[parent\] \[child\]$/)
  })
})

/**
 * A fetch answering 200 with a streamed text body that stays open unless `close`, telling `onCancel` when the
 * body is cancelled unread.
 */
const streamingFetch = (text: string, onCancel: () => void, close = false) =>
  stubFetch(
    () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(text))
            if (close) controller.close()
          },
          cancel: onCancel,
        }),
        { headers: { 'content-type': 'text/plain' } },
      ),
  )

describe('afterResponse replacements (ky test/hooks.ts)', () => {
  // ky hooks.ts: 'afterResponse hook cancels both clone and original when it returns a new response'
  it('cancels the body of the response a hook replaced, which nobody reads any more', async () => {
    const cancel = vi.fn()
    const { fetch } = streamingFetch('original', cancel)
    const api = createClient({
      baseUrl: API,
      fetch,
      use: [hooks({ afterResponse: () => new Response('replacement') })],
    })
    await expect(api.get('/orders')).resolves.toBe('replacement')
    expect(cancel).toHaveBeenCalledOnce()
  })

  // ky hooks.ts: 'afterResponse hook chain can forward the same body through multiple hooks'
  it('keeps a body that hooks pass on to the responses they return', async () => {
    const cancel = vi.fn()
    const { fetch } = streamingFetch('chained', cancel, true)
    const wrap = (_: unknown, response: Response) =>
      new Response(response.body, { headers: response.headers })
    const api = createClient({ baseUrl: API, fetch, use: [hooks({ afterResponse: [wrap, wrap] })] })
    await expect(api.get('/orders')).resolves.toBe('chained')
    expect(cancel).not.toHaveBeenCalled()
  })
})

describe('timers, limits and extend (ky test/main.ts, test/retry.ts, test/hooks.ts)', () => {
  // ky main.ts: 'timeout option is cancelled when the promise is resolved', '… when a shortcut body read is resolved'
  it('leaves no timer behind once a call has settled, whichever way', async () => {
    route('get', '/orders', [ok()])
    route('get', '/missing', [status(404)])
    route('head', '/orders', [() => new HttpResponse(null)])
    const api = createClient({ baseUrl: API, timeout: 2000, totalTimeout: 5000 })

    await api.get('/orders')
    await rejection(api.get('/missing'))
    await (await api.get('/orders', { as: 'response' })).json()
    await api.head('/orders')
    expect(vi.getTimerCount()).toBe(0)
  })

  // ky retry.ts: 'invalid Retry-After header falls back to retry delay'
  it('sleeps retry.delay, not maxRetryAfter, when a 429’s Retry-After does not parse', async () => {
    const served = route('get', '/orders', [status(429, { 'Retry-After': 'not-a-valid-value' }), ok()])
    const delays: number[] = []
    const api = createClient({ baseUrl: API, retry: { limit: 1, delay: () => 50, maxRetryAfter: 10 } })
    const result = await settle(api.get('/orders', { onRetry: ({ delayMs }) => delays.push(delayMs) }), 10)

    expect(result.value).toEqual({ ok: true })
    expect(delays).toEqual([50])
    expect(served.times.map((time) => time - T0)).toEqual([0, 50])
  })

  // ky retry.ts: 'retry - extending a numeric `retry` with an object keeps the limit'
  it('keeps a numeric retry limit through extend with retry fields', async () => {
    const served = route('get', '/orders', [status(503)])
    const api = createClient({ baseUrl: API, retry: 3 }).extend({ retry: { baseDelay: 0 } })
    expect((await settle(api.get('/orders'))).error).toMatchObject({ attempts: 4 })
    expect(served.requests).toHaveLength(4)
  })

  // ky retry.ts: 'totalTimeout can be overridden via extend()', 'totalTimeout can be disabled via extend()'
  it('lets extend override or turn off the parent’s totalTimeout', async () => {
    const { fetch } = stubFetch(() => 'hang')
    const parent = createClient({ baseUrl: API, fetch, timeout: false, totalTimeout: 100 })
    const longer = await settle(parent.extend({ totalTimeout: 300 }).get('/slow'), 10)
    expect(longer.error).toMatchObject({ scope: 'total', timeoutMs: 300 })

    const controller = new AbortController()
    const unbounded = settle(
      parent.extend({ totalTimeout: false }).get('/slow', { signal: controller.signal }),
      1000,
      60,
    )
    setTimeout(() => controller.abort(), 59_000)
    expect((await unbounded).error).toMatchObject({ name: 'AbortError' })
  })

  // ky hooks.ts: 'beforeRequest hook on initial request cannot bypass totalTimeout budget'
  it('bounds a slow beforeRequest hook by totalTimeout and sends nothing after it', async () => {
    const { fetch, calls } = stubFetch(() => new Response('ok'))
    const slow = hooks({ beforeRequest: () => new Promise<undefined>((resolve) => setTimeout(resolve, 200)) })
    const api = createClient({ baseUrl: API, fetch, totalTimeout: 100, use: [slow] })
    const result = await settle(api.get('/orders'), 10)

    expect(result.error).toBeInstanceOf(TimeoutError)
    expect(result.error).toMatchObject({ scope: 'total', timeoutMs: 100 })
    await vi.advanceTimersByTimeAsync(200)
    expect(calls).toHaveLength(0)
  })

  // ky hooks.ts: 'beforeError receives TimeoutError when beforeRequest consumes remaining totalTimeout budget (gh-508)'
  it('hands beforeError the TimeoutError of a totalTimeout spent in a beforeRequest hook', async () => {
    const { fetch } = stubFetch(() => new Response('ok'))
    const seen: unknown[] = []
    const slow = hooks({
      beforeRequest: () => new Promise<undefined>((resolve) => setTimeout(resolve, 200)),
      beforeError: (error) => {
        seen.push(error)
      },
    })
    const result = await settle(
      createClient({ baseUrl: API, fetch, totalTimeout: 100, use: [slow] }).get('/x'),
      10,
    )
    expect(seen).toEqual([result.error])
    expect(result.error).toMatchObject({ kind: 'timeout', scope: 'total' })
  })

  // ky hooks.ts: 'beforeRetry hook is called even if the error has no response'
  it('calls beforeRetry for a network failure, with the NetworkError', async () => {
    const { fetch } = stubFetch((call) => (call === 1 ? new TypeError('fetch failed') : new Response('ok')))
    const errors: unknown[] = []
    const api = createClient({
      baseUrl: API,
      fetch,
      use: [hooks({ beforeRetry: ({ error }) => void errors.push(error) })],
    })
    expect((await settle(api.get('/x'))).value).toBe('ok')
    expect(errors).toHaveLength(1)
    expect(errors[0]).toBeInstanceOf(NetworkError)
  })
})
