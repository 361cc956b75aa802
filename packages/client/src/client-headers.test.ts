import { describe, expect, it } from 'vitest'
import { createClient } from './index.js'
import { API, ok, route, useServer } from './test-support/msw.js'

useServer()

describe('a header set to undefined is removed, not sent as "undefined"', () => {
  it('removes a header createClient set, for that request only', async () => {
    const seen = route('get', '/orders', [ok()])
    const api = createClient({ baseUrl: API, headers: { 'X-Tenant': 'acme', 'X-App': 'console' } })

    await api.get('/orders', { headers: { 'x-tenant': undefined } })
    await api.get('/orders')

    expect(seen.header('x-tenant')).toEqual([null, 'acme'])
    expect(seen.header('x-app')).toEqual(['console', 'console'])
  })

  it('sends no "undefined" for a header the client never set', async () => {
    const seen = route('get', '/orders', [ok()])
    await createClient({ baseUrl: API }).get('/orders', {
      headers: { 'X-Debug': undefined, 'X-Trace': 'on' },
    })

    expect(seen.header('x-debug')).toEqual([null])
    expect(seen.header('x-trace')).toEqual(['on'])
    expect([...(seen.requests[0]?.headers.values() ?? [])]).not.toContain('undefined')
  })

  it('lets extend remove what the parent set, leaving the parent as it was', async () => {
    const seen = route('get', '/orders', [ok()])
    const api = createClient({
      baseUrl: API,
      headers: { Authorization: 'Bearer parent', 'X-Tenant': 'acme' },
    })
    const anonymous = api.extend({ headers: { authorization: undefined } })

    await anonymous.get('/orders')
    await api.get('/orders')

    expect(seen.header('authorization')).toEqual([null, 'Bearer parent'])
    expect(seen.header('x-tenant')).toEqual(['acme', 'acme'])
  })

  it('lets a grandchild remove a header set by the root, through a child that kept it', async () => {
    const seen = route('get', '/orders', [ok()])
    const root = createClient({ baseUrl: API, headers: { 'X-Tenant': 'acme' } })
    const child = root.extend({ headers: { 'X-Region': 'eu' } })
    const grandchild = child.extend({ headers: { 'x-tenant': undefined } })

    await grandchild.get('/orders')
    await child.get('/orders')

    expect(seen.header('x-tenant')).toEqual([null, 'acme'])
    expect(seen.header('x-region')).toEqual(['eu', 'eu'])
  })

  it('lets a request set again what its client removed', async () => {
    const seen = route('get', '/orders', [ok()])
    const root = createClient({ baseUrl: API, headers: { 'X-Tenant': 'acme' } })
    const child = root.extend({ headers: { 'X-Tenant': undefined } })

    await child.get('/orders', { headers: { 'X-Tenant': 'beta' } })
    await child.get('/orders')

    expect(seen.header('x-tenant')).toEqual(['beta', null])
  })

  it('removes a header on every attempt of a retried request', async () => {
    const seen = route('put', '/orders/1', [
      () => new Response(null, { status: 503, headers: { 'Retry-After': '0' } }),
      ok(),
    ])
    const api = createClient({ baseUrl: API, headers: { 'X-Tenant': 'acme' } })

    await api.put('/orders/1', { body: { qty: 1 }, headers: { 'X-Tenant': undefined } })

    expect(seen.header('x-tenant')).toEqual([null, null])
  })
})
