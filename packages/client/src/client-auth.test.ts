import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  apiKey,
  basic,
  bearer,
  circuitBreaker,
  createClient,
  type FerryEvent,
  HttpError,
  isHttpError,
  observe,
  redactedHeaders,
} from './index.js'
import { deferred, within } from './test-support/server.js'

const API = 'https://api.ferry.test'
const server = setupServer()

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

/** What a request carried, as the server saw it. */
interface Seen {
  readonly url: string
  readonly authorization: string | null
  readonly apiKey: string | null
  readonly requestId: string | null
}

/** Answers every request on every host with 200 `{ ok: true }` and records what it carried. */
function recordAll(): Seen[] {
  const seen: Seen[] = []
  server.use(
    http.all('*', ({ request }) => {
      seen.push({
        url: request.url,
        authorization: request.headers.get('authorization'),
        apiKey: request.headers.get('x-api-key'),
        requestId: request.headers.get('x-request-id'),
      })
      return HttpResponse.json({ ok: true })
    }),
  )
  return seen
}

/** A fetch that goes through msw and remembers the init of every call. */
function spyFetch() {
  return vi.fn((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init))
}

/** Collects every rejection reason; fails the test if one of the promises resolves. */
async function rejections(promises: ReadonlyArray<Promise<unknown>>): Promise<unknown[]> {
  const settled = await Promise.allSettled(promises)
  return settled.map((result) => {
    if (result.status === 'fulfilled')
      throw new Error(`expected a rejection, got ${JSON.stringify(result.value)}`)
    return result.reason
  })
}

describe('bearer refresh through the client', () => {
  /**
   * 401 for any token but the fresh one. The 401s are held until `concurrency` stale requests are in flight,
   * so every one of them really did hit a 401 with the old token (none slipped in after the refresh).
   */
  function staleTokenApi(concurrency: number, fresh: string) {
    const perToken = new Map<string, number>()
    const perRequest = new Map<string, string[]>()
    const allStale = deferred()
    let stale = 0
    server.use(
      http.get(`${API}/orders/:n`, async ({ request, params }) => {
        const auth = request.headers.get('authorization') ?? '(none)'
        perToken.set(auth, (perToken.get(auth) ?? 0) + 1)
        const id = request.headers.get('x-request-id') ?? '(none)'
        perRequest.set(id, [...(perRequest.get(id) ?? []), auth])
        if (auth !== `Bearer ${fresh}`) {
          if (++stale === concurrency) allStale.resolve()
          await allStale.promise
          return new HttpResponse(null, { status: 401, statusText: 'Unauthorized' })
        }
        return HttpResponse.json({ order: Number(params.n) })
      }),
    )
    return { perToken, perRequest }
  }

  it('refreshes exactly once for 10 concurrent 401s and replays each request once with the new token', async () => {
    const { perToken, perRequest } = staleTokenApi(10, 'fresh-token')
    let token = 'stale-token'
    const refresh = vi.fn(async () => {
      await new Promise((resolve) => setImmediate(resolve))
      token = 'fresh-token'
    })
    const api = createClient({ baseUrl: API, auth: bearer({ token: () => token, refresh }), retry: false })

    const results = await Promise.all(Array.from({ length: 10 }, (_, n) => api.get(`/orders/${n}`)))

    expect(results).toEqual(Array.from({ length: 10 }, (_, n) => ({ order: n })))
    expect(refresh).toHaveBeenCalledTimes(1)
    expect(Object.fromEntries(perToken)).toEqual({ 'Bearer stale-token': 10, 'Bearer fresh-token': 10 })
    // Each logical request (one X-Request-ID) was sent twice: once stale, once replayed with the new token.
    expect(perRequest.size).toBe(10)
    for (const tokens of perRequest.values())
      expect(tokens).toEqual(['Bearer stale-token', 'Bearer fresh-token'])
  })

  it('uses the string a refresh returns as the token from then on', async () => {
    const { perToken } = staleTokenApi(3, 'returned-token')
    const refresh = vi.fn(async () => 'returned-token')
    const api = createClient({ baseUrl: API, auth: bearer({ token: 'stale-token', refresh }), retry: false })

    await Promise.all([api.get('/orders/1'), api.get('/orders/2'), api.get('/orders/3')])
    await api.get('/orders/4')

    expect(refresh).toHaveBeenCalledTimes(1)
    expect(Object.fromEntries(perToken)).toEqual({ 'Bearer stale-token': 3, 'Bearer returned-token': 4 })
  })

  it('replays only once: a second 401 is an HttpError, not another refresh', async () => {
    let hits = 0
    server.use(
      http.get(`${API}/me`, () => {
        // 200 from the 6th hit on, so a client that kept refreshing would end (and fail below) instead of looping.
        return ++hits > 5 ? HttpResponse.json({ me: 'ann' }) : new HttpResponse(null, { status: 401 })
      }),
    )
    let token = 'a'
    const refresh = vi.fn(async () => {
      token = `${token}a`
    })
    const api = createClient({ baseUrl: API, auth: bearer({ token: () => token, refresh }) })

    const error = await api.get('/me').catch((e: unknown) => e)

    expect(isHttpError(error) && error.status).toBe(401)
    expect(hits).toBe(2)
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  it('rejects all 10 requests with a clear 401 HttpError when the refresh fails, refreshing once', async () => {
    staleTokenApi(10, 'never-issued')
    const secret = 'sk-live-7f3a9c1d'
    const failure = new Error('refresh token expired')
    const refresh = vi.fn(async () => {
      throw failure
    })
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      auth: bearer({ token: secret, refresh }),
      events: observe((event) => events.push(event), { includeHeaders: redactedHeaders() }),
    })

    const errors = await rejections(Array.from({ length: 10 }, (_, n) => api.get(`/orders/${n}`)))

    expect(refresh).toHaveBeenCalledTimes(1)
    for (const error of errors) {
      expect(error).toBeInstanceOf(HttpError)
      if (!(error instanceof HttpError)) continue
      expect(error.status).toBe(401)
      expect(error.message).toMatch(/refreshing the credentials failed/)
      expect(error.message).toMatch(/GET https:\/\/api\.ferry\.test\/orders\/\d/)
      expect(error.cause).toBe(failure)
      expect(`${error.message} ${error.stack}`).not.toContain(secret)
    }
    expect(events.filter((e) => e.type === 'auth' && e.action === 'refresh-failed')).toHaveLength(10)
    expect(JSON.stringify(events)).not.toContain(secret)
  })

  it('lets a later request refresh again after a failed refresh', async () => {
    staleTokenApi(1, 'second-try')
    const refresh = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('auth server down'))
      .mockResolvedValueOnce('second-try')
    const api = createClient({ baseUrl: API, auth: bearer({ token: 'stale', refresh }) })

    await expect(api.get('/orders/1')).rejects.toThrow(/refreshing the credentials failed/)
    await expect(api.get('/orders/2')).resolves.toEqual({ order: 2 })
    expect(refresh).toHaveBeenCalledTimes(2)
  })
})

