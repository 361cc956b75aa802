import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  CircuitOpenError,
  circuitBreaker,
  createClient,
  type FerryEvent,
  HttpError,
  isCircuitOpenError,
  observe,
  rateLimit,
} from './index.js'
import { deferred } from './test-support/server.js'

const API = 'https://api.ferry.test'
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => {
  server.resetHandlers()
  vi.useRealTimers()
})
afterAll(() => server.close())

/** Lets msw and the client's promise chains run (setImmediate is never faked here). */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve))
}

/** A fetch that goes through msw and counts its calls. */
const countingFetch = () => vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))

type Reply = number | 'network-error' | Promise<number>

/** Answers GET /health/:n with the scripted replies in order (a status, a network error, or a held status). */
function scripted(...replies: Reply[]) {
  const queue = [...replies]
  server.use(
    http.get(`${API}/health/:n`, async () => {
      const reply = await (queue.shift() ?? 200)
      if (reply === 'network-error') return HttpResponse.error()
      return HttpResponse.json({ reply }, { status: reply })
    }),
  )
  return queue
}

describe('circuit breaker through the client', () => {
  const T0 = new Date('2026-01-01T00:00:00Z').getTime()
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: T0 })
  })

  function breakerClient(options: { threshold?: number; resetAfter?: number } = {}) {
    const events: FerryEvent[] = []
    const fetchSpy = countingFetch()
    const breaker = circuitBreaker({ threshold: 5, resetAfter: 30_000, ...options })
    const api = createClient({
      baseUrl: API,
      fetch: fetchSpy,
      retry: false,
      circuitBreaker: breaker,
      events: observe((event) => events.push(event)),
    })
    const circuitEvents = () =>
      events.flatMap((e) => (e.type === 'circuit' ? [`${e.previous}->${e.state}`] : []))
    return { api, breaker, fetchSpy, events, circuitEvents }
  }

  const fail = (promise: Promise<unknown>) =>
    promise.then(
      (value) => {
        throw new Error(`expected a failure, got ${JSON.stringify(value)}`)
      },
      (error: unknown) => error,
    )

  it('opens after the threshold of 5xx and network failures, then fails fast without calling fetch', async () => {
    scripted(500, 'network-error', 503, 'network-error', 502)
    const { api, breaker, fetchSpy, circuitEvents } = breakerClient()

    for (let n = 0; n < 4; n++) await fail(api.get(`/health/${n}`))
    expect(breaker.state).toBe('closed')
    const fifth = await fail(api.get('/health/4'))
    expect(fifth).toMatchObject({ kind: 'http', status: 502 })
    expect(breaker.state).toBe('open')
    expect(circuitEvents()).toEqual(['closed->open'])

    const errors = await Promise.all([1, 2, 3].map((n) => fail(api.get(`/health/fast-${n}`))))
    for (const error of errors) {
      expect(error).toBeInstanceOf(CircuitOpenError)
      expect(isCircuitOpenError(error) && error.retryAt).toBe(T0 + 30_000)
      expect(isCircuitOpenError(error) && error.message).toMatch(
        /GET https:\/\/api\.ferry\.test\/health\/fast-\d \(request [\w-]+\) was not sent/,
      )
    }
    expect(fetchSpy).toHaveBeenCalledTimes(5)
  })

  it('counts attempt timeouts as failures', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: T0 })
    const hanging = vi.fn(
      (_input: RequestInfo | URL, init?: RequestInit) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))
        }),
    )
    const breaker = circuitBreaker({ threshold: 2 })
    const api = createClient({
      baseUrl: API,
      fetch: hanging,
      retry: false,
      timeout: 1000,
      circuitBreaker: breaker,
    })

    for (let n = 0; n < 2; n++) {
      const pending = fail(api.get('/slow'))
      await vi.advanceTimersByTimeAsync(1000)
      expect(await pending).toMatchObject({ kind: 'timeout', scope: 'attempt' })
    }

    expect(breaker.state).toBe('open')
    expect(await fail(api.get('/slow'))).toBeInstanceOf(CircuitOpenError)
    expect(hanging).toHaveBeenCalledTimes(2)
  })

  it('does not count 4xx or 429 responses, which also end a run of failures', async () => {
    scripted(500, 500, 500, 500, 404, 500, 500, 500, 500, 400, 401, 403, 409, 422, ...Array(10).fill(429))
    const { api, breaker, fetchSpy, circuitEvents } = breakerClient()

    for (let n = 0; n < 24; n++) await fail(api.get(`/health/${n}`))

    expect(fetchSpy).toHaveBeenCalledTimes(24)
    expect(breaker.state).toBe('closed')
    expect(circuitEvents()).toEqual([])
  })

  it('half-opens after resetAfter, lets exactly one probe through while others fail fast, and closes on success', async () => {
    const probeReply = deferred<number>()
    scripted(500, 500, 500, 500, 500, probeReply.promise)
    const { api, breaker, fetchSpy, circuitEvents } = breakerClient()
    for (let n = 0; n < 5; n++) await fail(api.get(`/health/${n}`))
    expect(breaker.state).toBe('open')

    vi.setSystemTime(T0 + 29_999)
    expect(await fail(api.get('/health/too-early'))).toBeInstanceOf(CircuitOpenError)
    expect(fetchSpy).toHaveBeenCalledTimes(5)

    vi.setSystemTime(T0 + 30_000)
    const probe = api.get('/health/probe')
    await settle()
    expect(breaker.state).toBe('half-open')
    expect(fetchSpy).toHaveBeenCalledTimes(6)
    // While the probe is in flight, everyone else fails fast without touching the network.
    const others = await Promise.all([1, 2, 3].map((n) => fail(api.get(`/health/other-${n}`))))
    for (const error of others) expect(error).toBeInstanceOf(CircuitOpenError)
    expect(fetchSpy).toHaveBeenCalledTimes(6)

    probeReply.resolve(200)
    await expect(probe).resolves.toEqual({ reply: 200 })
    expect(breaker.state).toBe('closed')
    await expect(api.get('/health/after')).resolves.toEqual({ reply: 200 })
    expect(fetchSpy).toHaveBeenCalledTimes(7)
    expect(circuitEvents()).toEqual(['closed->open', 'open->half-open', 'half-open->closed'])
  })

  it('reopens for a fresh resetAfter when the probe fails', async () => {
    scripted(500, 500, 500, 500, 500, 503, 200)
    const { api, breaker, fetchSpy, circuitEvents } = breakerClient()
    for (let n = 0; n < 5; n++) await fail(api.get(`/health/${n}`))

    vi.setSystemTime(T0 + 30_000)
    expect(await fail(api.get('/health/probe'))).toMatchObject({ kind: 'http', status: 503 })
    expect(breaker.state).toBe('open')
    expect(breaker.retryAt).toBe(T0 + 60_000)
    vi.setSystemTime(T0 + 59_999)
    expect(await fail(api.get('/health/x'))).toBeInstanceOf(CircuitOpenError)
    vi.setSystemTime(T0 + 60_000)
    await expect(api.get('/health/probe-2')).resolves.toEqual({ reply: 200 })

    expect(fetchSpy).toHaveBeenCalledTimes(7)
    expect(circuitEvents()).toEqual([
      'closed->open',
      'open->half-open',
      'half-open->open',
      'open->half-open',
      'half-open->closed',
    ])
  })

  it('frees the probe slot when the caller aborts the probe', async () => {
    const never = new Promise<number>(() => undefined)
    scripted(500, 500, 500, 500, 500, never, 200)
    const { api, breaker, fetchSpy } = breakerClient()
    for (let n = 0; n < 5; n++) await fail(api.get(`/health/${n}`))

    vi.setSystemTime(T0 + 30_000)
    const controller = new AbortController()
    const probe = fail(api.get('/health/probe', { signal: controller.signal }))
    await settle()
    const reason = new DOMException('user left', 'AbortError')
    controller.abort(reason)
    expect(await probe).toBe(reason)

    await expect(api.get('/health/next-probe')).resolves.toEqual({ reply: 200 })
    expect(breaker.state).toBe('closed')
    expect(fetchSpy).toHaveBeenCalledTimes(7)
  })

  it('stops a retrying request at the open circuit without further fetch calls', async () => {
    scripted(503, 503, 503, 503, 503)
    const fetchSpy = countingFetch()
    const breaker = circuitBreaker({ threshold: 2 })
    const api = createClient({
      baseUrl: API,
      fetch: fetchSpy,
      circuitBreaker: breaker,
      retry: { limit: 4, baseDelay: 0 },
    })

    expect(await fail(api.get('/health/1'))).toBeInstanceOf(CircuitOpenError)
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })

  it('is shared with extend()ed children, but not with extend({ circuitBreaker: false })', async () => {
    scripted(500, 500, 500, 500, 500, 200)
    const { api, breaker, fetchSpy } = breakerClient()
    const child = api.extend({ headers: { 'X-Tenant': 'acme' } })
    const detached = api.extend({ circuitBreaker: false })

    // Failures through the child open the parent's circuit too.
    for (let n = 0; n < 3; n++) await fail(api.get(`/health/${n}`))
    for (let n = 3; n < 5; n++) await fail(child.get(`/health/${n}`))
    expect(breaker.state).toBe('open')
    expect(child.circuit).toBe(breaker)
    expect(detached.circuit).toBeUndefined()

    expect(await fail(child.get('/health/child'))).toBeInstanceOf(CircuitOpenError)
    expect(await fail(api.get('/health/parent'))).toBeInstanceOf(CircuitOpenError)
    expect(fetchSpy).toHaveBeenCalledTimes(5)
    await expect(detached.get('/health/detached')).resolves.toEqual({ reply: 200 })
    expect(fetchSpy).toHaveBeenCalledTimes(6)
    expect(breaker.state).toBe('open')
  })

  it('reports state changes to subscribers, for a UI banner', async () => {
    scripted(500, 500, 200)
    const { api, breaker } = breakerClient({ threshold: 2 })
    const states: string[] = []
    breaker.subscribe((state, previous) => states.push(`${previous}->${state}`))
    const unsubscribe = api.circuit?.subscribe((state) => states.push(`second:${state}`))

    for (let n = 0; n < 2; n++) await fail(api.get(`/health/${n}`))
    unsubscribe?.()
    vi.setSystemTime(T0 + 30_000)
    await api.get('/health/probe')

    expect(states).toEqual(['closed->open', 'second:open', 'open->half-open', 'half-open->closed'])
  })
})

