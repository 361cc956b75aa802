import { describe, expect, it } from 'vitest'
import { authMiddleware, bearer } from './auth.js'
import { circuitBreaker } from './circuit-breaker.js'
import { createClient } from './client.js'
import { isCircuitOpenError } from './errors.js'
import type { EventInput } from './events.js'
import { compose, type FerryRequest, type Middleware, type Next } from './middleware.js'
import { rateLimit } from './rate-limiter.js'

const API = 'https://api.test'
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** A fetch that records what it was sent. */
function recordingFetch(answer: () => Response = () => json({ ok: true })) {
  const sent: Array<{ url: string; headers: Headers }> = []
  const fetch: typeof globalThis.fetch = async (input, init = {}) => {
    sent.push({ url: String(input), headers: new Headers(init.headers) })
    return answer()
  }
  return { fetch, sent }
}

describe('compose', () => {
  it('runs the chain first-outermost around the last step', async () => {
    const order: string[] = []
    const step =
      (name: string): Middleware =>
      async (request, next) => {
        order.push(`${name} in`)
        const response = await next(request)
        order.push(`${name} out`)
        return response
      }
    const send = compose([step('a'), undefined, step('b')], async () => {
      order.push('fetch')
      return new Response(null)
    })
    const request: FerryRequest = {
      url: API,
      method: 'GET',
      headers: new Headers(),
      init: {},
      signal: undefined,
      timeout: 10_000,
      attempt: 1,
      request: { method: 'GET', url: API, requestId: 'id' },
      trusted: true,
      trusts: () => true,
      maxWait: 60_000,
      emit: () => {},
    }
    await send(request)
    expect(order).toEqual(['a in', 'b in', 'fetch', 'b out', 'a out'])
  })
})

describe('middleware in a client', () => {
  it('runs circuitBreaker, rateLimit, the client’s use, the request’s use, then auth, in that order', async () => {
    const order: string[] = []
    const spy =
      (name: string): Middleware =>
      (request, next) => {
        order.push(`${name}:${request.headers.get('authorization') ?? 'no auth'}`)
        return next(request)
      }
    const breaker = circuitBreaker()
    const limiter = rateLimit({ perSecond: 100 })
    const wrap =
      (name: string, inner: Middleware): Middleware =>
      (request, next) => {
        order.push(name)
        return inner(request, next)
      }
    const { fetch, sent } = recordingFetch()
    const client = createClient({
      baseUrl: API,
      fetch,
      circuitBreaker: { ...breaker, middleware: wrap('breaker', breaker.middleware) },
      rateLimit: { ...limiter, middleware: wrap('limiter', limiter.middleware) },
      use: [spy('client 1'), spy('client 2')],
      auth: wrap('auth', bearer({ token: 't' })),
    })
    await client.get('/x', { use: [spy('request')] })
    expect(order).toEqual([
      'breaker',
      'limiter',
      'client 1:no auth',
      'client 2:no auth',
      'request:no auth',
      'auth',
    ])
    expect(sent[0]?.headers.get('authorization')).toBe('Bearer t')
  })

  it('signs each attempt: a header computed from the method, URL and a secret', async () => {
    const sign = async (text: string) => {
      const key = await crypto.subtle.importKey(
        'raw',
        new TextEncoder().encode('secret'),
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['sign'],
      )
      const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(text))
      return Buffer.from(mac).toString('hex')
    }
    const signing: Middleware = async (request, next) => {
      request.headers.set('x-signature', await sign(`${request.method} ${request.url}`))
      return next(request)
    }
    const { fetch, sent } = recordingFetch()
    await createClient({ baseUrl: API, fetch, use: [signing] }).get('/orders')
    expect(sent[0]?.headers.get('x-signature')).toBe(await sign(`GET ${API}/orders`))
  })

  it('adds a tracing header that changes per attempt while the request id stays', async () => {
    let span = 0
    const tracing: Middleware = (request, next) => {
      request.headers.set('traceparent', `00-trace-${++span}-01`)
      return next(request)
    }
    const answers = [json({}, 503), json({ ok: 1 })]
    const { fetch, sent } = recordingFetch(() => answers.shift() ?? json({}))
    await createClient({ baseUrl: API, fetch, use: [tracing], retry: { baseDelay: 0 } }).get('/x')
    expect(sent.map((s) => s.headers.get('traceparent'))).toEqual(['00-trace-1-01', '00-trace-2-01'])
    expect(new Set(sent.map((s) => s.headers.get('x-request-id'))).size).toBe(1)
  })

  it('can answer without calling fetch (a mock, a cache), and the core still checks the status and reads the body', async () => {
    const { fetch, sent } = recordingFetch()
    const mock: Middleware = async (request) =>
      request.url.endsWith('/cached') ? json({ from: 'cache' }) : json({ title: 'nope' }, 404)
    const client = createClient({ baseUrl: API, fetch, use: [mock], retry: false })
    expect(await client.get('/cached')).toEqual({ from: 'cache' })
    await expect(client.get('/other')).rejects.toMatchObject({ kind: 'http', status: 404 })
    expect(sent).toHaveLength(0)
  })

  it('a change to the headers in one attempt does not leak into the next', async () => {
    const seen: Array<string | null> = []
    const once: Middleware = (request, next) => {
      seen.push(request.headers.get('x-once'))
      request.headers.set('x-once', 'set')
      return next(request)
    }
    const answers = [json({}, 503), json({})]
    const { fetch } = recordingFetch(() => answers.shift() ?? json({}))
    await createClient({ baseUrl: API, fetch, use: [once], retry: { baseDelay: 0 } }).get('/x')
    expect(seen).toEqual([null, null])
  })

  it('what a middleware throws that is not a Ferry error rejects the call as it is, without a retry', async () => {
    const bug = new RangeError('middleware bug')
    let calls = 0
    const broken: Middleware = async () => {
      calls++
      throw bug
    }
    await expect(createClient({ baseUrl: API, use: [broken] }).get('/x')).rejects.toBe(bug)
    expect(calls).toBe(1)
  })
})

