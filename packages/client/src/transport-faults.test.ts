import { describe, expect, it } from 'vitest'
import {
  createClient,
  type FerryEvent,
  isNetworkError,
  isTimeoutError,
  NetworkError,
  observe,
  TimeoutError,
} from './index.js'
import { type Handler, useServers, within } from './test-support/server.js'

// Real sockets on 127.0.0.1: resets, hangs and truncated bodies as a real network produces them.
// Real timers (short ones) because the time being measured is the kernel's and the server's.
const { http, raw } = useServers()

/** Settles within `ms` (else the test fails rather than hangs) and returns the rejection reason. */
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

const retryFast = { limit: 2, baseDelay: 0 }

describe('connection reset mid-body', () => {
  /** Attempt 1: headers and half a JSON body, then a reset. Later attempts: the whole body. */
  const resetOnce: Handler = (_req, res, _received, index) => {
    if (index === 0) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '64' })
      res.write('{"id":1,"name":"half')
      setTimeout(() => res.socket?.destroy(), 20)
      return
    }
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end('{"id":1,"name":"whole"}')
  }

  it('retries a GET, which succeeds on the second attempt with the same request id', async () => {
    const server = await http(resetOnce)
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: server.origin,
      retry: retryFast,
      events: observe((event) => events.push(event)),
    })

    await expect(within(api.get('/orders/1'), 3000, 'the GET')).resolves.toEqual({ id: 1, name: 'whole' })

    expect(server.requests).toHaveLength(2)
    const ids = server.requests.map((r) => r.headers['x-request-id'])
    expect(ids[0]).toBeTruthy()
    expect(ids[1]).toBe(ids[0])
    // The first attempt had its 200 headers: the failure happened while reading the body.
    expect(events.filter((e) => e.type === 'response').map((e) => e.type === 'response' && e.status)).toEqual(
      [200, 200],
    )
    expect(events.find((e) => e.type === 'retry')).toMatchObject({ attempt: 2, reason: 'network' })
  })

  it('sends a POST without an Idempotency-Key exactly once and rejects with a NetworkError', async () => {
    const server = await http(resetOnce)
    const api = createClient({ baseUrl: server.origin, retry: retryFast })

    const error = await failure(api.post('/orders', { body: { sku: 'A-1' } }))

    expect(error).toBeInstanceOf(NetworkError)
    expect(isNetworkError(error) && [error.attempts, error.retryable]).toEqual([1, true])
    expect(isNetworkError(error) && error.message).toMatch(
      /POST http:\/\/127\.0\.0\.1:\d+\/orders .*failed before a complete response/,
    )
    expect(server.requests).toHaveLength(1)
  })

  it('retries a POST with an Idempotency-Key, sending the same key on every attempt', async () => {
    const server = await http(resetOnce)
    const api = createClient({ baseUrl: server.origin, retry: retryFast })

    await expect(api.post('/orders', { body: { sku: 'A-1' }, idempotencyKey: true })).resolves.toEqual({
      id: 1,
      name: 'whole',
    })

    const keys = server.requests.map((r) => r.headers['idempotency-key'])
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[1]).toBe(keys[0])
    expect(server.requests.map((r) => r.body.toString())).toEqual(['{"sku":"A-1"}', '{"sku":"A-1"}'])
  })

  it('gives up after the retry limit with a NetworkError counting every attempt', async () => {
    const server = await http((req) => req.socket.destroy())
    const api = createClient({ baseUrl: server.origin, retry: retryFast })

    const error = await failure(api.get('/orders'))

    expect(isNetworkError(error) && error.attempts).toBe(3)
    expect(server.requests).toHaveLength(3)
  })

  it('reports a refused connection as a NetworkError', async () => {
    const server = await http((_req, res) => res.end())
    const origin = server.origin
    await server.close()

    const error = await failure(createClient({ baseUrl: origin, retry: false }).get('/x'))

    expect(error).toBeInstanceOf(NetworkError)
  })
})