describe('a refresh that hangs', () => {
  /** 401 for any token but `fresh`; 200 with the order number for it. */
  function api401(fresh: string) {
    server.use(
      http.get(`${API}/orders/:n`, ({ request, params }) =>
        request.headers.get('authorization') === `Bearer ${fresh}`
          ? HttpResponse.json({ order: Number(params.n) })
          : new HttpResponse(null, { status: 401 }),
      ),
    )
  }
  /** A refresh that never settles the first time (a deaf token endpoint), and returns `fresh` after that. */
  function deafThenFresh(fresh: string) {
    const signals: Array<AbortSignal | undefined> = []
    const refresh = vi.fn((context?: { readonly signal: AbortSignal }) => {
      signals.push(context?.signal)
      return signals.length === 1 ? new Promise<string>(() => {}) : Promise.resolve(fresh)
    })
    return { refresh, signals }
  }

  it("ends with the caller's abort, tells the refresh (its signal aborts), and lets the next 401 refresh anew", async () => {
    api401('fresh')
    const { refresh, signals } = deafThenFresh('fresh')
    const api = createClient({ baseUrl: API, auth: bearer({ token: 'stale', refresh }), retry: false })
    const controller = new AbortController()
    const first = api.get('/orders/1', { signal: controller.signal })
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1))
    const reason = new DOMException('left the page', 'AbortError')
    controller.abort(reason)
    await expect(first).rejects.toBe(reason)
    expect(signals[0]?.aborted).toBe(true)

    // Not stuck behind the abandoned refresh: a new one runs, and the request succeeds.
    await expect(within(api.get('/orders/2'), 2000, 'the next request')).resolves.toEqual({ order: 2 })
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('keeps the refresh running while another request still waits for it', async () => {
    api401('fresh')
    let finish: (token: string) => void = () => {}
    const signals: Array<AbortSignal | undefined> = []
    const refresh = vi.fn((context?: { readonly signal: AbortSignal }) => {
      signals.push(context?.signal)
      return new Promise<string>((resolve) => {
        finish = resolve
      })
    })
    const api = createClient({ baseUrl: API, auth: bearer({ token: 'stale', refresh }), retry: false })
    const leaving = new AbortController()
    const first = api.get('/orders/1', { signal: leaving.signal })
    const second = api.get('/orders/2')
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1))
    leaving.abort()
    await expect(first).rejects.toMatchObject({ name: 'AbortError' })
    expect(signals[0]?.aborted).toBe(false)

    finish('fresh')
    await expect(second).resolves.toEqual({ order: 2 })
    expect(refresh).toHaveBeenCalledTimes(1)
  })

  describe('with a fake clock', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
    })
    afterEach(() => {
      vi.useRealTimers()
    })

    it('ends with a total TimeoutError at totalTimeout, the refresh aborted and the next 401 refreshing anew', async () => {
      api401('fresh')
      const { refresh, signals } = deafThenFresh('fresh')
      const api = createClient({ baseUrl: API, auth: bearer({ token: 'stale', refresh }), retry: false })
      const first = api.get('/orders/1', { totalTimeout: 1000 }).catch((error: unknown) => error)
      await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1))
      await vi.advanceTimersByTimeAsync(1000)
      expect(await first).toMatchObject({ kind: 'timeout', scope: 'total', timeoutMs: 1000 })
      expect(signals[0]?.aborted).toBe(true)
      await expect(api.get('/orders/2', { totalTimeout: 1000 })).resolves.toEqual({ order: 2 })
      expect(refresh).toHaveBeenCalledTimes(2)
    })

    it("without totalTimeout, gives up on the refresh at the attempt's timeout (default 10 s): the 401, said why", async () => {
      api401('fresh')
      const { refresh, signals } = deafThenFresh('fresh')
      const began: number[] = []
      const timed = (context?: { readonly signal: AbortSignal }) => {
        began.push(Date.now())
        return refresh(context)
      }
      const api = createClient({ baseUrl: API, auth: bearer({ token: 'stale', refresh: timed }) })
      const first = api.get('/orders/1').catch((error: unknown) => error)
      await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(1))
      await vi.advanceTimersByTimeAsync(10_000 - 1 - (Date.now() - (began[0] ?? 0)))
      expect(signals[0]?.aborted).toBe(false)
      await vi.advanceTimersByTimeAsync(1)
      const error = await first
      // Not a timeout of the API (which answered at once): not retried, and no failure for a circuit breaker.
      expect(error).toMatchObject({ kind: 'http', status: 401, attempts: 1 })
      expect(String(error)).toContain(
        "refreshing the credentials took longer than the attempt's timeout (10000 ms)",
      )
      expect(signals[0]?.aborted).toBe(true)
      // The abandoned refresh holds nothing: the next 401 refreshes anew and succeeds.
      await expect(api.get('/orders/2')).resolves.toEqual({ order: 2 })
      expect(refresh).toHaveBeenCalledTimes(2)
    })

    it('leaves a circuit breaker closed when refreshes time out against an API that answers', async () => {
      api401('fresh')
      const refresh = vi.fn(() => new Promise<string>(() => {}))
      const breaker = circuitBreaker({ threshold: 2, resetAfter: 60_000 })
      const api = createClient({
        baseUrl: API,
        auth: bearer({ token: 'stale', refresh }),
        timeout: 30,
        circuitBreaker: breaker,
      })
      for (const n of [1, 2, 3]) {
        const call = api.get(`/orders/${n}`).catch((error: unknown) => error)
        await vi.waitFor(() => expect(refresh).toHaveBeenCalledTimes(n))
        await vi.advanceTimersByTimeAsync(30)
        expect(await call).toMatchObject({ kind: 'http', status: 401 })
      }
      expect(breaker.state).toBe('closed')
    })
  })
})

