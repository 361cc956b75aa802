// `init` passthrough, client `query` defaults and `extend` merging.
import { describe, expect, it } from 'vitest'
import { createClient } from './client.js'
import type { FerryRequest, Middleware } from './middleware.js'
import { observe } from './observe.js'
import type { ClientOptions, FetchInit } from './options.js'
import { API, route, stubFetch, useServer } from './test-support/msw.js'

useServer()

const echo = () => stubFetch(() => Response.json({ ok: true }))

describe('init', () => {
  it('passes every key to fetch untouched: DOM options and a runtime’s own (dispatcher, next)', async () => {
    const stub = echo()
    const dispatcher = { dispatch: () => true }
    const next = { revalidate: 60 }
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      init: { cache: 'no-store', priority: 'low' },
    })
    const dom: FetchInit = {
      priority: 'high',
      integrity: 'sha256-abc',
      referrer: 'https://app.test/orders',
      referrerPolicy: 'no-referrer',
      redirect: 'error',
      mode: 'cors',
      keepalive: true,
      credentials: 'include',
    }
    await api.get('/orders', { init: { ...dom, ...{ dispatcher, next } } })
    const init = stub.calls[0]?.init
    // The request's keys over the client's, key by key; the client's `cache` stays.
    expect(init).toMatchObject({ method: 'GET', cache: 'no-store', ...dom })
    expect(init && 'dispatcher' in init && init.dispatcher).toBe(dispatcher)
    expect(init && 'next' in init && init.next).toBe(next)
  })

  it('cannot set what Ferry owns: method, headers, body and signal', async () => {
    const stub = echo()
    const api = createClient({ baseUrl: API, fetch: stub.fetch })
    // A RequestInit from elsewhere (typed FetchInit rejects these keys in a literal).
    const sneaky: RequestInit = { method: 'DELETE', body: 'x', headers: { a: 'b' } }
    await api.post('/orders', { body: { sku: 'A1' }, init: { ...sneaky } })
    const init = stub.calls[0]?.init
    expect(init?.method).toBe('POST')
    expect(init?.body).toBe('{"sku":"A1"}')
    expect(init?.headers).toBeInstanceOf(Headers)
  })

  it('an untrusted origin gets credentials: same-origin whatever init says', async () => {
    const stub = echo()
    const api = createClient({ baseUrl: API, fetch: stub.fetch, init: { credentials: 'include' } })
    await api.get('https://tracker.other.test/pixel', { init: { credentials: 'include' } })
    await api.get('/mine')
    expect(stub.calls.map((call) => call.init.credentials)).toEqual(['same-origin', 'include'])
  })
})

describe('client query', () => {
  it('is merged with the request’s name by name; the request wins and undefined removes', async () => {
    const recorded = route('get', '/orders', () => Response.json([]))
    const api = createClient({ baseUrl: API, query: { v: '2', tenant: 'acme', tag: ['a', 'b'] } })
    await api.get('/orders')
    await api.get('/orders', { query: { page: 3, v: '3' } })
    await api.get('/orders', { query: { tenant: undefined, tag: 'c' } })
    await api.get('/orders', { query: new URLSearchParams('page=1&v=4') })
    expect(recorded.requests.map((request) => new URL(request.url).search)).toEqual([
      '?v=2&tenant=acme&tag=a&tag=b',
      '?v=3&tenant=acme&tag=a&tag=b&page=3',
      '?v=2&tag=c',
      '?v=4&tenant=acme&tag=a&tag=b&page=1',
    ])
  })
})

