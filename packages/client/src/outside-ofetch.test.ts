// Cases from outside this repository: unjs/ofetch's test/index.test.ts, and the fetch-standard behaviours its
// users hit (odd Content-Types, BOMs, bodies, transport faults). Each case names where it comes from; only what
// Ferry promises (README, DESIGN.md) and no other Ferry test already checks is kept.
import { Readable } from 'node:stream'
import { HttpResponse, http as mock } from 'msw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  createClient,
  HttpError,
  isHttpError,
  isNetworkError,
  isParseError,
  isTimeoutError,
  NetworkError,
  ParseError,
} from './index.js'
import { API, server as msw, route } from './test-support/msw.js'
import { useServers, within } from './test-support/server.js'

/** Settles within 3 s (else the test fails rather than hangs) and returns the rejection reason. */
const failure = (promise: Promise<unknown>, ms = 3000) =>
  within(
    promise.then(
      (value) => {
        throw new Error(`expected a failure, got ${JSON.stringify(value)}`)
      },
      (error: unknown) => error,
    ),
    ms,
    'the request failing',
  )

// msw only around the HTTP-behaviour cases: the transport cases below talk to real sockets, unintercepted.
describe('HTTP behaviour (msw/node)', () => {
  beforeAll(() => msw.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => msw.resetHandlers())
  afterAll(() => msw.close())

  const api = createClient({ baseUrl: API, retry: false })

  // ofetch "stringifies posts body automatically": headers as pairs, a Headers object or a record, with a JSON body.
  it('sends headers given in any HeadersInit form next to a JSON body, which asks for JSON back', async () => {
    const served = route('post', '/post', () => HttpResponse.json({ ok: true }))
    const forms: ReadonlyArray<HeadersInit> = [
      [['X-header', '1']],
      { 'x-header': '1' },
      new Headers({ 'x-header': '1' }),
    ]

    for (const headers of forms) await api.post('/post', { body: { num: 42 }, headers })

    expect(served.header('x-header')).toEqual(['1', '1', '1'])
    expect(served.header('content-type')).toEqual(Array(3).fill('application/json'))
    for (const accept of served.header('accept')) expect(accept).toMatch(/^application\/json/)
    expect(await Promise.all(served.requests.map((request) => request.json()))).toEqual(
      Array(3).fill({ num: 42 }),
    )
  })

  // ofetch "Handle Buffer body": a Node Buffer is a view into a shared 8 KB pool; only its own bytes go.
  it('sends a Node Buffer as its own bytes, not the pool around it nor JSON', async () => {
    const served = route('post', '/echo', () => HttpResponse.json({ ok: true }))
    const message = Buffer.from('Hallo von Pascal')
    expect(message.byteOffset + message.byteLength).toBeLessThan(message.buffer.byteLength)

    await api.post('/echo', { body: message, headers: { 'Content-Type': 'text/plain' } })

    expect(await served.requests[0]?.text()).toBe('Hallo von Pascal')
    expect(served.header('content-type')).toEqual(['text/plain'])
  })

  // ofetch "Bypass FormData body" and "Bypass URLSearchParams body", through a client whose default headers say
  // JSON (as axios users write): these bodies carry their own type, FormData's with the boundary fetch makes.
  it('sends FormData as multipart and URLSearchParams urlencoded even when the client defaults to a JSON type', async () => {
    const received: Array<{ type: string | null; form: FormData }> = []
    msw.use(
      mock.post(`${API}/post`, async ({ request }) => {
        const type = request.headers.get('content-type')
        received.push({ type, form: await request.formData() })
        return HttpResponse.json({ ok: true })
      }),
    )
    const json = createClient({ baseUrl: API, retry: false, headers: { 'Content-Type': 'application/json' } })
    const data = new FormData()
    data.append('foo', 'bar')
    data.append('file', new Blob(['hello'], { type: 'text/plain' }), 'a.txt')

    await json.post('/post', { body: data })
    await json.post('/post', { body: new URLSearchParams({ foo: 'bar' }) })
    await api.post('/post', { body: data, headers: { 'Content-Type': 'application/json' } })

    expect(received.map((r) => r.type)).toEqual([
      expect.stringMatching(/^multipart\/form-data; ?boundary=\S+$/),
      expect.stringMatching(/^application\/x-www-form-urlencoded/),
      expect.stringMatching(/^multipart\/form-data; ?boundary=\S+$/),
    ])
    expect(received.map((r) => r.form.get('foo'))).toEqual(['bar', 'bar', 'bar'])
    const file = received[0]?.form.get('file')
    expect(file instanceof File && [file.name, await file.text()]).toEqual(['a.txt', 'hello'])
  })

  // ofetch "passing request obj should return request obj in error": a lower-case method. fetch upper-cases only
  // GET, POST, PUT, DELETE, HEAD and OPTIONS, so 'patch' would reach the server as "patch" (a 405 on most).
  it('sends a lower-case method upper-cased on the wire, and names it so in the error', async () => {
    const methods: string[] = []
    msw.use(
      mock.all(`${API}/403`, ({ request }) => {
        methods.push(request.method)
        return new HttpResponse(null, { status: 403, statusText: 'Forbidden' })
      }),
    )

    const error = await failure(api.request('patch', '/403', { body: { a: 1 } }))

    expect(methods).toEqual(['PATCH'])
    expect(isHttpError(error) && error.request.method).toBe('PATCH')
    expect(isHttpError(error) && error.message).toMatch(
      /^PATCH https:\/\/api\.test\/403 \(request .+\) failed with 403 Forbidden/,
    )
  })

  // ofetch "retry with number delay", for a POST: the Idempotency-Key sent as a header (as Stripe's docs show).
  it('retries a POST whose Idempotency-Key the caller set as a header, with that key on every attempt', async () => {
    const served = route('post', '/orders', [
      () => new HttpResponse(null, { status: 503 }),
      () => HttpResponse.json({ id: 7 }, { status: 201 }),
    ])
    const retrying = createClient({ baseUrl: API, retry: { limit: 2, baseDelay: 0 } })

    await expect(
      retrying.post('/orders', { body: { sku: 'A' }, headers: { 'Idempotency-Key': 'order-cart-42' } }),
    ).resolves.toEqual({ id: 7 })
    expect(served.header('idempotency-key')).toEqual(['order-cart-42', 'order-cart-42'])

    // A client-wide header counts too; without any key, a POST is still sent once.
    const keyed = createClient({
      baseUrl: API,
      retry: { limit: 2, baseDelay: 0 },
      headers: { 'Idempotency-Key': 'k' },
    })
    const again = route('post', '/again', [() => new HttpResponse(null, { status: 503 })])
    expect(await failure(keyed.post('/again', { body: {} }))).toMatchObject({ status: 503, attempts: 3 })
    const once = route('post', '/once', [() => new HttpResponse(null, { status: 503 })])
    expect(await failure(retrying.post('/once', { body: {} }))).toMatchObject({ status: 503, attempts: 1 })
    expect([again.requests.length, once.requests.length]).toEqual([3, 1])
  })

  // Fetch standard, UTF-8 decode: a body may start with a byte order mark, which text() strips (JSON.parse would not).
  it('parses JSON that starts with a UTF-8 BOM: auto, as json, an error body and a problem document', async () => {
    const bom = (status: number, type: string) => () =>
      new HttpResponse(`\uFEFF{"title":"Nope","detail":"Order 7 is gone","id":7}`, {
        status,
        headers: { 'Content-Type': type },
      })
    route('get', '/ok', [bom(200, 'application/json; charset=utf-8')])
    route('get', '/bad', [bom(400, 'application/json')])
    route('get', '/gone', [bom(404, 'application/problem+json')])

    await expect(api.get('/ok')).resolves.toEqual({ title: 'Nope', detail: 'Order 7 is gone', id: 7 })
    await expect(api.get('/ok', { as: 'json' })).resolves.toMatchObject({ id: 7 })
    const bad = await failure(api.get('/bad'))
    expect(isHttpError(bad) && bad.body).toEqual({ title: 'Nope', detail: 'Order 7 is gone', id: 7 })
    const gone = await failure(api.get('/gone'))
    expect(isHttpError(gone) && gone.problem?.detail).toBe('Order 7 is gone')
    expect(isHttpError(gone) && gone.message).toMatch(/failed with 404 Not Found: Order 7 is gone$/)
  })

  // Fetch standard, MIME types: parameters (quoted, spaced), any case, and +json suffixes; RFC 9457 problems too.
  it('reads a JSON body whatever the case and parameters of its type, and an upper-case problem type', async () => {
    const types = [
      'application/json; charset="utf-8"',
      'application/json ;charset=UTF-8',
      'Application/Vnd.Api+JSON; Charset=UTF-8; ext="https://jsonapi.org/ext/atomic"',
      'text/json',
    ]
    route(
      'get',
      '/typed',
      (request) =>
        new HttpResponse('{"id":1}', {
          headers: { 'Content-Type': types[Number(new URL(request.url).searchParams.get('i'))] ?? '' },
        }),
    )
    route('get', '/problem', [
      () =>
        new HttpResponse('{"title":"Out of stock","status":409}', {
          status: 409,
          headers: { 'Content-Type': 'APPLICATION/PROBLEM+JSON; charset=utf-8' },
        }),
    ])

    for (const [i] of types.entries())
      await expect(api.get('/typed', { query: { i } })).resolves.toEqual({ id: 1 })
    const error = await failure(api.get('/problem'))
    expect(isHttpError(error) && error.problem).toEqual({ title: 'Out of stock', status: 409 })
  })

  // ofetch "404" (the error's message names method, URL and status) with RFC 9457 documents as servers send them:
  // a stack trace as the detail, or a detail that is an object. The message is one line for a log.
  it('keeps an HttpError message short whatever the problem document’s detail holds', async () => {
    const trace = `NullPointerException at ${'com.example.Orders.load(Orders.java:42) '.repeat(1000)}`
    route('get', '/trace', [
      () =>
        HttpResponse.json(
          { title: 'Internal error', detail: trace },
          { status: 500, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    ])
    route('get', '/object', [
      () =>
        HttpResponse.json(
          { title: 'Invalid order', detail: { field: 'qty', reason: 'negative' } },
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
    ])

    const long = await failure(api.get('/trace'))
    expect(isHttpError(long) && long.message).toMatch(
      /failed with 500 Internal Server Error: NullPointerException at com/,
    )
    expect(isHttpError(long) && long.message.length).toBeLessThan(400)
    // The whole document stays on the error.
    expect(isHttpError(long) && long.problem?.detail).toBe(trace)

    const object = await failure(api.get('/object'))
    expect(isHttpError(object) && object.message).toMatch(
      /failed with 422 Unprocessable Entity: Invalid order$/,
    )
  })

  // Fetch standard, MIME types: the proxy's HTML page at 200, with its type written in capitals and a charset.
  it('refuses an upper-case TEXT/HTML page when JSON was asked for, with a ParseError not retried', async () => {
    const page = '<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>'
    const served = route(
      'get',
      '/orders',
      () => new HttpResponse(page, { headers: { 'Content-Type': 'TEXT/HTML; Charset=UTF-8' } }),
    )

    const error = await failure(
      createClient({ baseUrl: API, retry: { limit: 2 } }).get('/orders', { as: 'json' }),
    )

    expect(error).toBeInstanceOf(ParseError)
    expect(isParseError(error) && [error.text, error.contentType]).toEqual([page, 'TEXT/HTML; Charset=UTF-8'])
    expect(isParseError(error) && error.message).toMatch(/expected JSON, got an HTML page/)
    expect(served.requests).toHaveLength(1)
  })
})

describe('transport faults (a real server on 127.0.0.1)', () => {
  const { http, raw } = useServers()

  // Transport: the server closes the connection without answering (a crashed worker, an idle keep-alive reaped).
  it('retries a GET whose connection closed before any response; sends a keyless POST once', async () => {
    const server = await raw((socket, _head, index) => {
      if (index === 0) return socket.end()
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 8\r\n\r\n{"id":1}')
    })
    const api = createClient({ baseUrl: server.origin, retry: { limit: 2, baseDelay: 0 } })

    await expect(within(api.get('/orders/1'), 3000, 'the GET')).resolves.toEqual({ id: 1 })
    expect(server.requests).toHaveLength(2)

    const closing = await raw((socket) => socket.end())
    const post = createClient({ baseUrl: closing.origin, retry: { limit: 2, baseDelay: 0 } })
    const error = await failure(post.post('/orders', { body: { sku: 'A' } }))
    expect(error).toBeInstanceOf(NetworkError)
    expect(isNetworkError(error) && error.attempts).toBe(1)
    expect(closing.requests).toHaveLength(1)
  })

  // Transport: a body cut off mid-way, read as a Blob (auto, binary type) or as FormData.
  it('rejects a truncated binary or form body with a NetworkError, not a Blob or a ParseError', async () => {
    const server = await raw((socket, head) => {
      const type = head.includes('/form') ? 'application/x-www-form-urlencoded' : 'image/png'
      socket.end(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: 50\r\n\r\na=1&b=`)
    })
    const api = createClient({ baseUrl: server.origin, retry: false })

    expect(await failure(api.get('/image'))).toBeInstanceOf(NetworkError)
    expect(await failure(api.get('/form'))).toBeInstanceOf(NetworkError)
    expect(await failure(api.get('/form', { as: 'formData' }))).toBeInstanceOf(NetworkError)
  })

  // ofetch "abort with retry", while reading: the caller's abort mid-body, on a real socket.
  it('rejects with the caller’s reason when aborted mid-body, and closes the connection', async () => {
    let closed: Promise<void> | undefined
    const server = await http((req, res) => {
      closed = new Promise((resolve) => req.socket.on('close', () => resolve()))
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"rows":[1,')
    })
    const controller = new AbortController()
    const reason = new Error('left the page')
    const api = createClient({ baseUrl: server.origin, retry: { limit: 2, baseDelay: 0 } })

    const call = failure(api.get('/rows', { signal: controller.signal }))
    await within(
      (async () => {
        while (!closed) await new Promise((resolve) => setTimeout(resolve, 5))
      })(),
      2000,
      'the request arriving',
    )
    controller.abort(reason)

    expect(await call).toBe(reason)
    await within(closed ?? Promise.reject(new Error('no request')), 2000, 'the server seeing the close')
    expect(server.requests).toHaveLength(1)
  })

  // Transport: a server that never answers, with no timer at all; only the caller's abort can end the call.
  it('ends a call with no timeout on a silent server when the caller aborts, with a non-Error reason as is', async () => {
    let closed: Promise<void> | undefined
    const server = await http((req) => {
      closed = new Promise((resolve) => req.socket.on('close', () => resolve()))
    })
    const controller = new AbortController()
    const api = createClient({ baseUrl: server.origin, timeout: false })

    const call = failure(api.get('/never', { signal: controller.signal }))
    setTimeout(() => controller.abort('navigated away'), 100)

    expect(await call).toBe('navigated away')
    await within(closed ?? Promise.reject(new Error('no request')), 2000, 'the server seeing the close')
  })

  // Transport: an error status whose body never comes (a 503 page that stalls): the attempt's timeout still holds.
  it('times out an error response whose body stalls, and retries the GET', async () => {
    const server = await http((_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/html' })
      res.write('<html><body>')
    })
    const api = createClient({ baseUrl: server.origin, timeout: 200, retry: { limit: 1, baseDelay: 0 } })

    const error = await failure(api.get('/busy'))

    expect(isTimeoutError(error) && [error.scope, error.attempts]).toEqual(['attempt', 2])
    expect(server.requests).toHaveLength(2)
  })

  // Transport: a huge error body (a 50 MB debug dump) over a real socket: read up to the cap, the rest refused.
  it('rejects at once with a huge error body, having stopped the download near the 64 KB cap', async () => {
    let written = 0
    const server = await http((_req, res) => {
      res.writeHead(500, { 'Content-Type': 'text/plain' })
      const chunk = Buffer.alloc(65_536, 'x')
      const pump = () => {
        while (written < 50_000_000 && !res.destroyed) {
          written += chunk.length
          if (!res.write(chunk)) return void res.once('drain', pump)
        }
        res.end()
      }
      pump()
    })
    const started = Date.now()

    const error = await failure(createClient({ baseUrl: server.origin, retry: false }).get('/dump'))

    expect(error).toBeInstanceOf(HttpError)
    expect(isHttpError(error) && typeof error.body === 'string' && error.body.length).toBe(65_536)
    expect(Date.now() - started).toBeLessThan(1000)
    // Socket buffers hold a few MB at most: the server never got to write the 50 MB.
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(written).toBeLessThan(20_000_000)
  })

  // Fetch standard, abort while sending: undici (Node 20) keeps pulling a request body after an abort or a
  // timeout, so an aborted upload of a file, or of a live source, would go on being read to its end.
  it('stops reading a streamed upload when the caller aborts, with the caller’s reason', async () => {
    const server = await http((_req, res) => res.end('ok'))
    const controller = new AbortController()
    let pulls = 0
    let cancelled: unknown
    let stopped = false
    const body = new ReadableStream<Uint8Array>({
      pull: (stream) =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            // A source stops its pending work when cancelled (enqueueing then throws, in a timer: uncaught).
            if (!stopped) {
              pulls++
              stream.enqueue(new Uint8Array(1024))
            }
            resolve()
          }, 10),
        ),
      cancel: (why) => {
        stopped = true
        cancelled = why
      },
    })
    const reason = new Error('cancelled upload')

    const call = failure(
      createClient({ baseUrl: server.origin }).put('/upload', { body, signal: controller.signal }),
    )
    setTimeout(() => controller.abort(reason), 100)

    expect(await call).toBe(reason)
    const after = pulls
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(pulls).toBeLessThanOrEqual(after + 1)
    expect(cancelled).toBe(reason)
    expect(server.requests).toHaveLength(0)
  })

  // The same for a Node Readable (a file being uploaded) when the attempt times out.
  it('destroys a Node Readable upload source when the attempt times out', async () => {
    const server = await http((_req, res) => res.end('ok'))
    let reads = 0
    const body = new Readable({
      read() {
        setTimeout(() => {
          reads++
          this.push(Buffer.alloc(1024))
        }, 10)
      },
    })

    const error = await failure(
      createClient({ baseUrl: server.origin, timeout: 100 }).put('/upload', { body }),
    )

    expect(isTimeoutError(error) && error.attempts).toBe(1)
    const after = reads
    await new Promise((resolve) => setTimeout(resolve, 100))
    // A read already under way may still land; none starts after the source is destroyed.
    expect(reads).toBeLessThanOrEqual(after + 2)
    expect(body.destroyed).toBe(true)
  })
})