/** One attempt as the core hands it to the first step. */
function attempt(overrides: Partial<FerryRequest> = {}): FerryRequest & { events: EventInput[] } {
  const events: EventInput[] = []
  return {
    url: `${API}/x`,
    method: 'GET',
    headers: new Headers(),
    init: { method: 'GET' },
    signal: undefined,
    timeout: 10_000,
    attempt: 1,
    request: { method: 'GET', url: `${API}/x`, requestId: 'id' },
    trusted: true,
    trusts: (url) => url.startsWith(API),
    maxWait: 60_000,
    emit: (event) => events.push(event),
    events,
    ...overrides,
  }
}

describe('each step alone, against a stub next', () => {
  it('circuitBreaker().middleware opens after `threshold` 5xx and then fails fast without calling next', async () => {
    const breaker = circuitBreaker({ threshold: 2, resetAfter: 60_000 })
    let calls = 0
    const next: Next = async () => {
      calls++
      return new Response(null, { status: 503 })
    }
    const request = attempt()
    await breaker.middleware(request, next)
    await breaker.middleware(request, next)
    expect(breaker.state).toBe('open')
    expect(request.events).toMatchObject([{ type: 'circuit', state: 'open', previous: 'closed' }])
    const error = await breaker.middleware(request, next).catch((thrown: unknown) => thrown)
    expect(isCircuitOpenError(error)).toBe(true)
    expect(calls).toBe(2)
  })

  it('rateLimit().middleware waits for a token, reports the wait, and learns a pause from the response', async () => {
    const limiter = rateLimit({ perSecond: 1000, burst: 1 })
    const next: Next = async () =>
      new Response(null, {
        status: 200,
        headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '30' },
      })
    const request = attempt()
    await limiter.middleware(request, next)
    expect(limiter.pausedUntil).toBeGreaterThan(Date.now() + 29_000)
    // The pause (30 s) is within maxWait, so the next attempt would wait; with maxWait 1 s it is refused unsent.
    const refused = await limiter
      .middleware(attempt({ maxWait: 1000 }), next)
      .catch((thrown: unknown) => thrown)
    expect(refused).toMatchObject({ kind: 'http', status: 429 })
  })

  it('authMiddleware applies credentials to a trusted request only, and replays a 401 once after refresh', async () => {
    let generation = 0
    const auth = authMiddleware({
      apply(headers) {
        headers.set('authorization', `Token ${generation}`)
        return generation
      },
      async refresh() {
        generation++
      },
    })
    const seen: Array<string | null> = []
    const next: Next = async (request) => {
      seen.push(request.headers.get('authorization'))
      return new Response(null, { status: request.headers.get('authorization') === 'Token 1' ? 200 : 401 })
    }
    const request = attempt({ init: { method: 'GET', redirect: 'follow' } })
    expect((await auth(request, next)).status).toBe(200)
    expect(seen).toEqual(['Token 0', 'Token 1'])
    expect(request.events).toMatchObject([{ type: 'auth', action: 'refresh', attempt: 1 }])
    expect(request.headers.has('authorization')).toBe(false)
    seen.length = 0
    await auth(attempt({ trusted: false }), next)
    expect(seen).toEqual([null])
  })
})