describe('secrets stay out of errors and events', () => {
  it('never puts a bearer token, basic password or api key in error messages or events', async () => {
    server.use(
      http.get(`${API}/boom`, () => HttpResponse.json({ message: 'kaput' }, { status: 500 })),
      http.get(`${API}/offline`, () => HttpResponse.error()),
    )
    const secrets = { bearer: 'tok-5e3c2b', password: 'pa55-w0rd-91', key: 'key-0d9e8f' }
    const auths = [
      bearer({ token: secrets.bearer }),
      basic({ username: 'ann', password: secrets.password }),
      apiKey({ value: secrets.key }),
    ]
    const basicB64 = btoa(`ann:${secrets.password}`)
    for (const auth of auths) {
      const events: FerryEvent[] = []
      const api = createClient({
        baseUrl: API,
        auth,
        retry: false,
        events: observe((event) => events.push(event), { includeHeaders: redactedHeaders() }),
      })
      const errors = await rejections([api.get('/boom'), api.get('/offline')])
      const text = `${errors.map((e) => (e instanceof Error ? `${e.message}\n${e.stack}` : String(e))).join('\n')}\n${JSON.stringify(events)}`
      for (const secret of [...Object.values(secrets), basicB64]) expect(text).not.toContain(secret)
      // The headers were there (so the absence above is redaction, not omission).
      const request = events.find((e) => e.type === 'request')
      expect(request?.type === 'request' && request.headers).toMatchObject(
        auth === auths[2] ? { 'x-api-key': '[redacted]' } : { authorization: '[redacted]' },
      )
    }
  })

  it('never puts a password from the URL userinfo in error messages or events', async () => {
    server.use(http.all('*', () => HttpResponse.json({})))
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: 'https://ann:s3cret-pw@api.ferry.test',
      retry: false,
      events: observe((event) => events.push(event)),
    })

    // Refused before fetch, whose own message would quote the whole URL.
    const error = await api.get('/me').catch((e: unknown) => e)

    expect(error).toBeInstanceOf(TypeError)
    expect(error instanceof Error && `${error.message}\n${error.stack}`).not.toContain('s3cret-pw')
    expect(JSON.stringify(events)).not.toContain('s3cret-pw')
  })

  it('masks redactQuery parameters in error messages and events', async () => {
    server.use(http.get(`${API}/files`, () => new HttpResponse('gone', { status: 410 })))
    const events: FerryEvent[] = []
    const api = createClient({
      baseUrl: API,
      redactQuery: ['sig'],
      events: observe((event) => events.push(event)),
    })

    const error = await api
      .get('/files', { query: { sig: 'sig-42ab', name: 'a.txt' } })
      .catch((e: unknown) => e)

    expect(isHttpError(error) && error.message).toMatch(/name=a\.txt/)
    expect(String(error)).not.toContain('sig-42ab')
    expect(JSON.stringify(events)).not.toContain('sig-42ab')
  })
})

