import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PathParams, QueryParams } from './options.js'
import { buildUrl, isTrustedUrl, mergeQuery } from './url.js'

describe('buildUrl joins baseUrl and path', () => {
  it.each([
    ['https://api.example.com/v1', '/orders', 'https://api.example.com/v1/orders'],
    ['https://api.example.com/v1/', '/orders', 'https://api.example.com/v1/orders'],
    ['https://api.example.com/v1', 'orders', 'https://api.example.com/v1/orders'],
    ['https://api.example.com/v1/', 'orders', 'https://api.example.com/v1/orders'],
    ['https://api.example.com/v1//', '//orders', 'https://api.example.com/v1/orders'],
    ['https://api.example.com', '/orders', 'https://api.example.com/orders'],
    ['https://api.example.com/', '', 'https://api.example.com'],
    ['/api', '/orders', '/api/orders'],
    ['/api/', 'orders', '/api/orders'],
    [undefined, '/orders', '/orders'],
    ['', 'orders', 'orders'],
    ['/api', 'https://other.example.com/x', 'https://other.example.com/x'],
    ['/api', 'http://localhost:8080/x', 'http://localhost:8080/x'],
    ['https://api.example.com', 'HTTPS://cdn.example.com/a.png', 'HTTPS://cdn.example.com/a.png'],
    ['https://api.example.com', 'blob:https://app.example.com/uuid', 'blob:https://app.example.com/uuid'],
    ['https://api.example.com/v1', '/orders?status=open', 'https://api.example.com/v1/orders?status=open'],
  ])('base %j + path %j → %j', (base, path, expected) => {
    expect(buildUrl(base, path)).toBe(expected)
  })
})

describe('buildUrl fills :params', () => {
  it.each<[string, PathParams, string]>([
    ['/orders/:id', { id: 42 }, '/orders/42'],
    ['/orders/:id', { id: 'A-1_b.c~' }, '/orders/A-1_b.c~'],
    ['/orders/:id', { id: '../admin?x=1' }, '/orders/..%2Fadmin%3Fx%3D1'],
    ['/orders/:id', { id: 'a/b' }, '/orders/a%2Fb'],
    ['/orders/:id', { id: 'a b#c&d' }, '/orders/a%20b%23c%26d'],
    ['/orders/:id', { id: '%2e%2e' }, '/orders/%252e%252e'],
    ['/orders/:id', { id: 'Zürich' }, '/orders/Z%C3%BCrich'],
    ['/orders/:id', { id: '...' }, '/orders/...'],
    ['/users/:userId/orders/:orderId', { userId: 'u1', orderId: 7 }, '/users/u1/orders/7'],
    ['/files/:name.json', { name: 'report' }, '/files/report.json'],
    [':id/items', { id: 'x' }, 'x/items'],
    ['/orders/:id', { id: 1, unused: 'ignored' }, '/orders/1'],
    ['/time/12:30', {}, '/time/12:30'],
  ])('%s with %j → %s', (path, params, expected) => {
    expect(buildUrl(undefined, path, params)).toBe(expected)
  })

  it('keeps a hostile value inside one segment once resolved by URL', () => {
    const url = new URL(buildUrl('https://api.example.com/v1', '/orders/:id', { id: '../admin?x=1' }))
    expect(url.pathname).toBe('/v1/orders/..%2Fadmin%3Fx%3D1')
    expect(url.search).toBe('')
  })

  it('fills params in an absolute path and leaves its port alone', () => {
    expect(buildUrl('/api', 'http://localhost:8080/orders/:id', { id: 5 })).toBe(
      'http://localhost:8080/orders/5',
    )
  })

  it.each(['.', '..', ''])('rejects %j as a param value with a TypeError', (value) => {
    expect(() => buildUrl('/api', '/orders/:id', { id: value })).toThrow(TypeError)
    expect(() => buildUrl('/api', '/orders/:id', { id: value })).toThrow(/"id"/)
  })

  it('names the missing param in the TypeError', () => {
    expect(() => buildUrl('/api', '/users/:userId/orders/:orderId', { userId: 1 })).toThrow(
      new TypeError('Ferry: path param "orderId" of "/users/:userId/orders/:orderId" cannot be undefined.'),
    )
    expect(() => buildUrl('/api', '/orders/:id')).toThrow(/param "id" .*cannot be undefined/)
  })
})