describe('a server that never answers', () => {
  it('times out each attempt after `timeout` with a TimeoutError, retried per policy', async () => {
    const server = await http(() => undefined)
    const api = createClient({ baseUrl: server.origin, timeout: 200, retry: { limit: 1, baseDelay: 0 } })
    const started = Date.now()

    const error = await failure(api.get('/slow'))
    const elapsed = Date.now() - started

    expect(error).toBeInstanceOf(TimeoutError)
    expect(isTimeoutError(error) && [error.scope, error.timeoutMs, error.attempts]).toEqual([
      'attempt',
      200,
      2,
    ])
    expect(isTimeoutError(error) && error.message).toMatch(/timed out after 200 ms \(timeout\)/)
    expect(server.requests).toHaveLength(2)
    expect(elapsed).toBeGreaterThanOrEqual(390)
    expect(elapsed).toBeLessThan(1500)
  })

  it('does not retry a timed-out POST without an Idempotency-Key', async () => {
    const server = await http(() => undefined)
    const api = createClient({ baseUrl: server.origin, timeout: 200, retry: retryFast })

    const error = await failure(api.post('/orders', { body: {} }))

    expect(isTimeoutError(error) && error.attempts).toBe(1)
    expect(server.requests).toHaveLength(1)
  })

  it('closes the abandoned connection', async () => {
    let serverSawClose: Promise<void> | undefined
    const server = await http((req) => {
      serverSawClose = new Promise((resolve) => req.socket.on('close', () => resolve()))
    })
    await failure(createClient({ baseUrl: server.origin, timeout: 100, retry: false }).get('/slow'))
    await within(
      serverSawClose ?? Promise.reject(new Error('no request')),
      2000,
      'the server seeing the close',
    )
  })

  it('stops at totalTimeout, across retries, with scope total', async () => {
    const server = await http(() => undefined)
    const api = createClient({
      baseUrl: server.origin,
      timeout: 150,
      totalTimeout: 250,
      retry: { limit: 5, baseDelay: 0 },
    })
    const started = Date.now()

    const error = await failure(api.get('/slow'))

    expect(isTimeoutError(error) && [error.scope, error.timeoutMs]).toEqual(['total', 250])
    expect(Date.now() - started).toBeLessThan(1000)
    expect(server.requests).toHaveLength(2)
  })

  it('times out while the body is still streaming from a slow server', async () => {
    const server = await http((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"rows":[')
      const timer = setInterval(() => res.write('1,'), 20)
      res.on('close', () => clearInterval(timer))
    })
    const api = createClient({ baseUrl: server.origin, timeout: 200, retry: false })
    const started = Date.now()

    const error = await failure(api.get('/slow-body'))

    expect(error).toBeInstanceOf(TimeoutError)
    expect(isTimeoutError(error) && error.scope).toBe('attempt')
    expect(Date.now() - started).toBeLessThan(1000)
  })
})

describe('truncated bodies', () => {
  it('rejects a chunked body cut mid-chunk with a NetworkError, not a ParseError or a hang', async () => {
    const server = await raw((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' +
          '20\r\n{"id":1,"na', // announces 32 bytes, sends 11
      )
      setTimeout(() => socket.destroy(), 20)
    })

    const error = await failure(createClient({ baseUrl: server.origin, retry: false }).get('/orders/1'))

    expect(error).toBeInstanceOf(NetworkError)
    expect(server.requests).toHaveLength(1)
  })

  it('rejects a chunked body that ends without its last chunk (clean close) with a NetworkError', async () => {
    const server = await raw((socket) => {
      socket.end(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n' +
          'b\r\n{"id":1,"na\r\n',
      )
    })

    const error = await failure(createClient({ baseUrl: server.origin, retry: false }).get('/orders/1'))

    expect(error).toBeInstanceOf(NetworkError)
  })

  it('retries a truncated GET per policy, then reports a NetworkError', async () => {
    const server = await raw((socket) => {
      socket.write(
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n{"id"',
      )
      setTimeout(() => socket.destroy(), 10)
    })

    const error = await failure(createClient({ baseUrl: server.origin, retry: retryFast }).get('/orders/1'))

    expect(isNetworkError(error) && error.attempts).toBe(3)
    expect(server.requests).toHaveLength(3)
  })

  it('rejects a Content-Length larger than the bytes sent before the close with a NetworkError', async () => {
    const server = await raw((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id":1}')
    })

    const error = await failure(createClient({ baseUrl: server.origin, retry: false }).get('/orders/1'))

    expect(error).toBeInstanceOf(NetworkError)
  })

  it('rejects a truncated text body with a NetworkError too, whatever `as` asks for', async () => {
    const server = await raw((socket) => {
      socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 50\r\n\r\npartial')
    })
    const api = createClient({ baseUrl: server.origin, retry: false })

    expect(await failure(api.get('/a', { as: 'text' }))).toBeInstanceOf(NetworkError)
    expect(await failure(api.get('/b', { as: 'arrayBuffer' }))).toBeInstanceOf(NetworkError)
  })

  it('rejects a truncated error body with a NetworkError rather than a partial HttpError', async () => {
    const server = await raw((socket) => {
      socket.end(
        'HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\nContent-Length: 80\r\n\r\n{"err',
      )
    })

    const error = await failure(createClient({ baseUrl: server.origin, retry: false }).get('/boom'))

    expect(error).toBeInstanceOf(NetworkError)
  })
})
