import { describe, expect, it } from 'vitest'
import { readBody, readErrorBody } from './body-read.js'
import { isParseError, ParseError } from './errors.js'

const request = { method: 'GET', url: 'https://api.example.com/orders', requestId: 'req-1' }

/** A Response with exactly the given Content-Type (or none: `new Response(string)` would add text/plain). */
function respond(body: BodyInit | null, contentType: string | null, init: ResponseInit = {}): Response {
  const response = new Response(body, init)
  if (contentType === null) response.headers.delete('content-type')
  else response.headers.set('content-type', contentType)
  return response
}

/** A body stream of `chunks` chunks of `chunkSize` bytes of 'a', counting the chunks pulled. */
function countingStream(chunks: number, chunkSize: number) {
  const counter = { pulled: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (counter.pulled === chunks) return controller.close()
      counter.pulled++
      controller.enqueue(new Uint8Array(chunkSize).fill(97))
    },
    cancel() {
      counter.cancelled = true
    },
  })
  return { stream, counter }
}

/** A body that delivers `text` and then fails like a reset connection. */
function failingStream(text: string, error: Error): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text))
      controller.error(error)
    },
  })
}

async function catchError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('readBody with as: auto', () => {
  it.each([
    ['application/json', '{"id":1}', { id: 1 }],
    ['application/json; charset=utf-8', '[1,2]', [1, 2]],
    ['APPLICATION/JSON', '"x"', 'x'],
    ['application/vnd.api+json', '{"data":[]}', { data: [] }],
    ['application/problem+json', '{"title":"Nope"}', { title: 'Nope' }],
  ])('parses %s as JSON', async (type, body, expected) => {
    expect(await readBody(respond(body, type), 'auto', 'GET', request)).toEqual(expected)
  })

  it.each([
    ['text/plain; charset=utf-8', 'hello'],
    ['text/csv', 'a,b\n1,2'],
    ['text/html', '<!doctype html><p>hi</p>'],
    ['application/xml', '<order id="1"/>'],
    ['text/xml', '<order/>'],
    ['application/atom+xml', '<feed/>'],
    ['text/plain', '{"looks":"like json"}'],
  ])('reads %s as text', async (type, body) => {
    expect(await readBody(respond(body, type), 'auto', 'GET', request)).toBe(body)
  })

  it('reads text when the Content-Type is missing', async () => {
    const response = respond('plain', null)
    expect(response.headers.has('content-type')).toBe(false)
    expect(await readBody(response, 'auto', 'GET', request)).toBe('plain')
  })

  it('gives undefined for an empty body without a Content-Type', async () => {
    expect(await readBody(respond('', null), 'auto', 'GET', request)).toBeUndefined()
  })

  it('keeps an empty text/plain body as an empty string', async () => {
    expect(await readBody(respond('', 'text/plain'), 'auto', 'GET', request)).toBe('')
  })

  it('reads multipart/form-data as FormData', async () => {
    const form = new FormData()
    form.append('name', 'Ada')
    form.append('file', new Blob(['%PDF'], { type: 'application/pdf' }), 'a.pdf')
    const source = new Response(form)
    const data = await readBody(source, 'auto', 'GET', request)
    expect(source.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/)
    expect(data).toBeInstanceOf(FormData)
    if (!(data instanceof FormData)) return
    expect(data.get('name')).toBe('Ada')
    const file = data.get('file')
    expect(file).toBeInstanceOf(Blob)
    if (file instanceof Blob) expect(await file.text()).toBe('%PDF')
  })

  it('reads application/x-www-form-urlencoded as FormData', async () => {
    const response = respond('a=1&b=x+y&a=2', 'application/x-www-form-urlencoded')
    const data = await readBody(response, 'auto', 'GET', request)
    expect(data).toBeInstanceOf(FormData)
    if (!(data instanceof FormData)) return
    expect(data.getAll('a')).toEqual(['1', '2'])
    expect(data.get('b')).toBe('x y')
  })

  it.each(['application/pdf', 'application/octet-stream', 'image/png'])(
    'reads %s as a Blob',
    async (type) => {
      const bytes = new Uint8Array([37, 80, 68, 70, 0, 255])
      const data = await readBody(respond(bytes, type), 'auto', 'GET', request)
      expect(data).toBeInstanceOf(Blob)
      if (!(data instanceof Blob)) return
      expect(data.type).toBe(type)
      expect(new Uint8Array(await data.arrayBuffer())).toEqual(bytes)
    },
  )
})