describe('buildUrl appends the query', () => {
  it('names a query Date that is invalid instead of a bare RangeError', () => {
    expect(() => buildUrl('/api', '/orders', undefined, { since: new Date('not a date') })).toThrow(
      new TypeError('Ferry: query "since" is an invalid Date.'),
    )
  })

  const date = new Date('2024-05-06T07:08:09.000Z')
  it.each<[string, QueryParams, string]>([
    ['/orders', { page: 2, status: 'open' }, '/orders?page=2&status=open'],
    ['/orders', { expand: ['items', 'customer'] }, '/orders?expand=items&expand=customer'],
    ['/orders', { a: undefined, b: null, c: 0, d: false, e: '' }, '/orders?c=0&d=false&e='],
    ['/orders', { tags: ['x', undefined, null, 'y'] }, '/orders?tags=x&tags=y'],
    ['/orders', { since: date }, '/orders?since=2024-05-06T07%3A08%3A09.000Z'],
    ['/orders', { big: 12345678901234567890n }, '/orders?big=12345678901234567890'],
    ['/orders', { q: 'a&b=c' }, '/orders?q=a%26b%3Dc'],
    ['/orders', { q: 'two words' }, '/orders?q=two+words'],
    ['/orders', { q: 'Zürich 東京' }, '/orders?q=Z%C3%BCrich+%E6%9D%B1%E4%BA%AC'],
    ['/orders', { q: '#1 + 1?' }, '/orders?q=%231+%2B+1%3F'],
    ['/orders', { 'a b&': 'k' }, '/orders?a+b%26=k'],
    ['/orders', {}, '/orders'],
    ['/orders', { a: undefined, b: [] }, '/orders'],
    ['/orders?status=open', { page: 2 }, '/orders?status=open&page=2'],
    [
      '/orders',
      new URLSearchParams([
        ['a', '1'],
        ['a', '2'],
      ]),
      '/orders?a=1&a=2',
    ],
    ['/orders?x=1', new URLSearchParams({ q: 'a b' }), '/orders?x=1&q=a+b'],
    ['/orders', new URLSearchParams(), '/orders'],
    // A query goes before a fragment, never into it.
    ['/orders#top', { page: 2 }, '/orders?page=2#top'],
    ['/orders?status=open#top', { page: 2 }, '/orders?status=open&page=2#top'],
    ['/orders#', { page: 2 }, '/orders?page=2#'],
    ['/orders#a?b=1', { page: 2 }, '/orders?page=2#a?b=1'],
    ['/orders#a#b', { page: 2 }, '/orders?page=2#a#b'],
    ['/orders?#top', { page: 2 }, '/orders?page=2#top'],
    ['/orders?a=1&#top', { page: 2 }, '/orders?a=1&page=2#top'],
    ['/orders?a=1&', { page: 2 }, '/orders?a=1&page=2'],
    ['/orders#top', {}, '/orders#top'],
    ['/orders#top', new URLSearchParams({ q: '#x' }), '/orders?q=%23x#top'],
    ['https://api.example.com/search#results', { q: 'a' }, 'https://api.example.com/search?q=a#results'],
  ])('%s with %o → %s', (path, query, expected) => {
    expect(buildUrl(undefined, path, undefined, query)).toBe(expected)
  })

  it('decodes back to the values it was given', () => {
    const query = { q: 'a&b=c #x', list: ['1', '2'], since: date }
    const url = new URL(buildUrl('https://api.example.com', '/search', undefined, query))
    expect(url.searchParams.get('q')).toBe('a&b=c #x')
    expect(url.searchParams.getAll('list')).toEqual(['1', '2'])
    expect(url.searchParams.get('since')).toBe(date.toISOString())
    expect(url.hash).toBe('')
  })

  it('keeps the query a query and the fragment a fragment when parsed', () => {
    const url = new URL(
      buildUrl('https://api.example.com/v1', '/orders/:id#items', { id: 7 }, { expand: 'items' }),
    )
    expect(url.pathname).toBe('/v1/orders/7')
    expect(url.searchParams.get('expand')).toBe('items')
    expect(url.hash).toBe('#items')
  })

  it('combines base, params and query', () => {
    expect(buildUrl('https://api.example.com/v1/', 'orders/:id', { id: 'a/b' }, { expand: ['items'] })).toBe(
      'https://api.example.com/v1/orders/a%2Fb?expand=items',
    )
  })
})

