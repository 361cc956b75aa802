import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { apiKey, bearer, createClient } from './index.js'
import { startServer, type TestServer } from './test-support/server.js'

// A real server shows the request target exactly as it went over the wire (no mock normalises it).
let server: TestServer
beforeAll(async () => {
  server = await startServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' })
    res.end(JSON.stringify({ target: req.url }))
  })
})
beforeEach(() => {
  server.requests.length = 0
})
afterAll(() => server.close())

const target = () => server.requests.map((request) => request.url)
const search = (url: string | undefined) => [...new URL(url ?? '', 'http://x').searchParams]

describe('path params through the client', () => {
  it('keeps an id of ../admin?x=1 in one encoded segment: the server never sees /admin', async () => {
    const api = createClient({ baseUrl: `${server.origin}/api` })

    await api.get('/users/:id/orders', { params: { id: '../admin?x=1' } })

    expect(target()).toEqual(['/api/users/..%2Fadmin%3Fx%3D1/orders'])
    expect(decodeURIComponent(target()[0]?.split('/')[3] ?? '')).toBe('../admin?x=1')
  })

  it.each([
    ['a/b', '/files/a%2Fb'],
    ['%2e%2e', '/files/%252e%252e'],
    ['#frag', '/files/%23frag'],
    ['a b+c', '/files/a%20b%2Bc'],
    ['ünï', '/files/%C3%BCn%C3%AF'],
    [42, '/files/42'],
  ])('encodes %j into one segment', async (id, expected) => {
    await createClient({ baseUrl: server.origin }).get('/files/:id', { params: { id } })
    expect(target()).toEqual([expected])
  })

  it.each(['..', '.', ''])('refuses %j, which would change the path, before sending', async (id) => {
    const api = createClient({ baseUrl: server.origin })
    await expect(api.get('/users/:id', { params: { id } })).rejects.toThrow(TypeError)
    expect(target()).toEqual([])
  })

  it('names a missing param and sends nothing', async () => {
    const api = createClient({ baseUrl: server.origin })
    await expect(api.get('/orgs/:org/users/:id', { params: { org: 'o' } })).rejects.toThrow(/"id"/)
    expect(target()).toEqual([])
  })
})

describe('query through the client', () => {
  it('repeats arrays, drops undefined and null, and encodes special characters so they round-trip', async () => {
    const api = createClient({ baseUrl: server.origin })

    await api.get('/search', {
      query: {
        tag: ['a', 'b c', 'd&e'],
        q: 'x=1&y=2#z?',
        plus: '1+1',
        unicode: 'Zoë 😀',
        skipped: undefined,
        gone: null,
        page: 2,
        draft: false,
        since: new Date('2026-01-02T03:04:05Z'),
        list: [1, undefined, 3],
      },
    })

    expect(search(target()[0])).toEqual([
      ['tag', 'a'],
      ['tag', 'b c'],
      ['tag', 'd&e'],
      ['q', 'x=1&y=2#z?'],
      ['plus', '1+1'],
      ['unicode', 'Zoë 😀'],
      ['page', '2'],
      ['draft', 'false'],
      ['since', '2026-01-02T03:04:05.000Z'],
      ['list', '1'],
      ['list', '3'],
    ])
    // Nothing the server could split on: no raw '&', '#' or '+' from the values.
    expect(target()[0]).not.toContain('#')
    expect(target()[0]).not.toMatch(/skipped|gone/)
  })

  it('appends to a query already in the path, and accepts URLSearchParams', async () => {
    const api = createClient({ baseUrl: server.origin })

    await api.get('/search?fixed=1', { query: { extra: 'two' } })
    await api.get('/search', {
      query: new URLSearchParams([
        ['a', '1'],
        ['a', '2'],
      ]),
    })
    await api.get('/search?only=1')

    expect(target()).toEqual(['/search?fixed=1&extra=two', '/search?a=1&a=2', '/search?only=1'])
  })

  it('sends the query of a path with a #fragment, and never the fragment', async () => {
    const api = createClient({ baseUrl: server.origin })

    await api.get('/search#results', { query: { q: 'ferry', page: 2 } })
    await api.get('/search?fixed=1#results', { query: { extra: 'two' } })
    await api.get(`${server.origin}/absolute#top`, { query: { q: 'x' } })

    expect(target()).toEqual(['/search?q=ferry&page=2', '/search?fixed=1&extra=two', '/absolute?q=x'])
  })

  it('sends no question mark for an empty query', async () => {
    await createClient({ baseUrl: server.origin }).get('/plain', { query: { gone: undefined } })
    expect(target()).toEqual(['/plain'])
  })
})

describe('baseUrl joining through the client', () => {
  it.each([
    ['/api/v1', '/orders', '/api/v1/orders'],
    ['/api/v1/', '/orders', '/api/v1/orders'],
    ['/api/v1', 'orders', '/api/v1/orders'],
    ['/api/v1//', '//orders', '/api/v1/orders'],
    ['', '/orders', '/orders'],
    ['/api', '', '/api'],
  ])('joins %j and %j into %j', async (basePath, path, expected) => {
    await createClient({ baseUrl: `${server.origin}${basePath}` }).get(path)
    expect(target()).toEqual([expected])
  })

  it('uses an absolute URL as is, ignoring baseUrl', async () => {
    const api = createClient({ baseUrl: `${server.origin}/api/v1` })
    await expect(api.get(`${server.origin}/elsewhere?x=1`)).resolves.toEqual({ target: '/elsewhere?x=1' })
  })

  it('refuses a relative URL without a baseUrl outside a browser, with a clear message', async () => {
    await expect(createClient().get('/orders')).rejects.toThrow(/relative URL "\/orders".*baseUrl/)
  })
})