describe('extend merging', () => {
  const seen = (): { calls: string[]; step: (name: string) => Middleware } => {
    const calls: string[] = []
    return {
      calls,
      step: (name) => (request: FerryRequest, next) => {
        calls.push(name)
        return next(request)
      },
    }
  }

  it('merges headers, query, init and use, and replaces the rest', async () => {
    const stub = echo()
    const order = seen()
    const parent = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      headers: { 'x-app': 'ferry', 'x-drop': '1' },
      query: { v: '2', debug: '1' },
      init: { cache: 'no-store', credentials: 'include' },
      use: [order.step('parent')],
      throwHttpErrors: false,
      timeout: 5000,
    })
    const child = parent.extend({
      baseUrl: `${API}/admin`,
      headers: { 'x-tenant': 'acme', 'x-drop': undefined },
      query: { debug: undefined, page: 1 },
      init: { priority: 'high' },
      use: [order.step('child')],
      throwHttpErrors: true,
    })
    await child.get('/orders')
    const call = stub.calls[0]
    expect(call?.url).toBe(`${API}/admin/orders?v=2&page=1`)
    const headers = new Headers(call?.init.headers)
    expect([headers.get('x-app'), headers.get('x-tenant'), headers.get('x-drop')]).toEqual([
      'ferry',
      'acme',
      null,
    ])
    expect(call?.init).toMatchObject({ cache: 'no-store', credentials: 'include', priority: 'high' })
    expect(order.calls).toEqual(['parent', 'child'])
    expect(child.options).toMatchObject({ throwHttpErrors: true, timeout: 5000 })
  })

  // Every option not merged above is replaced by the child's, and kept when the child does not set it.
  const replaced: Array<[keyof ClientOptions, unknown, unknown]> = [
    ['baseUrl', 'https://a.test', 'https://b.test'],
    ['timeout', 1000, false],
    ['totalTimeout', 5000, 9000],
    ['throwHttpErrors', false, (status: number) => status >= 500],
    ['parseJson', JSON.parse, (text: string) => text],
    ['stringifyJson', JSON.stringify, String],
    ['events', observe(() => {}), observe(() => {})],
    ['redactQuery', ['a'], ['b']],
    ['allowedOrigins', ['https://x.test'], ['https://y.test']],
    ['fetch', globalThis.fetch, stubFetch(() => Response.json({})).fetch],
  ]
  it.each(replaced)('%s: replaced by the child’s, kept when unset', (key, parentValue, childValue) => {
    const parent = createClient({ [key]: parentValue })
    expect(parent.extend({ [key]: childValue }).options[key]).toBe(childValue)
    expect(parent.extend({}).options[key]).toBe(parentValue)
  })

  // [case, parent retry, child retry, the child's options.retry]
  const retries: Array<[string, ClientOptions['retry'], ClientOptions['retry'], ClientOptions['retry']]> = [
    ['field by field', { limit: 4, baseDelay: 100 }, { limit: 1 }, { limit: 1, baseDelay: 100 }],
    [
      'fields the child does not set keep the parent’s',
      { limit: 4 },
      { maxDelay: 50 },
      { limit: 4, maxDelay: 50 },
    ],
    ['a number over an object sets the limit only', { baseDelay: 100 }, 3, 3],
    ['false replaces', { limit: 4 }, false, false],
    ['an object over a number keeps it as the limit', 5, { baseDelay: 10 }, { limit: 5, baseDelay: 10 }],
    ['nothing keeps the parent’s', { limit: 4 }, undefined, { limit: 4 }],
  ]
  it.each(retries)('retry: %s', (_name, parent, child, expected) => {
    const api = createClient({ baseUrl: API, ...(parent === undefined ? {} : { retry: parent }) })
    const derived = api.extend(child === undefined ? {} : { retry: child })
    expect(derived.options.retry).toEqual(expected)
  })

  it('retry merged field by field governs the derived client’s requests', async () => {
    const stub = stubFetch((call) => (call < 3 ? new Response(null, { status: 418 }) : Response.json([1])))
    const api = createClient({
      baseUrl: API,
      fetch: stub.fetch,
      retry: { statuses: [418], baseDelay: 1, maxDelay: 1 },
    })
    expect(await api.extend({ retry: { limit: 2 } }).get('/tea')).toEqual([1])
    expect(stub.calls).toHaveLength(3)
  })
})
