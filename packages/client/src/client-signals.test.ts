import { setMaxListeners } from 'node:events'
import { delay, HttpResponse, http } from 'msw'
import { describe, expect, it, vi } from 'vitest'
import { createClient } from './client.js'
import { byMeta, paginate } from './paginate.js'
import { stream } from './stream.js'
import {
  API,
  countListeners,
  ok,
  rejection,
  route,
  type StubAnswer,
  server,
  settle,
  stalledBody,
  status,
  stubFetch,
  useFakeClock,
  useServer,
} from './test-support/msw.js'
import { envelope } from './unwrap.js'

useServer()
useFakeClock()

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), {
    ...init,
    headers: { 'content-type': 'application/json', ...init.headers },
  })

/** A body that sends one chunk, then nothing until the request's signal aborts (then errors, as undici does). */
function stalled(signal: AbortSignal | null | undefined): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"rows":['))
      signal?.addEventListener('abort', () => controller.error(signal.reason), { once: true })
    },
  })
  return new Response(body, { headers: { 'content-type': 'application/json' } })
}

/** How the stub answers logical request `kind` on its `attempt`-th try. */
function answer(kind: number, attempt: number, init: RequestInit): StubAnswer {
  switch (kind) {
    case 0:
      return json({ ok: true })
    case 1:
      return attempt === 1 ? json({}, { status: 503 }) : json({ ok: true }) // retried, then succeeds
    case 2:
      return json({ title: 'Not found' }, { status: 404 }) // fails, not retried
    case 3:
      return new TypeError('fetch failed') // network error on every attempt: retried, then fails
    case 4:
      return 'hang' // every attempt times out: retried, then a TimeoutError
    case 5:
      return stalled(init.signal) // the body stalls: the attempt times out mid-download
    case 6:
      return new Response('{not json', { headers: { 'content-type': 'application/json' } }) // ParseError
    case 7:
      return attempt === 1 ? json({}, { status: 429, headers: { 'Retry-After': '1' } }) : json({ ok: true })
    case 8:
      return new Response(null, { status: 200 }) // HEAD
    default:
      return json({}, { status: 500 }) // POST without a key: sent once
  }
}
const KINDS = 10