describe('readBody with an explicit as', () => {
  it('reads an arrayBuffer whatever the Content-Type', async () => {
    const data = await readBody(respond('{"a":1}', 'application/json'), 'arrayBuffer', 'GET', request)
    expect(data).toBeInstanceOf(ArrayBuffer)
    if (data instanceof ArrayBuffer) expect(new TextDecoder().decode(data)).toBe('{"a":1}')
  })

  it('reads text from a JSON response without parsing it', async () => {
    expect(await readBody(respond('{bad', 'application/json'), 'text', 'GET', request)).toBe('{bad')
  })

  it('reads a Blob from a JSON response', async () => {
    const data = await readBody(respond('{"a":1}', 'application/json'), 'blob', 'GET', request)
    expect(data).toBeInstanceOf(Blob)
  })

  it.each([
    ['a multipart body without its boundary', 'multipart/form-data; boundary=abc', 'no parts here'],
    ['a text body', 'text/plain', 'hello'],
  ])('throws a ParseError with the raw text for %s read as FormData', async (_, type, body) => {
    const error = await readBody(respond(body, type), 'formData', 'GET', request).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ParseError)
    if (!(error instanceof ParseError)) return
    expect(error.text).toBe(body)
    expect(error.contentType).toBe(type)
    expect(error.message).toContain('malformed form data')
  })

  it('propagates a reset while reading form data unchanged (a network error, not a parse error)', async () => {
    const reset = new TypeError('terminated')
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('--abc\r\n'))
        controller.error(reset)
      },
    })
    const error = await readBody(
      respond(body, 'multipart/form-data; boundary=abc'),
      'auto',
      'GET',
      request,
    ).catch((e: unknown) => e)
    expect(error).toBe(reset)
  })

  it('reads formData when asked', async () => {
    const data = await readBody(
      respond('q=1', 'application/x-www-form-urlencoded'),
      'formData',
      'GET',
      request,
    )
    expect(data).toBeInstanceOf(FormData)
  })

  it.each(['text/plain', null, 'application/octet-stream'])(
    'parses JSON when asked, whatever the type (%s)',
    async (type) => {
      expect(await readBody(respond('{"ok":true}', type), 'json', 'GET', request)).toEqual({ ok: true })
    },
  )

  it('throws a ParseError saying an HTML page arrived when JSON was asked for', async () => {
    const html = '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>'
    const error = await catchError(
      readBody(respond(html, 'text/html; charset=utf-8'), 'json', 'GET', request),
    )
    expect(error).toBeInstanceOf(ParseError)
    if (!isParseError(error)) return
    expect(error.message).toContain('expected JSON, got an HTML page')
    expect(error.message).toContain('GET')
    expect(error.text).toBe(html)
    expect(error.contentType).toBe('text/html; charset=utf-8')
    expect(error.request).toBe(request)
  })

  it('refuses text/html even when it happens to parse as JSON, when JSON was asked for', async () => {
    const error = await catchError(readBody(respond('{"a":1}', 'text/html'), 'json', 'GET', request))
    expect(isParseError(error) && error.message).toContain('HTML page')
  })
})