describe('isTrustedUrl', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it.each<[string, string | undefined, ReadonlyArray<string> | undefined, boolean]>([
    ['/api/orders', undefined, undefined, true],
    ['orders/1', '/api', undefined, true],
    ['?page=2', undefined, undefined, true],
    ['https://api.example.com/v1/orders', 'https://api.example.com/v1', undefined, true],
    ['https://api.example.com/other', 'https://api.example.com/v1/', undefined, true],
    ['https://API.example.com:443/x', 'https://api.example.com', undefined, true],
    ['https://evil.example.com/x', 'https://api.example.com', undefined, false],
    ['http://api.example.com/x', 'https://api.example.com', undefined, false],
    ['https://api.example.com:8443/x', 'https://api.example.com', undefined, false],
    ['https://api.example.com.evil.com/x', 'https://api.example.com', undefined, false],
    ['https://evil.example.com/x', undefined, undefined, false],
    ['https://evil.example.com/x', '/api', undefined, false],
    ['//evil.example.com/x', '/api', undefined, false],
    ['\\\\evil.example.com/x', '/api', undefined, false],
    ['/\\evil.example.com/x', '/api', undefined, false],
    ['http://localhost/x', 'https://api.example.com', undefined, false],
    ['https://files.example.com/a', 'https://api.example.com', ['https://files.example.com'], true],
    ['https://files.example.com/a', 'https://api.example.com', ['https://files.example.com/'], true],
    ['https://other.example.com/a', 'https://api.example.com', ['https://files.example.com'], false],
    ['http://files.example.com/a', undefined, ['https://files.example.com'], false],
    ['data:text/plain,hi', 'https://api.example.com', undefined, false],
    ['http://[bad', 'https://api.example.com', undefined, false],
  ])('%s (base %s, allowed %j) → %s', (url, base, allowed, expected) => {
    expect(isTrustedUrl(url, base, allowed)).toBe(expected)
  })

  it("trusts the page's origin in a browser", () => {
    vi.stubGlobal('location', new URL('https://app.example.com/orders?page=2'))
    expect(isTrustedUrl('https://app.example.com/api/x', 'https://api.example.com', undefined)).toBe(true)
    expect(isTrustedUrl('/api/x', 'https://api.example.com', undefined)).toBe(true)
    expect(isTrustedUrl('//evil.example.com/x', '/api', undefined)).toBe(false)
    expect(isTrustedUrl('https://evil.example.com/x', '/api', undefined)).toBe(false)
  })
})

describe('mergeQuery', () => {
  it.each<[string, QueryParams | undefined, QueryParams | undefined, string]>([
    ['only the client’s', { v: '2' }, undefined, 'v=2'],
    ['only the request’s', undefined, { page: 1 }, 'page=1'],
    ['the request’s value wins', { v: '2', lang: 'en' }, { v: '3' }, 'v=3&lang=en'],
    ['undefined removes the client’s', { v: '2', lang: 'en' }, { lang: undefined }, 'v=2'],
    [
      'URLSearchParams on either side, repeated keys kept',
      new URLSearchParams('tag=a&tag=b'),
      { page: 2 },
      'tag=a&tag=b&page=2',
    ],
  ])('%s', (_name, client, request, search) => {
    expect(buildUrl('/api', '/orders', undefined, mergeQuery(client, request))).toBe(`/api/orders?${search}`)
  })
})