describe('a long-lived caller signal shared by many requests', () => {
  it('keeps no listener after 10,000 requests that succeeded, failed, were retried and timed out (stub fetch)', {
    timeout: 60_000,
  }, async () => {
    const TOTAL = 10_000
    const BATCH = 1_000
    vi.spyOn(Math, 'random').mockReturnValue(0)
    const controller = new AbortController()
    setMaxListeners(BATCH + 1, controller.signal) // a thousand calls in flight at once listen to it, legitimately
    const listeners = countListeners(controller.signal)
    const attempts = new Map<string, number>()
    const stub = stubFetch((_, url, init) => {
      const attempt = (attempts.get(url) ?? 0) + 1
      attempts.set(url, attempt)
      return answer(Number(new URL(url).searchParams.get('kind')), attempt, init)
    })
    const client = createClient({ baseUrl: API, fetch: stub.fetch, timeout: 1000 })
    const signal = controller.signal
    const outcomes = new Map<string, number>()
    let peak = 0

    for (let start = 0; start < TOTAL; start += BATCH) {
      const batch: Array<Promise<unknown>> = []
      for (let i = start; i < start + BATCH; i++) {
        const kind = i % KINDS
        const query = { kind, i }
        const call =
          kind === 8
            ? client.head('/items', { query, signal })
            : kind === 9
              ? client.post('/items', { query, signal, body: { i } })
              : // every 3rd request also has a total deadline, so the call-level timer is exercised too
                client.get('/items', { query, signal, ...(i % 3 === 0 ? { totalTimeout: 5000 } : {}) })
        batch.push(
          call.then(
            () => 'ok',
            (error: unknown) => (error instanceof Error ? error.name : 'other'),
          ),
        )
      }
      peak = Math.max(peak, listeners.active())
      const settled = await settle(Promise.all(batch), 100)
      for (const name of settled.value ?? [])
        if (typeof name === 'string') outcomes.set(name, (outcomes.get(name) ?? 0) + 1)
    }

    expect(stub.calls.length).toBeGreaterThan(TOTAL)
    expect(Object.fromEntries(outcomes)).toEqual({
      ok: 4000, // kinds 0, 1, 7, 8
      HttpError: 2000, // kinds 2, 9
      NetworkError: 1000,
      TimeoutError: 2000, // kinds 4, 5
      ParseError: 1000,
    })
    // The client did listen (at least once per call), and removed every one.
    expect(peak).toBe(BATCH)
    expect(listeners.added()).toBeGreaterThanOrEqual(TOTAL)
    expect(listeners.active()).toBe(0)
    expect(listeners.node()).toBe(0)
    expect(controller.signal.aborted).toBe(false)
  })

  it('keeps no listener after 1,000 requests through msw', { timeout: 30_000 }, async () => {
    // Math.random is left alone here: msw derives its request ids from it.
    const controller = new AbortController()
    setMaxListeners(251, controller.signal)
    const listeners = countListeners(controller.signal)
    const seen = new Map<string, number>()
    server.use(
      http.get(`${API}/items`, ({ request }) => {
        const url = new URL(request.url)
        const attempt = (seen.get(url.href) ?? 0) + 1
        seen.set(url.href, attempt)
        switch (Number(url.searchParams.get('i')) % 5) {
          case 0:
            return HttpResponse.json({ ok: true })
          case 1:
            return attempt === 1 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: true })
          case 2:
            return HttpResponse.json({}, { status: 404 })
          case 3:
            return HttpResponse.error()
          default:
            // Never answers, so every attempt times out. (A stalled body is left to the stub run above: with
            // hundreds of requests in flight, msw stops passing a late abort on to the handler's body.)
            return delay('infinite').then(() => HttpResponse.json({}))
        }
      }),
    )
    const client = createClient({ baseUrl: API, timeout: 1000 })
    const signal = controller.signal
    const outcomes: Record<string, number> = {}
    for (let start = 0; start < 1000; start += 250) {
      const batch = Array.from({ length: 250 }, (_, n) =>
        client.get('/items', { query: { i: start + n }, signal }).then(
          () => 'ok',
          (error: unknown) => (error instanceof Error ? error.name : 'other'),
        ),
      )
      expect(listeners.active()).toBe(250)
      const settled = await settle(Promise.all(batch), 100)
      for (const name of settled.value ?? []) outcomes[name] = (outcomes[name] ?? 0) + 1
    }
    expect(outcomes).toEqual({ ok: 400, HttpError: 200, NetworkError: 200, TimeoutError: 200 })
    expect(listeners.added()).toBeGreaterThanOrEqual(1000)
    expect(listeners.active()).toBe(0)
    expect(listeners.node()).toBe(0)
  })
})