describe('auth headers on the wire', () => {
  it('sends basic() credentials UTF-8 encoded', async () => {
    const seen = recordAll()
    const api = createClient({ baseUrl: API, auth: basic({ username: 'jürgen', password: 'пароль:ü' }) })

    await api.get('/me')

    const value = seen[0]?.authorization ?? ''
    expect(value).toMatch(/^Basic [A-Za-z0-9+/]+=*$/)
    expect(Buffer.from(value.slice('Basic '.length), 'base64').toString('utf8')).toBe('jürgen:пароль:ü')
  })

  it('sends apiKey() in X-API-Key by default, or in the named header, with sync and async values', async () => {
    const received: Array<string | null> = []
    server.use(
      http.get(`${API}/me`, ({ request }) => {
        received.push(request.headers.get('x-api-key'), request.headers.get('x-api-token'))
        return HttpResponse.json({})
      }),
    )

    await createClient({ baseUrl: API, auth: apiKey({ value: 'key-1' }) }).get('/me')
    await createClient({
      baseUrl: API,
      auth: apiKey({ header: 'X-Api-Token', value: async () => 'key-2' }),
    }).get('/me')

    expect(received).toEqual(['key-1', null, null, 'key-2'])
  })

  it('evaluates a function token on every attempt, retries included', async () => {
    const seen: Array<string | null> = []
    server.use(
      http.get(`${API}/flaky`, ({ request }) => {
        seen.push(request.headers.get('authorization'))
        return seen.length < 3 ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ ok: true })
      }),
    )
    let n = 0
    const token = vi.fn(async () => `t${++n}`)
    const api = createClient({ baseUrl: API, auth: bearer({ token }), retry: { limit: 2, baseDelay: 0 } })

    await expect(api.get('/flaky')).resolves.toEqual({ ok: true })

    expect(seen).toEqual(['Bearer t1', 'Bearer t2', 'Bearer t3'])
    expect(token).toHaveBeenCalledTimes(3)
  })

  it('sends no Authorization header for an empty or missing token', async () => {
    const seen = recordAll()
    for (const token of [() => null, () => undefined, '']) {
      await createClient({ baseUrl: API, auth: bearer({ token }) }).get('/me')
    }
    expect(seen.map((s) => s.authorization)).toEqual([null, null, null])
  })
})

