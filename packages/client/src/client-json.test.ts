// parseJson / stringifyJson: bodies, error bodies, problem documents and stream() lines, big integers and dates.
import { HttpResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'
import { isHttpError, isParseError } from './errors.js'
import { stream } from './stream.js'
import { API, rejection, route, useServer } from './test-support/msw.js'

useServer()

// Big integers stay exact (an id beyond 2^53), ISO dates become Dates: what an app's JSON.parse reviver does.
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/
const parseJson = (text: string): unknown =>
  JSON.parse(text.replace(/:\s*(\d{16,})/g, ': "$1n"'), (_key, value: unknown) =>
    typeof value === 'string' && /^\d{16,}n$/.test(value)
      ? BigInt(value.slice(0, -1))
      : typeof value === 'string' && ISO.test(value)
        ? new Date(value)
        : value,
  )
const stringifyJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))

const ORDER = '{"id": 9007199254740993, "at": "2026-01-15T12:00:00.000Z"}'

describe('parseJson', () => {
  it('parses bodies, auto and as: json, keeping big integers exact and reviving dates', async () => {
    route(
      'get',
      '/orders/1',
      () => new HttpResponse(ORDER, { headers: { 'content-type': 'application/json' } }),
    )
    const api = createClient({ baseUrl: API, parseJson })
    const expected = { id: 9007199254740993n, at: new Date('2026-01-15T12:00:00.000Z') }
    expect(await api.get('/orders/1')).toEqual(expected)
    expect(await api.get('/orders/1', { as: 'json' })).toEqual(expected)
  })

  it('parses error bodies and problem documents', async () => {
    route(
      'get',
      '/orders/2',
      () =>
        new HttpResponse('{"title": "Conflict", "detail": "stale", "version": 12345678901234567890}', {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        }),
    )
    const error = await rejection(createClient({ baseUrl: API, parseJson }).get('/orders/2'))
    expect(isHttpError(error) && error.body).toEqual({
      title: 'Conflict',
      detail: 'stale',
      version: 12345678901234567890n,
    })
    expect(isHttpError(error) && error.problem?.version).toBe(12345678901234567890n)
  })

  it('a request’s parseJson wins over the client’s', async () => {
    route('get', '/n', () => HttpResponse.json({ n: 1 }))
    const api = createClient({ baseUrl: API, parseJson: () => 'client' })
    expect(await api.get('/n', { parseJson: () => 'request' })).toBe('request')
  })

  it('what it throws becomes a ParseError with the text, the Content-Type and the cause', async () => {
    route('get', '/n', () => HttpResponse.json({ n: 1 }))
    const refusal = new RangeError('number too large')
    const error = await rejection(
      createClient({ baseUrl: API }).get('/n', {
        parseJson: () => {
          throw refusal
        },
      }),
    )
    expect(isParseError(error)).toBe(true)
    expect(error).toMatchObject({
      kind: 'parse',
      text: '{"n":1}',
      contentType: 'application/json',
      cause: refusal,
    })
  })

  it('parses each NDJSON line of stream(), and a line it refuses is a ParseError with its number', async () => {
    const lines = `${ORDER}\n{"id": 1, "at": "2026-01-16T00:00:00.000Z"}\n`
    route(
      'get',
      '/export',
      () => new HttpResponse(lines, { headers: { 'content-type': 'application/x-ndjson' } }),
    )
    const api = createClient({ baseUrl: API, parseJson })
    const rows: unknown[] = []
    for await (const row of stream(api, '/export')) rows.push(row)
    expect(rows).toEqual([
      { id: 9007199254740993n, at: new Date('2026-01-15T12:00:00.000Z') },
      { id: 1, at: new Date('2026-01-16T00:00:00.000Z') },
    ])
    const strict = (text: string): unknown => {
      if (text.includes('"id": 1,')) throw new Error('id 1 is reserved')
      return JSON.parse(text)
    }
    const error = await rejection(
      (async () => {
        for await (const _ of stream(api, '/export', { parseJson: strict })) {
          // drain
        }
      })(),
    )
    expect(error).toMatchObject({ kind: 'parse', line: 2 })
  })
})

describe('stringifyJson', () => {
  it('serialises plain object bodies (big integers as strings), with Content-Type application/json', async () => {
    const recorded = route('post', '/orders', async (request) => HttpResponse.text(await request.text()))
    const api = createClient({ baseUrl: API, stringifyJson })
    const sent = await api.post('/orders', { body: { id: 9007199254740993n, qty: 2 } })
    expect(sent).toBe('{"id":"9007199254740993","qty":2}')
    expect(recorded.header('content-type')).toEqual(['application/json'])
  })

  it('a request’s wins over the client’s, and it is not used for strings or FormData', async () => {
    const recorded = route('post', '/echo', async (request) => HttpResponse.text(await request.text()))
    const api = createClient({ baseUrl: API, stringifyJson: () => 'client' })
    expect(await api.post('/echo', { body: [1], stringifyJson: () => 'request' })).toBe('request')
    expect(await api.post('/echo', { body: 'as is' })).toBe('as is')
    expect(recorded.requests).toHaveLength(2)
  })
})
