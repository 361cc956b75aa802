import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { circuitBreaker } from './circuit-breaker.js'
import { CircuitOpenError, createClient, isNetworkError, isTimeoutError } from './index.js'
import { useServers, within } from './test-support/server.js'

// The verdict of an attempt whose status is healthy waits for its body: only a real connection shows a body
// that dies or stalls after the headers. Real short timers, as in transport-faults.test.ts: the time measured
// is the socket's.
const { http } = useServers()

/** Settles within 3 s and returns the rejection reason. */
const failure = (promise: Promise<unknown>) =>
  within(
    promise.then(
      () => {
        throw new Error('expected a failure')
      },
      (error: unknown) => error,
    ),
    3000,
    'the request failing',
  )

describe('circuit breaker: the body decides', () => {
  it('counts a 200 whose connection dies mid-body as a failure: two of them open the circuit', async () => {
    const server = await http((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '64' })
      res.write('{"id":1,"name":"half')
      setTimeout(() => res.socket?.destroy(), 10)
    })
    const breaker = circuitBreaker({ threshold: 2 })
    const api = createClient({ baseUrl: server.origin, circuitBreaker: breaker, retry: false })

    expect(isNetworkError(await failure(api.get('/orders')))).toBe(true)
    expect(breaker.state).toBe('closed')
    expect(isNetworkError(await failure(api.get('/orders')))).toBe(true)
    expect(breaker.state).toBe('open')
  })

  it('counts a 200 whose body stalls past the attempt timeout as a failure', async () => {
    const server = await http((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"id":')
    })
    const breaker = circuitBreaker({ threshold: 1 })
    const api = createClient({ baseUrl: server.origin, circuitBreaker: breaker, retry: false, timeout: 100 })

    expect(isTimeoutError(await failure(api.get('/orders')))).toBe(true)
    expect(breaker.state).toBe('open')
  })

  it('does not count a body the caller aborted', async () => {
    const server = await http((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.write('{"id":')
    })
    const breaker = circuitBreaker({ threshold: 1 })
    const api = createClient({ baseUrl: server.origin, circuitBreaker: breaker, retry: false })
    const controller = new AbortController()
    const call = api.get('/orders', { signal: controller.signal })
    setTimeout(() => controller.abort(), 50)

    expect(await failure(call)).toMatchObject({ name: 'AbortError' })
    expect(breaker.state).toBe('closed')
  })

  it('counts a complete body as a success, which resets the failures', async () => {
    let calls = 0
    const server = await http((_req, res) => {
      calls++
      if (calls === 2) {
        res.writeHead(200, { 'Content-Type': 'application/json' })
        res.end('{"id":1}')
        return
      }
      res.writeHead(503)
      res.end()
    })
    const breaker = circuitBreaker({ threshold: 2 })
    const api = createClient({ baseUrl: server.origin, circuitBreaker: breaker, retry: false })

    await failure(api.get('/orders'))
    await expect(api.get('/orders')).resolves.toEqual({ id: 1 })
    await failure(api.get('/orders'))
    expect(breaker.state).toBe('closed')
  })
})

describe('circuit breaker: a probe without a verdict', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_700_000_000_000)
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('lets another probe through once a probe has given no verdict for more than resetAfter (a body nobody reads)', async () => {
    const server = await http((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"id":1}')
    })
    const breaker = circuitBreaker({ threshold: 1, resetAfter: 1000 })
    breaker.record('failure', false)
    expect(breaker.state).toBe('open')
    vi.setSystemTime(Date.now() + 1000)
    const api = createClient({ baseUrl: server.origin, circuitBreaker: breaker, retry: false })

    // The probe's body is handed out and never read: it gives no verdict.
    const unread = await api.get('/orders', { as: 'response' })
    expect(breaker.state).toBe('half-open')
    await expect(api.get('/orders')).rejects.toBeInstanceOf(CircuitOpenError)

    vi.setSystemTime(Date.now() + 1001)
    await expect(api.get('/orders')).resolves.toEqual({ id: 1 })
    expect(breaker.state).toBe('closed')
    await unread.body?.cancel()
  })
})
