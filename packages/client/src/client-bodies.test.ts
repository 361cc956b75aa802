import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import * as v from 'valibot'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import {
  ApiError,
  createClient,
  envelope,
  type FerryEvent,
  HttpError,
  isHttpError,
  isParseError,
  isValidationError,
  observe,
  ParseError,
  type StandardSchemaV1,
  ValidationError,
} from './index.js'

const API = 'https://api.ferry.test'
const server = setupServer()
const api = createClient({ baseUrl: API, retry: false })

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const JSON_TYPE = { 'Content-Type': 'application/json; charset=utf-8' }

/** Serves one response at `path` for any method and counts the hits. */
function serve(path: string, respond: (request: Request) => Response | Promise<Response>) {
  const hits = { count: 0 }
  server.use(
    http.all(`${API}${path}`, ({ request }) => {
      hits.count++
      return respond(request)
    }),
  )
  return hits
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${String(value)}`)
    },
    (error: unknown) => error,
  )

describe('reading bodies through the client', () => {
  it.each([204, 205])('resolves a %i with a JSON content type to undefined', async (status) => {
    serve('/empty', () => new HttpResponse(null, { status, headers: JSON_TYPE }))
    await expect(api.get('/empty')).resolves.toBeUndefined()
    await expect(api.get('/empty', { as: 'json' })).resolves.toBeUndefined()
  })

  it('resolves a 304 Not Modified (a conditional request) to undefined, not an HttpError', async () => {
    serve('/cached', () => new HttpResponse(null, { status: 304, headers: { ...JSON_TYPE, ETag: '"v1"' } }))
    await expect(api.get('/cached', { headers: { 'If-None-Match': '"v1"' } })).resolves.toBeUndefined()
  })

  it('resolves a HEAD to undefined even with a JSON content type and a length', async () => {
    serve('/orders', () => new HttpResponse(null, { headers: { ...JSON_TYPE, 'Content-Length': '120' } }))
    await expect(api.request('HEAD', '/orders')).resolves.toBeUndefined()
    const response = await api.head('/orders')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-length')).toBe('120')
  })

  it.each([
    ['an empty body', () => new HttpResponse('', { headers: JSON_TYPE })],
    ['whitespace', () => new HttpResponse(' \n', { headers: JSON_TYPE })],
    ['Content-Length: 0', () => new HttpResponse(null, { headers: { ...JSON_TYPE, 'Content-Length': '0' } })],
    ['no body and no content type', () => new HttpResponse(null, { status: 200 })],
  ])('resolves %s with a JSON content type to undefined', async (_, respond) => {
    serve('/empty', respond)
    await expect(api.get('/empty')).resolves.toBeUndefined()
    await expect(api.get('/empty', { as: 'json' })).resolves.toBeUndefined()
  })

  it('rejects invalid JSON with a ParseError keeping the raw text and content type, without retrying', async () => {
    const hits = serve('/broken', () => new HttpResponse('{"id": 1, "items": [', { headers: JSON_TYPE }))
    const error = await caught(createClient({ baseUrl: API }).get('/broken'))

    expect(error).toBeInstanceOf(ParseError)
    if (!isParseError(error)) return
    expect(error.text).toBe('{"id": 1, "items": [')
    expect(error.contentType).toBe('application/json; charset=utf-8')
    expect(error.message).toMatch(/GET https:\/\/api\.ferry\.test\/broken .*invalid JSON/)
    expect(error.cause).toBeInstanceOf(SyntaxError)
    expect(hits.count).toBe(1)
  })

  it('rejects a malformed multipart body with a ParseError, without retrying', async () => {
    const hits = serve(
      '/form',
      () =>
        new HttpResponse('--other\r\nnot a part', {
          headers: { 'Content-Type': 'multipart/form-data; boundary=expected' },
        }),
    )
    const error = await caught(createClient({ baseUrl: API }).get('/form'))

    expect(error).toBeInstanceOf(ParseError)
    if (!isParseError(error)) return
    expect(error.text).toBe('--other\r\nnot a part')
    expect(error.message).toMatch(/GET https:\/\/api\.ferry\.test\/form .*malformed form data/)
    expect(hits.count).toBe(1)
  })

  it('keeps only the first 1 KB of a large invalid body', async () => {
    serve('/huge', () => new HttpResponse(`{${'x'.repeat(100_000)}`, { headers: JSON_TYPE }))
    const error = await caught(api.get('/huge'))
    expect(isParseError(error) && error.text.length).toBe(1024)
  })

  it('rejects an HTML proxy page with a ParseError when JSON was asked for', async () => {
    const page = '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>'
    serve(
      '/orders',
      () => new HttpResponse(page, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
    )

    const error = await caught(api.get('/orders', { as: 'json' }))

    expect(error).toBeInstanceOf(ParseError)
    expect(isParseError(error) && error.text).toBe(page)
    expect(isParseError(error) && error.message).toMatch(/expected JSON, got an HTML page/)
    // Asked for nothing in particular, the page is just text.
    await expect(api.get('/orders')).resolves.toBe(page)
  })

  it('parses an application/problem+json 404 into HttpError.problem, without retrying', async () => {
    const problem = {
      type: 'https://api.ferry.test/problems/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'Order 42 does not exist',
      instance: '/orders/42',
      orderId: 42,
    }
    const hits = serve('/orders/42', () =>
      HttpResponse.json(problem, { status: 404, headers: { 'Content-Type': 'application/problem+json' } }),
    )

    const error = await caught(createClient({ baseUrl: API }).get('/orders/42'))

    expect(error).toBeInstanceOf(HttpError)
    if (!isHttpError(error)) return
    expect(error.status).toBe(404)
    expect(error.problem).toEqual(problem)
    expect(error.body).toEqual(problem)
    expect(error.message).toMatch(
      /GET https:\/\/api\.ferry\.test\/orders\/42 \(request [\w-]+\) failed with 404/,
    )
    expect(error.message).toContain('Order 42 does not exist')
    expect(error.retryable).toBe(false)
    expect(hits.count).toBe(1)
  })

  it('reads a plain JSON error body, and a text one, into HttpError.body with no problem', async () => {
    serve('/json-error', () => HttpResponse.json({ error: 'bad sku' }, { status: 422 }))
    serve('/text-error', () => new HttpResponse('upstream timed out', { status: 504 }))

    const json = await caught(api.post('/json-error', { body: {} }))
    const text = await caught(api.get('/text-error'))

    expect(json).toMatchObject({ status: 422, body: { error: 'bad sku' }, problem: undefined })
    expect(text).toMatchObject({ status: 504, body: 'upstream timed out', problem: undefined })
  })

  it('caps an error body at 64 KB', async () => {
    serve('/big-error', () => new HttpResponse('e'.repeat(200_000), { status: 500 }))
    const error = await caught(api.get('/big-error'))
    expect(isHttpError(error) && typeof error.body === 'string' && error.body.length).toBe(65_536)
  })

  it('caps a huge streamed error body, and stops reading it', async () => {
    // 8 MB in 16 KB chunks, produced on demand: a client that read it all would pull all 512 chunks.
    let pulls = 0
    const chunk = new Uint8Array(16_384).fill(0x61)
    serve(
      '/huge-error',
      () =>
        new HttpResponse(
          new ReadableStream<Uint8Array>({
            pull(controller) {
              controller.enqueue(chunk)
              if (++pulls === 512) controller.close()
            },
          }),
          { status: 503, headers: { 'Content-Type': 'text/plain' } },
        ),
    )

    const error = await caught(api.get('/huge-error'))

    expect(isHttpError(error) && error.status).toBe(503)
    expect(isHttpError(error) && typeof error.body === 'string' && error.body.length).toBe(65_536)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(pulls).toBeLessThan(16)
  })

  it('reads each body kind by Content-Type with as: auto, and as asked otherwise', async () => {
    serve('/json', () => HttpResponse.json({ a: 1 }))
    serve(
      '/vnd',
      () => new HttpResponse('{"data":[]}', { headers: { 'Content-Type': 'application/vnd.api+json' } }),
    )
    serve('/text', () => new HttpResponse('hello', { headers: { 'Content-Type': 'text/plain' } }))
    serve('/xml', () => new HttpResponse('<a/>', { headers: { 'Content-Type': 'application/xml' } }))
    serve(
      '/form',
      () => new HttpResponse('a=1&b=2', { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
    )
    serve(
      '/bytes',
      () =>
        new HttpResponse(new Uint8Array([1, 2, 3]), {
          headers: { 'Content-Type': 'application/octet-stream' },
        }),
    )

    expect(await api.get('/json')).toEqual({ a: 1 })
    expect(await api.get('/vnd')).toEqual({ data: [] })
    expect(await api.get('/text')).toBe('hello')
    expect(await api.get('/xml')).toBe('<a/>')
    const form = await api.get('/form')
    expect(form instanceof FormData && [...form.entries()]).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
    const blob = await api.get('/bytes')
    expect(blob instanceof Blob && [...new Uint8Array(await blob.arrayBuffer())]).toEqual([1, 2, 3])

    expect(await api.get('/json', { as: 'text' })).toBe('{"a":1}')
    const buffer = await api.get('/bytes', { as: 'arrayBuffer' })
    expect([...new Uint8Array(buffer)]).toEqual([1, 2, 3])
    expect(await api.get('/text', { as: 'blob' })).toBeInstanceOf(Blob)
    const response = await api.get('/json', { as: 'response' })
    expect(response.bodyUsed).toBe(false)
    expect(await response.json()).toEqual({ a: 1 })
  })

  it('checks the status before handing over the Response with as: response', async () => {
    serve('/gone', () => HttpResponse.json({ error: 'gone' }, { status: 410 }))
    await expect(api.get('/gone', { as: 'response' })).rejects.toMatchObject({
      status: 410,
      body: { error: 'gone' },
    })
  })
})

describe('sending bodies through the client', () => {
  /** Echoes what arrived: the content type and the raw bytes. */
  function echo() {
    const received: Array<{ method: string; type: string | null; bytes: Uint8Array; form?: FormData }> = []
    server.use(
      http.all(`${API}/echo`, async ({ request }) => {
        const type = request.headers.get('content-type')
        const bytes = new Uint8Array(await request.clone().arrayBuffer())
        const form = type?.startsWith('multipart/form-data') ? await request.formData() : undefined
        received.push({ method: request.method, type, bytes, ...(form ? { form } : {}) })
        return HttpResponse.json({ ok: true })
      }),
    )
    return received
  }
  const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes)

  it('sends a plain object or array as JSON', async () => {
    const received = echo()
    await api.post('/echo', {
      body: { sku: 'A-1', qty: 2, at: new Date('2026-01-02T03:04:05Z'), none: undefined },
    })
    await api.put('/echo', { body: [1, 'two', { three: 3 }] })

    expect(received[0]?.type).toBe('application/json')
    expect(JSON.parse(text(received[0]?.bytes))).toEqual({
      sku: 'A-1',
      qty: 2,
      at: '2026-01-02T03:04:05.000Z',
    })
    expect(received[1]?.type).toBe('application/json')
    expect(JSON.parse(text(received[1]?.bytes))).toEqual([1, 'two', { three: 3 }])
  })

  it("keeps the caller's own JSON content type", async () => {
    const received = echo()
    await api.patch('/echo', {
      body: { qty: 3 },
      headers: { 'Content-Type': 'application/merge-patch+json' },
    })
    expect(received[0]?.type).toBe('application/merge-patch+json')
    expect(text(received[0]?.bytes)).toBe('{"qty":3}')
  })

  it('sends FormData with a hand-set multipart header so that it arrives with a boundary and its fields', async () => {
    const received = echo()
    const events: FerryEvent[] = []
    const client = createClient({ baseUrl: API, events: observe((event) => events.push(event)) })
    const form = new FormData()
    form.append('name', 'Ann Δ')
    form.append('file', new Blob(['hello file'], { type: 'text/plain' }), 'a.txt')

    await client.post('/echo', { body: form, headers: { 'Content-Type': 'multipart/form-data' } })

    expect(received[0]?.type).toMatch(/^multipart\/form-data; ?boundary=\S+$/)
    const arrived = received[0]?.form
    expect(arrived?.get('name')).toBe('Ann Δ')
    const file = arrived?.get('file')
    expect(file instanceof Blob && (await file.text())).toBe('hello file')
    expect(file instanceof File && file.name).toBe('a.txt')
    const warning = events.find((event) => event.type === 'warning')
    expect(warning?.type === 'warning' && warning.message).toMatch(/boundary/)
  })

  it('sends URLSearchParams urlencoded', async () => {
    const received = echo()
    await api.post('/echo', { body: new URLSearchParams({ q: 'a&b=c', name: 'Zoë Smith' }) })
    expect(received[0]?.type).toMatch(/^application\/x-www-form-urlencoded/)
    expect(text(received[0]?.bytes)).toBe('q=a%26b%3Dc&name=Zo%C3%AB+Smith')
  })

  it('sends a Blob, an ArrayBuffer, a typed array and a string as they are', async () => {
    const received = echo()
    const bytes = new Uint8Array([0, 255, 1, 254, 10, 13])
    await api.put('/echo', { body: new Blob([bytes], { type: 'image/png' }) })
    await api.put('/echo', { body: bytes.buffer })
    await api.put('/echo', { body: bytes.subarray(1, 3) })
    await api.put('/echo', { body: 'plain text é' })

    expect(received.map((r) => r.type)).toEqual(['image/png', null, null, 'text/plain;charset=UTF-8'])
    expect([...(received[0]?.bytes ?? [])]).toEqual([...bytes])
    expect([...(received[1]?.bytes ?? [])]).toEqual([...bytes])
    expect([...(received[2]?.bytes ?? [])]).toEqual([255, 1])
    expect(text(received[3]?.bytes)).toBe('plain text é')
  })

  it('sends a ReadableStream body intact, and only once (a stream cannot be replayed)', async () => {
    const received: string[] = []
    let status = 503
    server.use(
      http.put(`${API}/upload`, async ({ request }) => {
        received.push(await request.text())
        return HttpResponse.json({ ok: true }, { status })
      }),
    )
    const chunks = ['{"part":1}\n', '{"part":2}\n', '{"part":"é3"}\n']
    const body = () => {
      const encoder = new TextEncoder()
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
          controller.close()
        },
      })
    }
    const client = createClient({ baseUrl: API, retry: { limit: 3, baseDelay: 0 } })

    await expect(client.put('/upload', { body: body() })).rejects.toMatchObject({ status: 503, attempts: 1 })
    status = 200
    await expect(client.put('/upload', { body: body() })).resolves.toEqual({ ok: true })

    expect(received).toEqual([chunks.join(''), chunks.join('')])
  })

  it('refuses a body on GET and HEAD before sending anything', async () => {
    const received = echo()
    await expect(api.get('/echo', { body: { a: 1 } })).rejects.toThrow(TypeError)
    await expect(api.request('HEAD', '/echo', { body: 'x' })).rejects.toThrow(TypeError)
    // The method is upper-cased before the body is looked at, so a lower-case one is refused the same way.
    await expect(api.request('get', '/echo', { body: 'x' })).rejects.toThrow(
      /a GET request cannot have a body/,
    )
    expect(received).toEqual([])
  })
})

describe('unwrap', () => {
  type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }
  const isEnvelope = (body: unknown): body is Envelope =>
    typeof body === 'object' && body !== null && 'ok' in body
  const read = (body: unknown) => {
    if (!isEnvelope(body)) throw new Error('not an envelope')
    if (body.ok) return body.data
    throw Object.assign(new Error(body.error.message), { code: body.error.code })
  }
  const unwrap = envelope(read)

  it('returns the data of a successful envelope', async () => {
    serve('/wrapped', () => HttpResponse.json({ ok: true, data: { id: 7 } }))
    await expect(createClient({ baseUrl: API, unwrap }).get('/wrapped')).resolves.toEqual({ id: 7 })
  })

  it('turns "200 but the body says error" into an ApiError with code, message and body, not retried', async () => {
    const failed = { ok: false, error: { code: 'OUT_OF_STOCK', message: 'SKU A-1 is out of stock' } }
    const hits = serve('/wrapped', () => HttpResponse.json(failed))

    const error = await caught(createClient({ baseUrl: API, unwrap }).get('/wrapped'))

    expect(error).toBeInstanceOf(ApiError)
    expect(error).toMatchObject({
      kind: 'api',
      code: 'OUT_OF_STOCK',
      detail: 'SKU A-1 is out of stock',
      body: failed,
      attempts: 1,
    })
    expect(error instanceof ApiError && error.message).toMatch(
      /GET https:\/\/api\.ferry\.test\/wrapped .*SKU A-1 is out of stock/,
    )
    expect(hits.count).toBe(1)
  })

  it('is given the Response, can be set per request, and is turned off with unwrap: false', async () => {
    serve('/wrapped', () => HttpResponse.json({ ok: true, data: 1 }, { headers: { 'X-Page': '3' } }))
    const seen = vi.fn((body: unknown, response: Response) => [body, response.headers.get('x-page')])
    const client = createClient({ baseUrl: API, unwrap })

    expect(await client.get('/wrapped', { unwrap: envelope(seen) })).toEqual([{ ok: true, data: 1 }, '3'])
    expect(await client.get('/wrapped', { unwrap: false })).toEqual({ ok: true, data: 1 })
  })

  it('is not applied to error responses', async () => {
    serve('/wrapped', () =>
      HttpResponse.json({ ok: false, error: { code: 'X', message: 'm' } }, { status: 400 }),
    )
    const spy = vi.fn(read)
    await expect(
      createClient({ baseUrl: API, unwrap: envelope(spy) }).get('/wrapped'),
    ).rejects.toBeInstanceOf(HttpError)
    expect(spy).not.toHaveBeenCalled()
  })
})

describe('schemas', () => {
  const order = {
    id: 'o-1',
    total: '12.50',
    items: [
      { sku: 'A', qty: 1 },
      { sku: 'B', qty: 'two' },
    ],
  }
  const paths = (error: unknown) =>
    isValidationError(error)
      ? error.issues.map((issue) => (issue.path ?? []).map((s) => (typeof s === 'object' ? s.key : s)))
      : undefined

  const zodOrder = z.object({
    id: z.string(),
    total: z.coerce.number(),
    items: z.array(z.object({ sku: z.string(), qty: z.number().int() })),
  })
  const valibotOrder = v.object({
    id: v.string(),
    total: v.pipe(v.string(), v.transform(Number)),
    items: v.array(v.object({ sku: v.string(), qty: v.pipe(v.number(), v.integer()) })),
  })
  const schemas: ReadonlyArray<readonly [string, StandardSchemaV1]> = [
    ['zod 4', zodOrder],
    ['valibot', valibotOrder],
  ]

  it.each(schemas)('returns the %s output (transforms applied)', async (_, schema) => {
    serve('/orders/o-1', () => HttpResponse.json({ ...order, items: [{ sku: 'A', qty: 1 }] }))
    await expect(api.get('/orders/o-1', { schema })).resolves.toEqual({
      id: 'o-1',
      total: 12.5,
      items: [{ sku: 'A', qty: 1 }],
    })
  })

  it.each(schemas)(
    'rejects a body that does not match a %s schema with a ValidationError and issue paths',
    async (_, schema) => {
      const hits = serve('/orders/o-1', () => HttpResponse.json({ ...order, id: 42 }))
      const client = createClient({ baseUrl: API })

      const error = await caught(client.get('/orders/o-1', { schema }))

      expect(error).toBeInstanceOf(ValidationError)
      expect(paths(error)).toEqual([['id'], ['items', 1, 'qty']])
      expect(isValidationError(error) && error.value).toEqual({ ...order, id: 42 })
      expect(isValidationError(error) && error.message).toMatch(
        /GET https:\/\/api\.ferry\.test\/orders\/o-1 .*items\.1\.qty/,
      )
      expect(hits.count).toBe(1)
    },
  )

  it('validates what unwrap returned', async () => {
    serve('/wrapped', () => HttpResponse.json({ ok: true, data: { n: 'x' } }))
    const client = createClient({
      baseUrl: API,
      unwrap: envelope((body) => (isObject(body) ? body.data : body)),
    })
    const error = await caught(client.get('/wrapped', { schema: z.object({ n: z.number() }) }))
    expect(paths(error)).toEqual([['n']])
  })
})

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null
