import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { serializeBody } from './body-send.js'

const send = (body: unknown, init?: HeadersInit, method = 'POST') => {
  const headers = new Headers(init)
  return { ...serializeBody(body, headers, method), headers }
}

describe('serializeBody', () => {
  it.each([
    ['a plain object', { sku: 'A1', qty: 2 }, '{"sku":"A1","qty":2}'],
    ['an array', [1, 'two', null], '[1,"two",null]'],
    ['a nested object', { items: [{ id: 1 }], meta: {} }, '{"items":[{"id":1}],"meta":{}}'],
    ['an object with toJSON', { toJSON: () => ({ wire: true }) }, '{"wire":true}'],
    ['a Date (has toJSON)', new Date('2024-05-06T07:08:09.000Z'), '"2024-05-06T07:08:09.000Z"'],
  ])('sends %s as JSON with Content-Type application/json', (_, body, json) => {
    const result = send(body)
    expect(result.body).toBe(json)
    expect(result.replayable).toBe(true)
    expect(result.warning).toBeUndefined()
    expect(result.headers.get('content-type')).toBe('application/json')
  })

  it('keeps a Content-Type the caller set on a JSON body', () => {
    const result = send({ op: 'replace' }, { 'Content-Type': 'application/merge-patch+json' }, 'PATCH')
    expect(result.body).toBe('{"op":"replace"}')
    expect(result.headers.get('content-type')).toBe('application/merge-patch+json')
  })

  it.each([undefined, null])('sends no body and no Content-Type for %s', (body) => {
    const result = send(body)
    expect(result).toMatchObject({ body: undefined, replayable: true })
    expect(result.headers.has('content-type')).toBe(false)
  })

  it.each(['GET', 'HEAD'])('throws a TypeError for a body on %s', (method) => {
    expect(() => send({ a: 1 }, undefined, method)).toThrow(TypeError)
    expect(() => send('x', undefined, method)).toThrow(
      `Ferry: a ${method} request cannot have a body; use \`query\`.`,
    )
  })

  it('allows GET without a body', () => {
    expect(send(undefined, undefined, 'GET').body).toBeUndefined()
  })

  it('sends FormData as is, without setting a Content-Type', () => {
    const form = new FormData()
    form.append('name', 'Ada')
    const result = send(form)
    expect(result.body).toBe(form)
    expect(result.replayable).toBe(true)
    expect(result.warning).toBeUndefined()
    expect(result.headers.has('content-type')).toBe(false)
  })

  it('removes a hand-set multipart/form-data without boundary from FormData and warns', async () => {
    const form = new FormData()
    form.append('file', new Blob(['%PDF'], { type: 'application/pdf' }), 'a.pdf')
    const result = send(form, { 'Content-Type': 'multipart/form-data', 'X-Keep': '1' })
    expect(result.body).toBe(form)
    expect(result.headers.has('content-type')).toBe(false)
    expect(result.headers.get('x-keep')).toBe('1')
    expect(result.warning).toMatch(/multipart\/form-data.*boundary/)

    const request = new Request('https://api.example.com/upload', {
      method: 'POST',
      body: result.body ?? null,
      headers: result.headers,
    })
    const type = request.headers.get('content-type') ?? ''
    expect(type).toMatch(/^multipart\/form-data; boundary=\S+/)
    const echoed = await request.formData()
    expect(echoed.get('file')).toBeInstanceOf(Blob)
  })

  it.each(['multipart/form-data; charset=utf-8', 'Multipart/Form-Data'])(
    'also removes a hand-set %j without boundary',
    (type) => {
      const result = send(new FormData(), { 'Content-Type': type })
      expect(result.headers.has('content-type')).toBe(false)
      expect(result.warning).toContain(type)
    },
  )

  it('keeps a hand-set multipart/form-data that has a boundary', () => {
    const form = new FormData()
    const type = 'multipart/form-data; boundary=----abc'
    const result = send(form, { 'Content-Type': type })
    expect(result.headers.get('content-type')).toBe(type)
    expect(result.warning).toBeUndefined()
  })

  it('sends URLSearchParams as is; the runtime makes it urlencoded', async () => {
    const params = new URLSearchParams({ q: 'a b&c' })
    const result = send(params)
    expect(result.body).toBe(params)
    expect(result.headers.has('content-type')).toBe(false)
    const request = new Request('https://x.test/', { method: 'POST', body: result.body ?? null })
    expect(request.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded/)
    expect(await request.text()).toBe('q=a+b%26c')
  })

  const bytes = new Uint8Array([1, 2, 3])
  it.each([
    ['a string', 'plain text'],
    ['a JSON string (not encoded twice)', '{"already":"json"}'],
    ['a Blob', new Blob(['%PDF-1.7'], { type: 'application/pdf' })],
    ['an octet-stream Blob', new Blob([bytes], { type: 'application/octet-stream' })],
    ['an ArrayBuffer', bytes.buffer],
    ['a Uint8Array', bytes],
    ['a DataView', new DataView(bytes.buffer)],
  ])('sends %s as is, replayable, without touching Content-Type', (_, body) => {
    const result = send(body)
    expect(result.body).toBe(body)
    expect(result.replayable).toBe(true)
    expect(result.headers.has('content-type')).toBe(false)
  })

  it('sends a ReadableStream’s bytes unchanged, marks it not replayable, and can end it', async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes)
        controller.close()
      },
    })
    const result = send(stream, { 'Content-Type': 'application/x-ndjson' })
    expect(result.replayable).toBe(false)
    expect(result.headers.get('content-type')).toBe('application/x-ndjson')
    expect([...new Uint8Array(await new Response(result.body).arrayBuffer())]).toEqual([...bytes])

    // Read through Ferry's own stream, so the call can end the caller's when it fails (fetch holds the lock).
    let cancelled: unknown
    const endless = new ReadableStream<Uint8Array>({
      cancel(why) {
        cancelled = why
      },
    })
    const reason = new Error('aborted')
    send(endless).end?.(reason)
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(cancelled).toBe(reason)
  })

  const encoder = new TextEncoder()
  const bytes0 = [0, 255, 10, 13]
  it.each<[string, () => unknown]>([
    ['a Node Readable of Buffers', () => Readable.from([Buffer.from('{"a":1}\n'), Buffer.from('é\n')])],
    ['a Node Readable of strings', () => Readable.from(['{"a":1}\n', 'é\n'])],
    [
      'an async generator of strings and bytes',
      async function* () {
        yield '{"a":1}\n'
        yield encoder.encode('é\n')
      },
    ],
    [
      'an async iterable object',
      () => ({
        async *[Symbol.asyncIterator]() {
          yield encoder.encode('{"a":1}\n')
          yield 'é\n'
        },
      }),
    ],
  ])('sends %s as a stream of its bytes, not replayable, without a Content-Type', async (_, make) => {
    const made = make()
    const body = typeof made === 'function' ? made() : made
    const result = send(body)
    expect(result.body).toBeInstanceOf(ReadableStream)
    expect(result.replayable).toBe(false)
    expect(result.headers.has('content-type')).toBe(false)
    expect(await new Response(result.body).text()).toBe('{"a":1}\né\n')
  })

  it('keeps the bytes of a binary Readable exactly', async () => {
    const result = send(Readable.from([Buffer.from(bytes0), Buffer.from([1])]))
    expect([...new Uint8Array(await new Response(result.body).arrayBuffer())]).toEqual([...bytes0, 1])
  })

  it('keeps a Content-Type the caller set on a stream', () => {
    const result = send(Readable.from(['x']), { 'Content-Type': 'application/x-ndjson' })
    expect(result.headers.get('content-type')).toBe('application/x-ndjson')
  })

  it('ends the source when the stream is cancelled (an abort, a timeout)', async () => {
    const source = new Readable({ read() {} })
    source.push('first')
    const result = send(source)
    if (!(result.body instanceof ReadableStream)) throw new Error('expected a ReadableStream')
    const reader = result.body.getReader()
    await reader.read()
    await reader.cancel(new Error('gone'))
    expect(source.destroyed).toBe(true)
  })

  it('errors the stream with a TypeError when a chunk is neither a string nor bytes', async () => {
    const result = send(Readable.from([{ not: 'bytes' }], { objectMode: true }))
    await expect(new Response(result.body).text()).rejects.toThrow(TypeError)
  })

  it('still sends an array (a sync iterable, not a stream) as JSON', () => {
    expect(send(['a', 'b']).body).toBe('["a","b"]')
  })
})