describe('readBody without a body', () => {
  it.each([204, 205, 304])('gives undefined for status %i', async (status) => {
    expect(
      await readBody(respond(null, 'application/json', { status }), 'auto', 'GET', request),
    ).toBeUndefined()
  })

  it.each([204, 205, 304])('does not read a body that arrived with status %i', async (status) => {
    // `new Response` refuses a body for these statuses; a misbehaving server or mock may still send one.
    for (const as of ['auto', 'json', 'text', 'blob'] as const) {
      const response = respond('not json', 'application/json')
      Object.defineProperty(response, 'status', { value: status })
      expect(await readBody(response, as, 'GET', request)).toBeUndefined()
      expect(response.bodyUsed).toBe(false)
    }
  })

  it('gives undefined for HEAD without reading the body', async () => {
    const response = respond('{"a":1}', 'application/json')
    expect(await readBody(response, 'json', 'HEAD', request)).toBeUndefined()
    expect(response.bodyUsed).toBe(false)
  })

  it('gives undefined for Content-Length: 0 without reading the body', async () => {
    const response = respond('not json', 'application/json', { headers: { 'content-length': '0' } })
    expect(await readBody(response, 'auto', 'GET', request)).toBeUndefined()
    expect(response.bodyUsed).toBe(false)
  })

  it.each([
    ['auto', ''],
    ['json', ''],
    ['auto', '  \n'],
  ] as const)('gives undefined for an empty JSON body (as %s, body %j)', async (as, body) => {
    expect(await readBody(respond(body, 'application/json'), as, 'GET', request)).toBeUndefined()
  })

  it('gives undefined for a 200 with a JSON type and a null body', async () => {
    expect(await readBody(respond(null, 'application/json'), 'auto', 'POST', request)).toBeUndefined()
  })
})

describe('readBody with invalid JSON', () => {
  it('throws a ParseError with the raw text and the Content-Type', async () => {
    const error = await catchError(readBody(respond('{"id": 1,', 'application/json'), 'auto', 'GET', request))
    expect(error).toBeInstanceOf(ParseError)
    if (!isParseError(error)) return
    expect(error.kind).toBe('parse')
    expect(error.message).toContain('invalid JSON')
    expect(error.message).toContain('application/json')
    expect(error.text).toBe('{"id": 1,')
    expect(error.contentType).toBe('application/json')
    expect(error.cause).toBeInstanceOf(SyntaxError)
  })

  it('keeps only the first 1 KB of a long invalid body', async () => {
    const body = `{${'x'.repeat(5000)}`
    const error = await catchError(readBody(respond(body, 'application/json'), 'json', 'GET', request))
    if (!isParseError(error)) throw error
    expect(error.text).toBe(body.slice(0, 1024))
  })
})

describe('readBody stream failures', () => {
  it('propagates a reset while reading unchanged', async () => {
    const reset = new TypeError('terminated')
    const response = respond(failingStream('{"partial":', reset), 'application/json')
    expect(await catchError(readBody(response, 'auto', 'GET', request))).toBe(reset)
  })

  it('propagates an abort while reading unchanged', async () => {
    const abort = new DOMException('The operation was aborted.', 'AbortError')
    const response = respond(failingStream('chunk', abort), 'text/plain')
    expect(await catchError(readBody(response, 'text', 'GET', request))).toBe(abort)
  })
})