describe('each way a request ends leaves no listener on the caller’s signal', () => {
  function watched() {
    const controller = new AbortController()
    return { signal: controller.signal, listeners: countListeners(controller.signal) }
  }

  it.each([
    ['a success', () => route('get', '/r', [ok()]), {}],
    ['an HTTP error', () => route('get', '/r', [status(404)]), {}],
    ['a retried request', () => route('get', '/r', [status(503), ok()]), {}],
    ['retries that run out', () => route('get', '/r', [status(503)]), {}],
    ['a network error', () => route('get', '/r', () => HttpResponse.error()), {}],
    [
      'an attempt timeout',
      () => route('get', '/r', (request) => stalledBody(request, '{')),
      { timeout: 500 },
    ],
    [
      'a total timeout',
      () => route('get', '/r', (request) => stalledBody(request, '{')),
      { totalTimeout: 500 },
    ],
    [
      'a parse error',
      () =>
        route('get', '/r', () => new HttpResponse('{', { headers: { 'content-type': 'application/json' } })),
      {},
    ],
    [
      'a Retry-After beyond maxRetryAfter',
      () => route('get', '/r', [status(503, { 'Retry-After': '600' })]),
      {},
    ],
  ] as const)('%s', async (_, serve, options) => {
    serve()
    const { signal, listeners } = watched()
    await settle(createClient({ baseUrl: API }).get('/r', { signal, ...options }), 100)
    expect(listeners.added()).toBeGreaterThan(0)
    expect(listeners.active()).toBe(0)
    expect(listeners.node()).toBe(0)
  })

  it('a validation error', async () => {
    route('get', '/r', [ok({ id: 'not a number' })])
    const { signal, listeners } = watched()
    const schema = {
      '~standard': {
        version: 1 as const,
        vendor: 'test',
        validate: (value: unknown) => ({ issues: [{ message: `bad: ${JSON.stringify(value)}` }] }),
      },
    }
    await rejection(createClient({ baseUrl: API }).get('/r', { signal, schema }))
    expect(listeners.active()).toBe(0)
  })

  it('an unwrap that throws', async () => {
    route('get', '/r', [ok({ error: 'nope' })])
    const { signal, listeners } = watched()
    const unwrap = () => {
      throw new Error('nope')
    }
    await rejection(createClient({ baseUrl: API, unwrap: envelope(unwrap) }).get('/r', { signal }))
    expect(listeners.active()).toBe(0)
  })

  it('an onRetry that throws', async () => {
    route('get', '/r', [status(503), ok({ fine: true })])
    const { signal, listeners } = watched()
    const onRetry = () => {
      throw new Error('progress UI bug')
    }
    await settle(createClient({ baseUrl: API }).get('/r', { signal, onRetry }))
    expect(listeners.active()).toBe(0)
    expect(listeners.node()).toBe(0)
  })

  it('a HEAD request', async () => {
    route('head', '/r', () => new HttpResponse(null, { status: 200 }))
    const { signal, listeners } = watched()
    await createClient({ baseUrl: API }).head('/r', { signal })
    expect(listeners.added()).toBe(1)
    expect(listeners.active()).toBe(0)
  })

  it('an `as: "response"` call, whose body is then the caller’s', async () => {
    route('get', '/r', [ok({ a: 1 })])
    const { signal, listeners } = watched()
    const response = await createClient({ baseUrl: API }).get('/r', { as: 'response', signal })
    expect(listeners.added()).toBe(1)
    expect(listeners.active()).toBe(0)
    expect(await response.json()).toEqual({ a: 1 })
  })

  it('a stream read to the end, and one left early', async () => {
    route(
      'get',
      '/export',
      () => new HttpResponse('{"a":1}\n{"a":2}\n', { headers: { 'content-type': 'application/x-ndjson' } }),
    )
    const { signal, listeners } = watched()
    const client = createClient({ baseUrl: API })
    const all: unknown[] = []
    for await (const row of stream(client, '/export', { signal })) all.push(row)
    for await (const row of stream(client, '/export', { signal })) {
      all.push(row)
      break
    }
    expect(all).toEqual([{ a: 1 }, { a: 2 }, { a: 1 }])
    expect(listeners.added()).toBe(2)
    expect(listeners.active()).toBe(0)
  })

  it('pagination through several pages', async () => {
    route('get', '/orders', (request) => {
      const page = Number(new URL(request.url).searchParams.get('page') ?? 1)
      return HttpResponse.json({ data: [page], meta: { page, hasNextPage: page < 3 } })
    })
    const { signal, listeners } = watched()
    const pages: unknown[] = []
    for await (const page of paginate(createClient({ baseUrl: API }), '/orders', { next: byMeta(), signal }))
      pages.push(page)
    expect(pages).toHaveLength(3)
    expect(listeners.added()).toBe(3)
    expect(listeners.active()).toBe(0)
  })

  it('a caller abort (the signal is done with; its listeners are gone too)', async () => {
    route('get', '/r', (request) => stalledBody(request, '{'))
    const controller = new AbortController()
    const listeners = countListeners(controller.signal)
    const pending = rejection(createClient({ baseUrl: API }).get('/r', { signal: controller.signal }))
    await vi.advanceTimersByTimeAsync(10)
    controller.abort()
    expect(await pending).toBe(controller.signal.reason)
    expect(listeners.node()).toBe(0)
  })
})