describe('credentials and foreign origins', () => {
  const foreign = [
    'https://cdn.other.test/file.png',
    'https://api.ferry.test.evil.test/steal',
    'http://api.ferry.test/downgraded',
    'https://api.ferry.test:8443/other-port',
  ]

  it.each(foreign)('sends no auth header, no request id and no cookies to %s', async (url) => {
    const seen = recordAll()
    const fetchSpy = spyFetch()
    const api = createClient({
      baseUrl: API,
      fetch: fetchSpy,
      init: { credentials: 'include' },
      auth: bearer({ token: 'tok-123' }),
    })

    await api.get(url)

    expect(seen).toEqual([{ url, authorization: null, apiKey: null, requestId: null }])
    expect(fetchSpy.mock.calls[0]?.[1]?.credentials).not.toBe('include')
  })

  it('does send them to the baseUrl origin, absolute or relative', async () => {
    const seen = recordAll()
    const fetchSpy = spyFetch()
    const api = createClient({
      baseUrl: API,
      fetch: fetchSpy,
      init: { credentials: 'include' },
      auth: apiKey({ value: 'k' }),
    })

    await api.get('/relative')
    await api.get(`${API}/absolute`)

    expect(seen.map((s) => s.apiKey)).toEqual(['k', 'k'])
    expect(seen.every((s) => s.requestId !== null)).toBe(true)
    expect(fetchSpy.mock.calls.map((call) => call[1]?.credentials)).toEqual(['include', 'include'])
  })

  it('sends them to an origin listed in allowedOrigins, and only to it', async () => {
    const seen = recordAll()
    const fetchSpy = spyFetch()
    const api = createClient({
      baseUrl: API,
      fetch: fetchSpy,
      init: { credentials: 'include' },
      allowedOrigins: ['https://cdn.other.test'],
      auth: bearer({ token: 'tok-123' }),
    })

    await api.get('https://cdn.other.test/file.png')
    await api.get('https://third.party.test/file.png')

    expect(seen.map((s) => s.authorization)).toEqual(['Bearer tok-123', null])
    expect(fetchSpy.mock.calls.map((call) => call[1]?.credentials === 'include')).toEqual([true, false])
  })

  it('does not refresh or replay for a 401 from a foreign origin', async () => {
    let hits = 0
    server.use(
      http.get('https://other.test/x', () => {
        hits++
        return new HttpResponse(null, { status: 401 })
      }),
    )
    const refresh = vi.fn(async () => 'new')
    const api = createClient({ baseUrl: API, auth: bearer({ token: 'old', refresh }) })

    await expect(api.get('https://other.test/x')).rejects.toMatchObject({ kind: 'http', status: 401 })
    expect(refresh).not.toHaveBeenCalled()
    expect(hits).toBe(1)
  })
})

describe('credentials on a page without baseUrl', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  /** The Authorization header of each request that a bearer client without baseUrl sends for `path`. */
  async function authorizationSent(path: string): Promise<Array<string | null>> {
    vi.stubGlobal('location', new URL('https://app.example.com/orders'))
    const seen: Array<string | null> = []
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      seen.push(new Headers(init?.headers).get('authorization'))
      return new Response('{}', { headers: { 'content-type': 'application/json' } })
    }
    await createClient({ fetch, auth: bearer({ token: 'SECRET' }) }).get(path)
    return seen
  }

  // Browsers parse a backslash like a slash and drop tabs: each of these paths leaves the page's origin.
  it.each([
    '/\\evil.example.com/x',
    '\\\\evil.example.com/x',
    '/\t/evil.example.com/x',
    '//evil.example.com/x',
  ])('sends no token for the path %j, which resolves to another host', async (path) => {
    expect(new URL(path, 'https://app.example.com/orders').origin).toBe('https://evil.example.com')
    expect(await authorizationSent(path)).toEqual([null])
  })

  it('sends the token for a path on the page itself', async () => {
    expect(await authorizationSent('/api/me')).toEqual(['Bearer SECRET'])
  })
})
