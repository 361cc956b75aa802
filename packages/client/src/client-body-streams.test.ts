// Stream bodies over a real socket: what arrives at a 127.0.0.1 server, byte for byte, and how often.
import { Readable } from 'node:stream'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { bearer, createClient, isHttpError } from './index.js'
import { startServer, type TestServer } from './test-support/server.js'

let server: TestServer
beforeAll(async () => {
  server = await startServer((req, res, received) => {
    if (req.url === '/moved-307' || req.url === '/moved-308') {
      res.writeHead(Number(req.url.slice(-3)), { Location: '/upload' })
      return res.end()
    }
    const denied = req.url === '/protected' && req.headers.authorization !== 'Bearer fresh'
    const status = req.url === '/unavailable' ? 503 : denied ? 401 : 200
    res.writeHead(status, { 'Content-Type': 'application/json', 'Retry-After': '0' })
    res.end(JSON.stringify({ bytes: received.body.length }))
  })
})
beforeEach(() => {
  server.requests.length = 0
})
afterAll(() => server.close())

const api = () => createClient({ baseUrl: server.origin, retry: { limit: 3, baseDelay: 0 } })
const tick = () => new Promise((resolve) => setTimeout(resolve, 1))

describe('stream bodies reach the server as streams', () => {
  it('sends a Node Readable chunk by chunk, its bytes intact (not serialised as JSON)', async () => {
    async function* lines() {
      for (let i = 0; i < 5; i++) {
        yield Buffer.from(`{"line":${i},"text":"é"}\n`)
        await tick()
      }
    }
    const body = Readable.from(lines())

    await expect(
      api().post('/upload', { body, headers: { 'Content-Type': 'application/x-ndjson' } }),
    ).resolves.toEqual({ bytes: 5 * 23 })

    const [received] = server.requests
    expect(received?.body.toString('utf8')).toBe(
      [0, 1, 2, 3, 4].map((i) => `{"line":${i},"text":"é"}\n`).join(''),
    )
    expect(received?.headers['content-type']).toBe('application/x-ndjson')
    // Sent as it is read: no length known in advance.
    expect(received?.headers['transfer-encoding']).toBe('chunked')
  })

  it('sends a ReadableStream as it is', async () => {
    const bytes = new Uint8Array(256).map((_, i) => i)
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 100))
        controller.enqueue(bytes.subarray(100))
        controller.close()
      },
    })

    await expect(api().put('/upload', { body })).resolves.toEqual({ bytes: 256 })
    expect([...(server.requests[0]?.body ?? [])]).toEqual([...bytes])
  })

  it('sends a megabyte from a Node Readable without losing a byte', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'ab')
    const body = Readable.from(Array.from({ length: 16 }, () => chunk))

    await expect(api().put('/upload', { body })).resolves.toEqual({ bytes: 1024 * 1024 })
    expect(server.requests[0]?.body.equals(Buffer.concat(Array.from({ length: 16 }, () => chunk)))).toBe(true)
  })

  it.each([
    ['a PUT with a Node Readable', 'PUT', () => Readable.from(['part'])],
    [
      'a keyed POST with a ReadableStream',
      'POST',
      () =>
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('part'))
            controller.close()
          },
        }),
    ],
  ])('never retries %s: a stream cannot be sent twice', async (_, method, body) => {
    const error = await api()
      .request(method, '/unavailable', { body: body(), idempotencyKey: true })
      .catch((thrown: unknown) => thrown)

    expect(isHttpError(error) && { status: error.status, attempts: error.attempts }).toEqual({
      status: 503,
      attempts: 1,
    })
    expect(server.requests.map((request) => request.body.toString())).toEqual(['part'])
  })
})

const streams = [
  ['a Node Readable', () => Readable.from([Buffer.from('part')])],
  [
    'a ReadableStream',
    () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('part'))
          controller.close()
        },
      }),
  ],
] as const

describe('stream bodies and auth: a consumed stream is never re-sent', () => {
  it.each(streams)(
    'answers a 401 to %s with the HttpError, without refreshing and replaying',
    async (_, body) => {
      let refreshes = 0
      const auth = bearer({
        token: 'stale',
        refresh: async () => {
          refreshes++
          return 'fresh'
        },
      })
      const error = await createClient({ baseUrl: server.origin, auth })
        .post('/protected', { body: body() })
        .catch((thrown: unknown) => thrown)

      expect(isHttpError(error) && { status: error.status, attempts: error.attempts }).toEqual({
        status: 401,
        attempts: 1,
      })
      expect(refreshes).toBe(0)
      expect(server.requests.map((request) => request.body.toString())).toEqual(['part'])
    },
  )

  it.each(streams.flatMap(([name, body]) => [307, 308].map((status) => [name, status, body] as const)))(
    'does not follow a redirect with %s (%i): a typed error says why',
    async (_, status, body) => {
      const error = await createClient({ baseUrl: server.origin, auth: bearer({ token: 'fresh' }) })
        .put(`/moved-${status}`, { body: body() })
        .catch((thrown: unknown) => thrown)

      expect(isHttpError(error) && error.status).toBe(status)
      expect(error instanceof Error && error.message).toMatch(/a stream body cannot follow a redirect/)
      expect(server.requests.map((request) => `${request.url} ${request.body.toString()}`)).toEqual([
        `/moved-${status} part`,
      ])
    },
  )
})