describe('rate limiter through the client', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], now: 0 })
  })

  /** Records the order in which requests reach the server; answers with the scripted response or 200. */
  function arrivals(reply?: (name: string) => Response | undefined) {
    const seen: string[] = []
    server.use(
      http.get(`${API}/q/:name`, ({ params }) => {
        const name = String(params.name)
        seen.push(name)
        return reply?.(name) ?? HttpResponse.json({ name })
      }),
    )
    return seen
  }

  it('sends queued requests in FIFO order, at the configured rate', async () => {
    const seen = arrivals()
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      timeout: false,
      rateLimit: rateLimit({ perSecond: 10, burst: 1 }),
      events: observe((event) => events.push(event)),
    })

    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((name) => api.get(`/q/${name}`)))
    await settle()
    expect(seen).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(99)
    await settle()
    expect(seen).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(seen).toEqual(['a', 'b'])
    // A request made now queues behind c, d and e.
    const late = api.get('/q/late')
    await vi.advanceTimersByTimeAsync(300)
    await settle()
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e'])
    await vi.advanceTimersByTimeAsync(100)
    await settle()
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'late'])

    await Promise.all([all, late])
    const waits = events.flatMap((e) => (e.type === 'rate-limit' ? [e.delayMs] : []))
    expect(waits).toEqual([100, 200, 300, 400, 400])
  })

  it('rejects an aborted queued request with the signal reason; it never reaches the server nor takes a slot', async () => {
    const seen = arrivals()
    const api = createClient({
      baseUrl: API,
      timeout: false,
      rateLimit: rateLimit({ perSecond: 10, burst: 1 }),
    })
    const controller = new AbortController()

    const a = api.get('/q/a')
    const b = api.get('/q/b', { signal: controller.signal }).catch((error: unknown) => error)
    const c = api.get('/q/c')
    await settle()
    const reason = new DOMException('navigated away', 'AbortError')
    controller.abort(reason)

    expect(await b).toBe(reason)
    await vi.advanceTimersByTimeAsync(100)
    await settle()
    // c moved up into b's place: it went at the first refill, not the second.
    expect(seen).toEqual(['a', 'c'])
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(seen).toEqual(['a', 'c'])
    await Promise.all([a, c])
  })

  it('rejects at once, without queueing, when the signal is already aborted', async () => {
    const seen = arrivals()
    const api = createClient({ baseUrl: API, rateLimit: rateLimit({ perSecond: 1, burst: 1 }) })
    const reason = new Error('already gone')

    await expect(api.get('/q/x', { signal: AbortSignal.abort(reason) })).rejects.toBe(reason)
    await api.get('/q/y')
    expect(seen).toEqual(['y'])
  })

  it('pauses every queued request until the Retry-After of a 429', async () => {
    const seen = arrivals((name) =>
      name === 'a' ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '5' } }) : undefined,
    )
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const api = createClient({ baseUrl: API, timeout: false, retry: false, rateLimit: limiter })

    const a = api.get('/q/a').catch((error: unknown) => error)
    const b = api.get('/q/b')
    const c = api.get('/q/c')
    await settle()
    expect(seen).toEqual(['a'])
    expect(await a).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 5000 })
    expect(limiter.pausedUntil).toBe(5000)

    // Without the pause, b would go at 1 s and c at 2 s.
    await vi.advanceTimersByTimeAsync(4999)
    await settle()
    expect(seen).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(seen).toEqual(['a', 'b'])
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(seen).toEqual(['a', 'b', 'c'])
    await Promise.all([b, c])
  })

  it('fails queued and later requests at once, unsent, when the pause is longer than maxRetryAfter', async () => {
    const seen = arrivals((name) =>
      name === 'a' ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '3600' } }) : undefined,
    )
    const limiter = rateLimit({ perSecond: 1, burst: 1 })
    const breaker = circuitBreaker({ threshold: 1 })
    const api = createClient({ baseUrl: API, timeout: false, rateLimit: limiter, circuitBreaker: breaker })

    const a = api.get('/q/a').catch((error: unknown) => error)
    // Queued behind a (one token): it would otherwise wait an hour for the pause to end.
    const b = api.get('/q/b').catch((error: unknown) => error)
    await settle()
    expect(await a).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 3_600_000 })
    const queued = await b
    expect(queued).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 3_600_000, attempts: 1 })
    expect(queued instanceof Error && queued.message).toMatch(
      /GET .*\/q\/b .*not sent: the rate limit is spent; retry after 3600 s/,
    )

    await vi.advanceTimersByTimeAsync(60_000)
    const later = await api.get('/q/c').catch((error: unknown) => error)
    expect(later).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 3_540_000 })
    expect(seen).toEqual(['a'])
    // Requests that were never sent say nothing of the server's health.
    expect(breaker.state).toBe('closed')
  })

  it('refuses with a 429 when a 200 said Remaining: 0 with a reset past maxRetryAfter', async () => {
    const seen = arrivals((name) =>
      name === 'a'
        ? HttpResponse.json(
            { name },
            { headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '3600' } },
          )
        : undefined,
    )
    const api = createClient({ baseUrl: API, rateLimit: rateLimit({ perSecond: 10 }) })
    await expect(api.get('/q/a')).resolves.toEqual({ name: 'a' })
    const refused = await api.get('/q/b').catch((error: unknown) => error)
    expect(refused).toMatchObject({ kind: 'http', status: 429, retryAfterMs: 3_600_000 })
    expect(refused instanceof HttpError && refused.headers.get('x-ratelimit-reset')).toBe('3600')
    expect(seen).toEqual(['a'])
  })

  it('leaves a half-open circuit half-open when the limiter refuses its probe', async () => {
    const breaker = circuitBreaker({ threshold: 1, resetAfter: 1_000 })
    const limiter = rateLimit({ perSecond: 10 })
    const seen = arrivals((name) => (name === 'down' ? new HttpResponse(null, { status: 500 }) : undefined))
    const api = createClient({ baseUrl: API, retry: false, circuitBreaker: breaker, rateLimit: limiter })
    await api.get('/q/down').catch(() => undefined)
    expect(breaker.state).toBe('open')
    await vi.advanceTimersByTimeAsync(1_000)
    limiter.observe(new Response(null, { status: 429, headers: { 'Retry-After': '3600' } }))

    // This call takes the probe slot, then the limiter refuses it: the server was not probed.
    expect(await api.get('/q/refused').catch((error: unknown) => error)).toMatchObject({ status: 429 })
    expect(breaker.state).toBe('half-open')
    // The slot is free again: a client without the limiter probes, and its success closes the circuit.
    await expect(api.extend({ rateLimit: false }).get('/q/probe')).resolves.toEqual({ name: 'probe' })
    expect(breaker.state).toBe('closed')
    expect(seen).toEqual(['down', 'probe'])
  })

  it('does not count a total timeout spent queued in the limiter as a server failure', async () => {
    const seen = arrivals((name) =>
      name === 'a' ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '30' } }) : undefined,
    )
    const breaker = circuitBreaker({ threshold: 1 })
    const limiter = rateLimit({ perSecond: 10 })
    const api = createClient({ baseUrl: API, retry: false, rateLimit: limiter, circuitBreaker: breaker })
    await api.get('/q/a').catch(() => undefined)
    const b = api.get('/q/b', { totalTimeout: 1_000 }).catch((error: unknown) => error)
    await vi.advanceTimersByTimeAsync(1_000)
    expect(await b).toMatchObject({ kind: 'timeout', scope: 'total' })
    expect(seen).toEqual(['a'])
    expect(breaker.state).toBe('closed')
  })

  it('waits out a pause within maxRetryAfter', async () => {
    const seen = arrivals((name) =>
      name === 'a' ? new HttpResponse(null, { status: 429, headers: { 'Retry-After': '30' } }) : undefined,
    )
    const api = createClient({
      baseUrl: API,
      timeout: false,
      retry: false,
      rateLimit: rateLimit({ perSecond: 10 }),
    })
    await api.get('/q/a').catch(() => undefined)
    const b = api.get('/q/b')
    await vi.advanceTimersByTimeAsync(30_000)
    await settle()
    await b
    expect(seen).toEqual(['a', 'b'])
  })

  it('pauses everyone, later callers too, when a response says X-RateLimit-Remaining: 0', async () => {
    const seen = arrivals((name) =>
      name === 'a'
        ? HttpResponse.json({ name }, { headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '3' } })
        : undefined,
    )
    const api = createClient({ baseUrl: API, timeout: false, rateLimit: rateLimit({ perSecond: 100 }) })

    await expect(api.get('/q/a')).resolves.toEqual({ name: 'a' })
    const later = ['b', 'c', 'd'].map((name) => api.get(`/q/${name}`))
    await vi.advanceTimersByTimeAsync(2999)
    await settle()
    expect(seen).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1)
    await settle()
    expect(seen).toEqual(['a', 'b', 'c', 'd'])
    await Promise.all(later)
  })

  it('is shared with extend()ed children, and not with extend({ rateLimit: false })', async () => {
    const seen = arrivals()
    const api = createClient({
      baseUrl: API,
      timeout: false,
      rateLimit: rateLimit({ perSecond: 1, burst: 1 }),
    })
    const child = api.extend({ headers: { 'X-Tenant': 'acme' } })
    const detached = api.extend({ rateLimit: false })

    const first = api.get('/q/parent')
    const second = child.get('/q/child')
    await settle()
    await detached.get('/q/detached')
    expect(seen).toEqual(['parent', 'detached'])
    await vi.advanceTimersByTimeAsync(1000)
    await settle()
    expect(seen).toEqual(['parent', 'detached', 'child'])
    await Promise.all([first, second])
  })
})