describe('credentials across redirects', () => {
  /** A redirect from the API to `target` and back-to-self, recording what each hop received. */
  async function redirectTo(foreign: boolean) {
    const other = await startServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"landed":"other"}')
    })
    const api = await startServer((req, res) => {
      if (req.url === '/start') {
        res.writeHead(302, { Location: foreign ? `${other.origin}/landing` : '/landing' })
        res.end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"landed":"api"}')
    })
    return { api, other, close: () => Promise.all([api.close(), other.close()]) }
  }

  it('keeps the credentials on a same-origin redirect', async () => {
    const { api, close } = await redirectTo(false)
    try {
      const client = createClient({ baseUrl: api.origin, auth: bearer({ token: 'tok-1' }) })
      await expect(client.get('/start')).resolves.toEqual({ landed: 'api' })
      expect(api.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
        ['/start', 'Bearer tok-1'],
        ['/landing', 'Bearer tok-1'],
      ])
    } finally {
      await close()
    }
  })

  it('keeps an apiKey() header on a same-origin redirect, and follows a POST answered 303 with a GET', async () => {
    const api = await startServer((req, res) => {
      if (req.url === '/orders') {
        res.writeHead(303, { Location: '/orders/7' })
        res.end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end('{"id":7}')
    })
    try {
      const client = createClient({ baseUrl: api.origin, auth: apiKey({ value: 'key-1' }) })
      await expect(client.post('/orders', { body: { item: 'a' } })).resolves.toEqual({ id: 7 })
      expect(api.requests.map((r) => [r.method, r.url, r.headers['x-api-key']])).toEqual([
        ['POST', '/orders', 'key-1'],
        ['GET', '/orders/7', 'key-1'],
      ])
    } finally {
      await api.close()
    }
  })

  /** An API whose `/from` answers `status` with `Location: /to`, recording every hop. */
  async function redirecting(status: number) {
    return startServer((req, res) => {
      if (req.url === '/from') {
        res.writeHead(status, { Location: '/to' })
        res.end()
        return
      }
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Landed': 'yes' })
      res.end(req.method === 'HEAD' ? undefined : '{"landed":true}')
    })
  }

  it('keeps a HEAD a HEAD across a 303, as fetch does', async () => {
    const api = await redirecting(303)
    try {
      const client = createClient({ baseUrl: api.origin, auth: apiKey({ value: 'key-1' }) })
      await client.head('/from')
      expect(api.requests.map((r) => [r.method, r.url])).toEqual([
        ['HEAD', '/from'],
        ['HEAD', '/to'],
      ])
    } finally {
      await api.close()
    }
  })

  it.each([
    ['POST', 303],
    ['PUT', 303],
    ['POST', 302],
    ['POST', 301],
  ] as const)(
    'turns a %s answered %i into a GET without the body and its Content-Type/Length',
    async (method, status) => {
      const api = await redirecting(status)
      try {
        const client = createClient({ baseUrl: api.origin, auth: apiKey({ value: 'key-1' }) })
        await expect(client.request(method, '/from', { body: { item: 'a' } })).resolves.toEqual({
          landed: true,
        })
        const [first, second] = api.requests
        expect([first?.method, first?.headers['content-type'], first?.body.toString()]).toEqual([
          method,
          'application/json',
          '{"item":"a"}',
        ])
        expect([second?.method, second?.url, second?.headers['x-api-key']]).toEqual(['GET', '/to', 'key-1'])
        expect(second?.headers['content-type']).toBeUndefined()
        expect(second?.headers['content-length']).toBeUndefined()
        expect(second?.body.byteLength).toBe(0)
      } finally {
        await api.close()
      }
    },
  )

  it('re-sends a PUT with its body and Content-Type across a 307', async () => {
    const api = await redirecting(307)
    try {
      const client = createClient({ baseUrl: api.origin, auth: apiKey({ value: 'key-1' }) })
      await client.put('/from', { body: { item: 'a' } })
      expect(
        api.requests.map((r) => [r.method, r.url, r.headers['content-type'], r.body.toString()]),
      ).toEqual([
        ['PUT', '/from', 'application/json', '{"item":"a"}'],
        ['PUT', '/to', 'application/json', '{"item":"a"}'],
      ])
    } finally {
      await api.close()
    }
  })

  it('drops the Authorization header when a redirect leads to another origin', async () => {
    const { api, other, close } = await redirectTo(true)
    try {
      const client = createClient({ baseUrl: api.origin, auth: bearer({ token: 'tok-1' }) })
      await expect(client.get('/start')).resolves.toEqual({ landed: 'other' })
      expect(other.requests.map((r) => r.headers.authorization)).toEqual([undefined])
    } finally {
      await close()
    }
  })

  // fetch itself strips only Authorization and Cookie on a cross-origin redirect.
  it('drops an apiKey() header when a redirect leads to another origin', async () => {
    const { api, other, close } = await redirectTo(true)
    try {
      const client = createClient({ baseUrl: api.origin, auth: apiKey({ value: 'key-1' }) })
      await client.get('/start')
      expect(api.requests[0]?.headers['x-api-key']).toBe('key-1')
      expect(other.requests.map((r) => r.headers['x-api-key'])).toEqual([undefined])
    } finally {
      await close()
    }
  })
})