describe('readErrorBody', () => {
  it('parses a JSON error body', async () => {
    const response = respond('{"error":"out of stock"}', 'application/json', { status: 409 })
    expect(await readErrorBody(response, 'POST')).toEqual({
      body: { error: 'out of stock' },
      problem: undefined,
    })
  })

  it('parses application/problem+json into problem', async () => {
    const problem = {
      type: 'https://example.com/not-found',
      title: 'Not Found',
      status: 404,
      detail: 'No order 42',
    }
    const response = respond(JSON.stringify(problem), 'application/problem+json; charset=utf-8', {
      status: 404,
    })
    expect(await readErrorBody(response, 'GET')).toEqual({ body: problem, problem })
  })

  it('does not treat a problem+json array or string as a problem', async () => {
    for (const body of ['[1]', '"oops"', 'null']) {
      const response = respond(body, 'application/problem+json', { status: 400 })
      const result = await readErrorBody(response, 'GET')
      expect(result.body).toEqual(JSON.parse(body))
      expect(result.problem).toBeUndefined()
    }
  })

  it('does not treat application/json as a problem', async () => {
    const response = respond('{"title":"x"}', 'application/json', { status: 400 })
    expect((await readErrorBody(response, 'GET')).problem).toBeUndefined()
  })

  it.each([
    ['text/html', '<html><h1>502 Bad Gateway</h1></html>'],
    ['text/plain', 'Service Unavailable'],
    [null, 'no type'],
    ['application/json', '{"truncated":'],
    ['application/problem+json', '<html>proxy</html>'],
  ])('gives the text for %s bodies that are not JSON (never throws)', async (type, text) => {
    const response = respond(text, type, { status: 502 })
    expect(await readErrorBody(response, 'GET')).toEqual({ body: text, problem: undefined })
  })

  it.each([
    ['an empty body', respond('', 'application/json', { status: 500 })],
    ['a null body', respond(null, 'application/json', { status: 500 })],
    ['a 304', respond(null, 'application/json', { status: 304 })],
  ])('gives undefined for %s', async (_, response) => {
    expect(await readErrorBody(response, 'GET')).toEqual({ body: undefined, problem: undefined })
  })

  it('does not read the body of a HEAD response', async () => {
    const response = respond('{"a":1}', 'application/json', { status: 404 })
    expect(await readErrorBody(response, 'HEAD')).toEqual({ body: undefined, problem: undefined })
    expect(response.bodyUsed).toBe(false)
  })

  it('stops reading a 10 MB body at 64 KB, cancels the rest, and gives the truncated text', async () => {
    const { stream, counter } = countingStream(640, 16_384) // 640 × 16 KB = 10 MB
    const response = respond(stream, 'text/plain', { status: 500 })
    const { body } = await readErrorBody(response, 'GET')
    expect(body).toBe('a'.repeat(65_536))
    expect(counter.pulled).toBeLessThanOrEqual(5) // 4 chunks make 64 KB; a stream may pull one ahead
    expect(counter.cancelled).toBe(true)
  })

  it('cuts a chunk that crosses the 64 KB limit', async () => {
    const { stream, counter } = countingStream(100, 50_000)
    const { body } = await readErrorBody(respond(stream, 'text/plain', { status: 500 }), 'GET')
    expect(typeof body === 'string' && body.length).toBe(65_536)
    expect(counter.pulled).toBeLessThanOrEqual(4)
  })

  it('gives the truncated text of a JSON body larger than 64 KB', async () => {
    const json = JSON.stringify({ items: 'x'.repeat(100_000) })
    const response = respond(json, 'application/json', { status: 500 })
    expect(await readErrorBody(response, 'GET')).toEqual({ body: json.slice(0, 65_536), problem: undefined })
  })

  it('reads a body of exactly 64 KB whole', async () => {
    const json = JSON.stringify({ pad: 'y'.repeat(65_536 - 10) })
    expect(json.length).toBe(65_536)
    const response = respond(json, 'application/json', { status: 500 })
    expect((await readErrorBody(response, 'GET')).body).toEqual(JSON.parse(json))
  })

  it('decodes multi-byte UTF-8 split across chunks', async () => {
    const bytes = new TextEncoder().encode('{"detail":"Zürich – 東京"}')
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]))
        controller.close()
      },
    })
    const response = respond(stream, 'application/problem+json', { status: 422 })
    expect((await readErrorBody(response, 'POST')).problem).toEqual({ detail: 'Zürich – 東京' })
  })

  it('propagates a reset while reading unchanged', async () => {
    const reset = new TypeError('terminated')
    const response = respond(failingStream('{"partial":', reset), 'application/json', { status: 500 })
    expect(await catchError(readErrorBody(response, 'GET'))).toBe(reset)
  })
})
